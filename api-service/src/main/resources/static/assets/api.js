// Talking to the API: the key (this tab only), JSON requests, problem details, and the job's event stream.

const KEY = 'transcoder.key';

export const apiKey = {
  get: () => sessionStorage.getItem(KEY),
  set: value => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

/** An answer other than 2xx, with the RFC 9457 problem the server gave (or one made up from the status). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem;
    // "/problems/too-many-jobs" -> "too-many-jobs"
    this.type = String(problem.type || '').split('/').pop();
  }
}

export function authorization() {
  const key = apiKey.get();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

export function problemOf(status, text) {
  try {
    const body = JSON.parse(text);
    if (body && typeof body === 'object') {
      return body;
    }
  } catch (e) {
    // not JSON: a proxy's page, say
  }
  return { status };
}

/** A JSON request with the key; resolves to the parsed body, rejects with an ApiError. */
export async function api(path, { method = 'GET', signal, key = true } = {}) {
  const response = await fetch(path, {
    method,
    signal,
    headers: { Accept: 'application/json', ...(key ? authorization() : {}) },
    cache: 'no-store',
  });
  const text = await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, problemOf(response.status, text));
  }
  return text ? JSON.parse(text) : null;
}

/**
 * The data of each server-sent event of a stream, parsed as JSON. EventSource cannot send a key, so the stream is
 * read with fetch and split into events here (lines ending in LF, CRLF or CR; an event ends at a blank line).
 */
export async function* events(path, signal) {
  const response = await fetch(path, {
    signal,
    headers: { Accept: 'text/event-stream', ...authorization() },
    cache: 'no-store',
  });
  if (!response.ok) {
    throw new ApiError(response.status, problemOf(response.status, await response.text()));
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value;
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop(); // an unfinished line waits for the rest
      for (const line of lines) {
        if (line === '') {
          if (data.length) {
            yield JSON.parse(data.join('\n'));
          }
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        } // event names, ids and comments say nothing the data does not
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

const sleep = (ms, signal) => new Promise(resolve => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    resolve();
  }, { once: true });
});

/**
 * Follows a job's event stream until the job ends, reconnecting when the stream drops (a restart, a proxy's timeout,
 * the network) with a growing pause. Answers a function that stops it.
 *
 * @param handlers view(job) for every view; trouble(error) while it reconnects; fatal(error) when it gives up
 *     (the job is unknown, the key refused)
 */
export function follow(jobId, { view, trouble, fatal }) {
  const stop = new AbortController();
  (async () => {
    let pause = 1000;
    while (!stop.signal.aborted) {
      try {
        for await (const job of events(`/api/jobs/${encodeURIComponent(jobId)}/events`, stop.signal)) {
          pause = 1000;
          view(job);
          if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.state)) {
            return;
          }
        }
      } catch (error) {
        if (stop.signal.aborted) {
          return;
        }
        if (error instanceof ApiError && [400, 401, 403, 404].includes(error.status)) {
          fatal(error);
          return;
        }
        trouble(error);
      }
      await sleep(pause, stop.signal);
      pause = Math.min(pause * 2, 15000);
    }
  })();
  return () => stop.abort();
}
