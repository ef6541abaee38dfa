'use strict';
// The API wants a key on every request; the page keeps it for this tab only (sessionStorage).
const form = document.getElementById('upload');
const formats = document.getElementById('formats');
const error = document.getElementById('error');

form.key.value = sessionStorage.getItem('transcoder.key') || '';
form.key.addEventListener('change', () => sessionStorage.setItem('transcoder.key', form.key.value.trim()));

function headers() {
  return { Authorization: `Bearer ${form.key.value.trim()}` };
}

async function problem(response) {
  const body = await response.json().catch(() => ({}));
  return body.detail || body.title || `The server answered ${response.status}.`;
}

async function loadFormats() {
  const response = await fetch('/api/formats');
  if (!response.ok) {
    formats.textContent = await problem(response);
    return;
  }
  const list = await response.json();
  formats.replaceChildren(...list.map(f => {
    const label = document.createElement('label');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'formats', value: f.id });
    label.append(box, ` ${f.id}: ${f.description}`);
    return label;
  }));
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  error.textContent = '';
  // text parts first, so the server can refuse a bad request before the video streams in
  const data = new FormData();
  form.querySelectorAll('input[name=formats]:checked').forEach(box => data.append('formats', box.value));
  data.append('email', form.email.value);
  data.append('file', form.file.files[0]);
  let response;
  try {
    response = await fetch('/api/jobs', { method: 'POST', body: data, headers: headers() });
  } catch (e) {
    // the server closes the connection after refusing an upload it will not read to the end (413)
    error.textContent = 'The upload was cut off: the video may be larger than the server accepts.';
    return;
  }
  if (!response.ok) {
    error.textContent = await problem(response);
    return;
  }
  watch((await response.json()).id);
});

// EventSource cannot send a key, so the event stream is read with fetch and split into events here.
async function watch(id) {
  document.getElementById('job').hidden = false;
  document.getElementById('job-id').textContent = id;
  const response = await fetch(`/api/jobs/${id}/events`, { headers: headers() });
  if (!response.ok) {
    error.textContent = await problem(response);
    return;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const data = buffer.slice(0, end).split('\n').filter(line => line.startsWith('data:'))
        .map(line => line.slice(5)).join('\n');
      buffer = buffer.slice(end + 2);
      if (data) {
        show(JSON.parse(data));
      }
    }
  }
}

function show(job) {
  document.getElementById('job-state').textContent = job.state;
  document.getElementById('job-progress').value = job.progress;
  const outputs = document.getElementById('job-outputs');
  outputs.replaceChildren(...(job.outputs || []).map(o => {
    const item = document.createElement('li');
    const link = Object.assign(document.createElement('a'), { href: o.url, textContent: `${o.format}: ${o.fileName}` });
    item.append(link, ` (${(o.size / 1048576).toFixed(1)} MB)`);
    // pictures (a poster, a storyboard) come with each of their files
    if (o.files) {
      const files = document.createElement('ul');
      files.append(...o.files.map(f => {
        const file = document.createElement('li');
        file.append(Object.assign(document.createElement('a'), { href: f.url, textContent: f.path }));
        return file;
      }));
      item.append(files);
    }
    return item;
  }));
  if (job.error) {
    error.textContent = `${job.error.code}: ${job.error.message}`;
  }
}

loadFormats();
