// The upload itself, with XMLHttpRequest: fetch reports no upload progress.

import { ApiError, authorization, problemOf } from './api.js';

/** Speed over the last few seconds, so a stall shows at once and a burst does not promise too much. */
class Meter {
  constructor(windowMs = 4000) {
    this.windowMs = windowMs;
    this.samples = [];
  }

  add(loaded, at = performance.now()) {
    this.samples.push({ loaded, at });
    while (this.samples.length > 2 && at - this.samples[1].at > this.windowMs) {
      this.samples.shift();
    }
  }

  /** Bytes per second, or NaN before there is anything to measure. */
  speed() {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const seconds = (last?.at - first?.at) / 1000;
    return seconds > 0.2 ? (last.loaded - first.loaded) / seconds : NaN;
  }
}

/**
 * Posts a job: the text parts first, so the server can refuse a bad request before the video streams in, then the
 * file. progress({loaded, total, speed, remaining}) is called as the bytes go out, sent({speed}) once all are out.
 * Answers { done, abort }: done resolves to the job's view, or rejects with an ApiError, a network failure
 * ({ cutOff: true }) or an abort ({ aborted: true }).
 */
export function submit(fields, file, { progress, sent }) {
  const body = new FormData();
  for (const [name, value] of fields) {
    body.append(name, value);
  }
  body.append('file', file, file.name);
  const xhr = new XMLHttpRequest();
  const meter = new Meter();
  const started = performance.now();
  const done = new Promise((resolve, reject) => {
    xhr.upload.addEventListener('progress', event => {
      const total = event.lengthComputable ? event.total : file.size;
      meter.add(event.loaded);
      const speed = meter.speed();
      progress({ loaded: event.loaded, total, speed, remaining: (total - event.loaded) / speed });
    });
    // the average over the whole upload, which a short one has no other measure of
    xhr.upload.addEventListener('load', () => sent({ speed: file.size / ((performance.now() - started) / 1000) }));
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(JSON.parse(xhr.responseText));
      } else {
        const error = new ApiError(xhr.status, problemOf(xhr.status, xhr.responseText));
        error.retryAfter = xhr.getResponseHeader('Retry-After');
        reject(error);
      }
    });
    // the server closes the connection after refusing an upload it will not read to the end (413)
    xhr.addEventListener('error', () => reject(Object.assign(new Error('cut off'), { cutOff: true })));
    xhr.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { aborted: true })));
  });
  xhr.open('POST', '/api/jobs');
  for (const [name, value] of Object.entries(authorization())) {
    xhr.setRequestHeader(name, value);
  }
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.send(body);
  return { done, abort: () => xhr.abort() };
}
