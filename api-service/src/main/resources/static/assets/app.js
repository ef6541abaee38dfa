// The page: sign in with a key, submit a video, watch the job, play the results, list recent jobs.
// Plain ES modules, no build step; nothing is loaded from anywhere but this server (and, for results, its storage).

import { api, apiKey, ApiError, follow } from './api.js';
import { submit } from './upload.js';
import { JobPanel } from './job.js';
import { JobList } from './jobs.js';
import * as words from './words.js';

const $ = selector => document.querySelector(selector);

const announcer = $('#announcer');
function announce(text) {
  // a change of text is what a live region reads: clear it first, so the same words are read again
  announcer.textContent = '';
  requestAnimationFrame(() => { announcer.textContent = text; });
}

const panel = new JobPanel($('#job'), { announce });
const list = new JobList($('#history'), { open: id => openJob(id), refused: () => keyRefused() });
let stopFollowing = () => {};
let upload = null;
let keysOff = false;

// --- signing in ------------------------------------------------------------------------------------------------

function showSignedIn() {
  $('#sign-in').hidden = true;
  $('#workspace').hidden = false;
  $('#signed-in').hidden = false;
  const key = apiKey.get();
  $('#signed-in-as').textContent = keysOff ? 'This server needs no key' : `Key …${key.slice(-4)}`;
  $('#sign-out').hidden = keysOff;
  list.start();
  const wanted = new URLSearchParams(location.search).get('job');
  if (wanted) {
    openJob(wanted, { replace: true });
  }
}

function showSignIn(message = '') {
  stopFollowing();
  upload?.abort();
  list.stop();
  panel.close();
  $('#workspace').hidden = true;
  $('#signed-in').hidden = true;
  $('#sign-in').hidden = false;
  $('#key').value = '';
  $('#key-error').textContent = message;
  $('#key').setAttribute('aria-invalid', String(Boolean(message)));
}

function keyRefused() {
  apiKey.clear();
  showSignIn('This server no longer accepts the key. Enter it again, or another one.');
  $('#key').focus();
}

$('#key-form').addEventListener('submit', async event => {
  event.preventDefault();
  const key = $('#key').value.trim();
  const error = $('#key-error');
  if (!key) {
    error.textContent = 'Enter your API key.';
    $('#key').setAttribute('aria-invalid', 'true');
    $('#key').focus();
    return;
  }
  const button = $('#key-save');
  button.disabled = true;
  error.textContent = '';
  apiKey.set(key);
  try {
    await api('/api/jobs?limit=1');
  } catch (e) {
    // a server without the job list (404, 405) still told us the key passed: only a 401 refuses it
    if (!(e instanceof ApiError) || e.status === 401) {
      apiKey.clear();
      error.textContent = e instanceof ApiError ? 'This key is not accepted here. Check it and try again.'
        : 'The server cannot be reached. Try again in a moment.';
      $('#key').setAttribute('aria-invalid', 'true');
      $('#key').focus();
      button.disabled = false;
      return;
    }
  }
  button.disabled = false;
  $('#key').setAttribute('aria-invalid', 'false');
  showSignedIn();
  announce('Signed in. Choose a video to transcode.');
  $('#file').focus();
});

$('#sign-out').addEventListener('click', () => {
  apiKey.clear();
  history.replaceState(null, '', '/');
  showSignIn();
  announce('Signed out. The key is forgotten.');
  $('#key').focus();
});

// --- formats ---------------------------------------------------------------------------------------------------

async function loadFormats() {
  const box = $('#formats');
  try {
    const formats = await api('/api/formats', { key: false });
    box.replaceChildren(...formats.map(format => {
      const input = Object.assign(document.createElement('input'),
        { type: 'checkbox', name: 'formats', value: format.id, id: `format-${format.id}` });
      input.setAttribute('aria-describedby', `format-about-${format.id}`);
      const label = document.createElement('label');
      label.className = 'chip';
      label.htmlFor = input.id;
      label.title = format.description;
      const name = Object.assign(document.createElement('span'), { className: 'chip-name', textContent: format.id });
      const kind = Object.assign(document.createElement('span'),
        { className: 'chip-kind', textContent: words.kind(format.kind) });
      label.append(name, kind);
      const chip = document.createElement('span');
      chip.className = 'chip-box';
      chip.append(input, label);
      return chip;
    }));
    $('#format-descriptions').replaceChildren(...formats.flatMap(format => [
      Object.assign(document.createElement('dt'), { textContent: format.id }),
      Object.assign(document.createElement('dd'), { id: `format-about-${format.id}`, textContent: format.description }),
    ]));
    // the usual start: a video for every browser
    const mp4 = box.querySelector('input[value="mp4"]');
    if (mp4) {
      mp4.checked = true;
    }
  } catch (e) {
    box.textContent = `The formats could not be loaded: ${e.message}`;
  }
  box.removeAttribute('aria-busy');
}

