// The owner's recent jobs, newest first, kept up to date by polling (and by the open job's events).

import { api, ApiError } from './api.js';
import * as words from './words.js';

const POLL_MS = 5000;
const PAGE = 20;
const MOST = 100;

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

export class JobList {
  /**
   * @param open called with a job id when the person opens one from the list
   * @param refused called when the key is refused (401)
   */
  constructor(root, { open, refused }) {
    this.list = root.querySelector('#jobs');
    this.status = root.querySelector('#jobs-status');
    this.more = root.querySelector('#jobs-more');
    this.open = open;
    this.refused = refused;
    this.limit = PAGE;
    this.current = null;
    this.timer = null;
    this.items = new Map();
    this.more.addEventListener('click', () => {
      this.limit = Math.min(MOST, this.limit + PAGE);
      this.refresh();
    });
    root.querySelector('#jobs-refresh').addEventListener('click', () => this.refresh());
    document.addEventListener('visibilitychange', () => {
      if (this.running && document.visibilityState === 'visible') {
        this.refresh();
      }
    });
  }

  start() {
    this.running = true;
    this.refresh();
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
    this.inFlight?.abort();
    this.items.clear();
    this.list.replaceChildren();
    this.status.textContent = '';
  }

  /** Marks the open job in the list. */
  select(jobId) {
    this.current = jobId;
    for (const [id, item] of this.items) {
      if (id === jobId) {
        item.link.setAttribute('aria-current', 'true');
      } else {
        item.link.removeAttribute('aria-current');
      }
    }
  }

  async refresh() {
    if (!this.running) {
      return;
    }
    clearTimeout(this.timer);
    this.inFlight?.abort();
    const request = new AbortController();
    this.inFlight = request;
    let pause = POLL_MS;
    try {
      const page = await api(`/api/jobs?limit=${this.limit}`, { signal: request.signal });
      this.render(page.jobs || [], page.next);
    } catch (error) {
      if (request.signal.aborted) {
        return;
      }
      if (error instanceof ApiError && error.status === 401) {
        this.refused(error);
        return;
      }
      if (error instanceof ApiError && [404, 405].includes(error.status)) {
        this.status.textContent = 'This server does not list jobs.';
        pause = 60000;
      } else {
        this.status.textContent = 'Could not load your jobs; trying again…';
      }
    }
    if (this.running && this.inFlight === request) {
      this.timer = setTimeout(() => this.refresh(), document.visibilityState === 'visible' ? pause : pause * 6);
    }
  }

  render(jobs, next) {
    this.status.textContent = jobs.length ? '' : 'No jobs yet. What you upload appears here.';
    this.more.hidden = !next || this.limit >= MOST;
    const seen = new Set();
    jobs.forEach((job, index) => {
      seen.add(job.id);
      let item = this.items.get(job.id);
      if (!item) {
        item = this.create(job.id);
        this.items.set(job.id, item);
      }
      this.update(item, job);
      // only new items are inserted, so a focused link never leaves the document
      if (this.list.children[index] !== item.li) {
        this.list.insertBefore(item.li, this.list.children[index] || null);
      }
    });
    for (const [id, item] of this.items) {
      if (!seen.has(id)) {
        item.li.remove();
        this.items.delete(id);
      }
    }
    this.select(this.current);
  }

  create(jobId) {
    const li = document.createElement('li');
    li.className = 'job-item';
    li.dataset.jobId = jobId;
    const link = element('a', 'job-link');
    link.href = `/?job=${encodeURIComponent(jobId)}`;
    link.addEventListener('click', event => {
      if (event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey) {
        event.preventDefault();
        this.open(jobId);
      }
    });
    const name = element('span', 'job-name');
    const state = element('span', 'pill');
    const meta = element('span', 'job-meta');
    const bar = element('progress', 'job-mini');
    bar.max = 100;
    bar.setAttribute('aria-hidden', 'true');
    link.append(name, state, meta, bar);
    li.append(link);
    return { li, link, name, state, meta, bar };
  }

  update(item, job) {
    item.li.dataset.state = job.state;
    item.name.textContent = job.sourceName || 'Untitled video';
    const running = !words.TERMINAL.has(job.state);
    item.state.textContent = running ? `${words.state(job.state)} ${job.progress} %` : words.state(job.state);
    item.state.dataset.state = job.state;
    const parts = [(job.formats || []).join(' · '), words.ago(job.createdAt)];
    if (job.attempt > 1) {
      parts.push(`attempt ${job.attempt}`);
    }
    if (job.error) {
      parts.push(job.error.code);
    }
    item.meta.textContent = parts.filter(Boolean).join(' — ');
    item.bar.value = job.progress;
    item.bar.hidden = !running;
    item.link.title = [job.sourceName, job.error && `${job.error.code}: ${job.error.message}`].filter(Boolean).join('\n');
  }
}
