// The open job: its state, phase, progress overall and per format, time left, failure, actions and results.

import * as words from './words.js';
import { Player } from './player.js';

const $ = (root, selector) => root.querySelector(selector);

function element(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

export class JobPanel {
  /**
   * @param announce tells screen readers (the page's aria-live region)
   */
  constructor(root, { announce }) {
    this.root = root;
    this.announce = announce;
    this.player = new Player(root);
    this.view = null;
    this.ticker = null;
  }

  /** Empties the panel for another job. */
  open(jobId) {
    this.view = null;
    this.shownResults = null;
    this.lastAnnounced = null;
    this.root.dataset.jobId = jobId;
    this.root.dataset.state = '';
    this.root.hidden = false;
    $(this.root, '#job-title').textContent = 'Loading the job…';
    $(this.root, '#job-id').textContent = jobId;
    $(this.root, '#job-state').textContent = '…';
    $(this.root, '#job-phase').textContent = '—';
    $(this.root, '#job-eta').textContent = '—';
    $(this.root, '#job-percent').textContent = '';
    $(this.root, '#job-progress').value = 0;
    $(this.root, '#format-progress').replaceChildren();
    $(this.root, '#job-connection').hidden = true;
    $(this.root, '#job-action-error').textContent = '';
    for (const id of ['#job-waiting', '#job-error', '#job-failures', '#job-notes', '#cancel', '#retry', '#results']) {
      $(this.root, id).hidden = true;
    }
    this.player.clear();
  }

  close() {
    this.stopTicker();
    this.player.clear();
    this.view = null;
    this.root.hidden = true;
    this.root.dataset.jobId = '';
    this.root.dataset.state = '';
  }

  /** Shows a view of the job (from its event stream, or the answer to a cancel or a retry). */
  show(job) {
    if (job.id !== this.root.dataset.jobId) {
      return;
    }
    const before = this.view;
    this.view = job;
    const root = this.root;
    root.dataset.state = job.state;
    $(root, '#job-connection').hidden = true;
    $(root, '#job-title').textContent = job.sourceName || 'Untitled video';
    $(root, '#job-state').textContent = words.state(job.state);
    $(root, '#job-phase').textContent = words.phase(job.phase || job.state);
    $(root, '#job-attempt').textContent = String(job.attempt || 1);
    $(root, '#job-progress').value = job.progress;
    $(root, '#job-percent').textContent = `${job.progress} %`;
    this.showFormats(job);
    this.showEta();
    const waiting = $(root, '#job-waiting');
    waiting.hidden = !job.waiting;
    waiting.textContent = job.waiting ? `Waiting: ${job.waiting}` : '';
    this.showError(job);
    this.showFailures(job);
    this.showNotes(job);
    const ended = words.TERMINAL.has(job.state);
    $(root, '#cancel').hidden = ended;
    $(root, '#retry').hidden = !(job.state === 'FAILED' && (!job.error || words.retryable(job.error.code))
      || job.state === 'COMPLETED' && job.failures?.length > 0);
    if (job.state === 'COMPLETED' && this.shownResults !== job.attempt) {
      this.shownResults = job.attempt;
      this.showResults(job);
    } else if (job.state !== 'COMPLETED') {
      this.shownResults = null;
      $(root, '#results').hidden = true;
    }
    this.tell(before, job);
  }

  showFormats(job) {
    const list = $(this.root, '#format-progress');
    const progress = job.formatProgress || {};
    for (const [format, percent] of Object.entries(progress)) {
      let bar = list.querySelector(`progress[data-format="${CSS.escape(format)}"]`);
      if (!bar) {
        const id = `format-progress-${list.children.length}`;
        bar = element('progress', { className: 'format-progress', id, max: 100, value: 0 });
        bar.dataset.format = format;
        const label = element('label', { htmlFor: id, className: 'format-name' }, format);
        list.append(element('li', {}, label, bar, element('span', { className: 'format-percent' })));
      }
      bar.value = percent;
      bar.nextElementSibling.textContent = `${percent} %`;
      const failed = job.failures?.some(f => f.format === format);
      bar.closest('li').classList.toggle('failed', Boolean(failed));
    }
  }

  showEta() {
    const job = this.view;
    const eta = $(this.root, '#job-eta');
    const end = job?.estimatedEnd ? Date.parse(job.estimatedEnd) : NaN;
    if (!job || words.TERMINAL.has(job.state) || Number.isNaN(end)) {
      eta.textContent = job?.state === 'COMPLETED' ? 'Done' : '—';
      this.stopTicker();
      return;
    }
    const left = (end - Date.now()) / 1000;
    eta.textContent = left > 1 ? `about ${words.duration(left)}` : 'any moment now';
    // counts down between events, which come only when something changes
    this.ticker ??= setInterval(() => this.showEta(), 1000);
  }

  stopTicker() {
    clearInterval(this.ticker);
    this.ticker = null;
  }

  showError(job) {
    const box = $(this.root, '#job-error');
    box.hidden = !job.error;
    if (!job.error) {
      return;
    }
    // the server's sentence says what went wrong; ours only when it has none
    $(box, '#job-error-message').textContent = job.error.message || words.failure(job.error.code);
    $(box, '#job-error-advice').textContent = words.retryable(job.error.code)
      ? 'Another attempt may succeed: use Try again.'
      : 'The video itself is at fault, so another attempt would fail the same way.';
    $(box, '#job-error-code').textContent = job.error.code;
  }

  showFailures(job) {
    const list = $(this.root, '#job-failures');
    const failures = job.failures || [];
    list.hidden = failures.length === 0;
    list.replaceChildren(...failures.map(f => element('li', {},
      element('strong', {}, f.format), `: ${f.reason} `, element('code', {}, f.code))));
  }

  showNotes(job) {
    const notes = [];
    if (job.notification === 'SENT') {
      notes.push('The result was emailed.');
    } else if (job.notification === 'FAILED') {
      notes.push('The email could not be sent.');
    }
    if (job.callbackUrl) {
      notes.push(`Events are posted to ${job.callbackUrl}.`);
    }
    const box = $(this.root, '#job-notes');
    box.hidden = notes.length === 0;
    box.textContent = notes.join(' ');
  }

  showResults(job) {
    $(this.root, '#results').hidden = false;
    const downloads = $(this.root, '#downloads');
    downloads.replaceChildren(...job.outputs.map(output => {
      const link = element('a', { className: 'download', href: output.url },
        element('span', { className: 'download-format' }, output.format),
        element('span', { className: 'download-name' }, output.fileName));
      link.dataset.format = output.format; // storage answers it as an attachment under its name
      const item = element('li', {}, link,
        element('span', { className: 'size' }, words.bytes(output.size)),
        element('span', { className: 'kind' }, words.kind(output.kind)));
      // a picture rendition's other files (the storyboard's sprite) each have their own link
      const others = (output.files || []).filter(file => file.url !== output.url && file.path !== output.fileName);
      if (others.length) {
        item.append(element('ul', { className: 'files' }, ...others.map(file => element('li', {},
          element('a', { href: file.url }, file.path), ' ', element('span', { className: 'size' }, words.bytes(file.size))))));
      }
      return item;
    }));
    const expires = job.outputs[0]?.expiresAt;
    $(this.root, '#links-expire').textContent = expires
      ? `Links work until ${new Date(expires).toLocaleString()}; open the job again for fresh ones.` : '';
    this.player.show(job.outputs);
  }

  /** Screen readers hear state changes and every quarter of progress, not every percent. */
  tell(before, job) {
    const quarter = Math.floor(job.progress / 25);
    const key = `${job.state}:${quarter}`;
    if (key === this.lastAnnounced) {
      return;
    }
    this.lastAnnounced = key;
    const name = job.sourceName || 'the video';
    if (job.state === 'COMPLETED') {
      this.announce(`${name} is ready: ${job.outputs.length} result${job.outputs.length === 1 ? '' : 's'} to play or download.`);
    } else if (job.state === 'FAILED') {
      this.announce(`${name} failed: ${job.error?.message || words.failure(job.error?.code)} Code ${job.error?.code}.`);
    } else if (job.state === 'CANCELLED') {
      this.announce(`${name} was cancelled.`);
    } else if (!before || before.state !== job.state) {
      this.announce(`${name}: ${words.phase(job.phase || job.state)}, ${job.progress} percent.`);
    } else {
      this.announce(`${name}: ${job.progress} percent.`);
    }
  }

  /** The stream dropped: say so until the next view arrives. */
  reconnecting() {
    $(this.root, '#job-connection').hidden = false;
  }
}