// --- choosing a video ------------------------------------------------------------------------------------------

let chosen = null;

function choose(file) {
  chosen = file || null;
  $('#file-chosen').textContent = chosen ? `${chosen.name} — ${words.bytes(chosen.size)}` : 'No video chosen yet';
  $('#drop').classList.toggle('has-file', Boolean(chosen));
}

$('#file').addEventListener('change', () => choose($('#file').files[0]));

const drop = $('#drop');
for (const type of ['dragenter', 'dragover']) {
  drop.addEventListener(type, event => {
    event.preventDefault();
    drop.classList.add('dragging');
  });
}
for (const type of ['dragleave', 'dragend']) {
  drop.addEventListener(type, () => drop.classList.remove('dragging'));
}
drop.addEventListener('drop', event => {
  event.preventDefault();
  drop.classList.remove('dragging');
  const files = event.dataTransfer?.files;
  if (files?.length) {
    $('#file').files = files; // the form shows what is sent
    choose(files[0]);
    announce(`Chosen: ${files[0].name}.`);
  }
});
// a file dropped beside the zone must not replace the page
window.addEventListener('dragover', event => event.preventDefault());
window.addEventListener('drop', event => event.preventDefault());

// --- submitting --------------------------------------------------------------------------------------------------

function invalid(field, message) {
  const error = $('#form-error');
  error.textContent = message;
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  }
  return false;
}

function parsed(url) {
  try {
    return new URL(url);
  } catch (e) {
    return null;
  }
}

function check() {
  for (const field of document.querySelectorAll('#new-job [aria-invalid]')) {
    field.removeAttribute('aria-invalid');
  }
  $('#form-error').textContent = '';
  if (!chosen) {
    return invalid($('#file'), 'Choose a video first.');
  }
  if (!document.querySelector('#formats input[name=formats]:checked')) {
    return invalid(document.querySelector('#formats input[name=formats]'), 'Pick at least one format.');
  }
  const email = $('#email');
  if (!email.value.trim() || !email.checkValidity()) {
    return invalid(email, 'Enter the email address the result should go to.');
  }
  const callback = $('#callback-url');
  if (callback.value.trim() && !['http:', 'https:'].includes(parsed(callback.value.trim())?.protocol)) {
    return invalid(callback, 'A callback URL is a web address starting with http or https.');
  }
  return true;
}

function showUpload(file) {
  $('#upload').hidden = false;
  $('#upload').dataset.state = 'sending';
  $('#upload-verb').textContent = 'Uploading';
  $('#upload-name').textContent = file.name;
  $('#upload-progress').value = 0;
  $('#upload-bytes').textContent = `0 B of ${words.bytes(file.size)}`;
  $('#upload-speed').textContent = '—';
  $('#upload-eta').textContent = '—';
  $('#upload-status').textContent = 'Sending…';
  $('#upload-abort').hidden = false;
}

$('#new-job').addEventListener('submit', async event => {
  event.preventDefault();
  if (upload || !check()) {
    return;
  }
  const fields = [...document.querySelectorAll('#formats input[name=formats]:checked')].map(box => ['formats', box.value]);
  fields.push(['email', $('#email').value.trim()]);
  if ($('#callback-url').value.trim()) {
    fields.push(['callbackUrl', $('#callback-url').value.trim()]);
  }
  const file = chosen;
  showUpload(file);
  $('#submit').disabled = true;
  announce(`Uploading ${file.name}.`);
  let quarter = 0;
  let shown = 0;
  upload = submit(fields, file, {
    progress({ loaded, total, speed, remaining }) {
      const percent = total ? Math.floor((loaded / total) * 100) : 0;
      const now = performance.now();
      if (now - shown > 200 || loaded === total) { // a few updates a second are plenty to read
        shown = now;
        $('#upload-progress').value = percent;
        $('#upload-bytes').textContent = `${words.bytes(loaded)} of ${words.bytes(total)}`;
        $('#upload-speed').textContent = Number.isFinite(speed) ? `${words.bytes(speed)}/s` : '—';
        $('#upload-eta').textContent = Number.isFinite(remaining) ? words.duration(remaining) : '—';
      }
      if (Math.floor(percent / 25) > quarter && percent < 100) {
        quarter = Math.floor(percent / 25);
        announce(`Upload ${quarter * 25} percent.`);
      }
    },
    sent({ speed }) {
      $('#upload-progress').value = 100;
      $('#upload-bytes').textContent = `${words.bytes(file.size)} of ${words.bytes(file.size)}`;
      $('#upload-speed').textContent = Number.isFinite(speed) ? `${words.bytes(speed)}/s on average` : '—';
      $('#upload-eta').textContent = 'done';
      $('#upload-status').textContent = 'Sent. Waiting for the server to confirm…';
      $('#upload-abort').hidden = true;
      announce('Upload complete.');
    },
  });
  try {
    const job = await upload.done;
    // stays in sight at 100 %, saying where the upload went, until the next one
    $('#upload').dataset.state = 'done';
    $('#upload-verb').textContent = 'Uploaded';
    $('#upload-status').textContent = 'Uploaded: the job is below.';
    $('#file').value = '';
    choose(null);
    openJob(job.id, { view: job });
    list.refresh();
  } catch (error) {
    $('#upload').hidden = true;
    $('#upload').dataset.state = error.aborted ? 'aborted' : 'failed';
    if (error.aborted) {
      $('#form-error').textContent = 'Upload aborted: nothing was submitted.';
      announce('Upload aborted.');
    } else if (error.cutOff) {
      $('#form-error').textContent = 'The upload was cut off: the connection dropped, or the video is larger '
        + 'than this server accepts.';
    } else if (error instanceof ApiError && error.status === 401) {
      keyRefused();
    } else {
      $('#form-error').textContent = error.message
        + (error.retryAfter ? ` Try again in ${words.duration(Number(error.retryAfter))}.` : '');
    }
    if ($('#form-error').textContent) {
      announce($('#form-error').textContent);
    }
  } finally {
    upload = null;
    $('#submit').disabled = false;
  }
});

$('#upload-abort').addEventListener('click', () => upload?.abort());

// --- the open job ------------------------------------------------------------------------------------------------

let lastState = null;

function openJob(jobId, { view, replace = false } = {}) {
  stopFollowing();
  const url = `/?job=${encodeURIComponent(jobId)}`;
  if (location.pathname + location.search !== url) {
    history[replace ? 'replaceState' : 'pushState']({ job: jobId }, '', url);
  }
  panel.open(jobId);
  list.select(jobId);
  lastState = null;
  if (view) {
    shown(view);
  }
  $('#job').scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  stopFollowing = follow(jobId, {
    view: shown,
    trouble: () => panel.reconnecting(),
    fatal: error => {
      if (error.status === 401) {
        keyRefused();
        return;
      }
      panel.close();
      $('#form-error').textContent = error.status === 404
        ? 'That job does not exist, or it belongs to another key (jobs are kept for a while, then forgotten).'
        : error.message;
      announce($('#form-error').textContent);
    },
  });
}

function shown(job) {
  panel.show(job);
  if (job.state !== lastState) {
    lastState = job.state;
    list.refresh(); // the list shows the new state at once rather than at its next poll
  }
}

async function act(button, method, path, done) {
  const error = $('#job-action-error');
  error.textContent = '';
  button.disabled = true;
  try {
    const job = await api(path, { method });
    done(job);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      keyRefused();
      return;
    }
    error.textContent = e.message;
    announce(e.message);
  } finally {
    button.disabled = false;
  }
}

$('#cancel').addEventListener('click', () => {
  const id = $('#job').dataset.jobId;
  act($('#cancel'), 'DELETE', `/api/jobs/${encodeURIComponent(id)}`, job => {
    shown(job);
    announce('Job cancelled.');
  });
});

$('#retry').addEventListener('click', () => {
  const id = $('#job').dataset.jobId;
  // the stream of the ended attempt is over: follow the new one
  act($('#retry'), 'POST', `/api/jobs/${encodeURIComponent(id)}/retry`, job => {
    openJob(id, { view: job, replace: true });
    announce('Trying again.');
  });
});

$('#job-close').addEventListener('click', () => {
  stopFollowing();
  panel.close();
  list.select(null);
  history.pushState(null, '', '/');
  $('#file').focus();
});

window.addEventListener('popstate', () => {
  if ($('#workspace').hidden) {
    return;
  }
  const wanted = new URLSearchParams(location.search).get('job');
  if (wanted && wanted !== $('#job').dataset.jobId) {
    openJob(wanted, { replace: true });
  } else if (!wanted) {
    stopFollowing();
    panel.close();
    list.select(null);
  }
});

// --- start -------------------------------------------------------------------------------------------------------

loadFormats();
if (apiKey.get()) {
  showSignedIn();
} else {
  // with api.auth=none every request passes without a key: no reason to ask for one
  fetch('/api/jobs?limit=1', { cache: 'no-store' }).then(response => {
    if (response.status !== 401 && response.status < 500 && !apiKey.get()) {
      keysOff = true;
      showSignedIn();
    }
  }).catch(() => {});
}
