// Numbers, times, states and failure codes in words for people.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** 1234567 -> "1.2 MB" (decimal units, as disks and networks count). */
export function bytes(count) {
  if (!Number.isFinite(count) || count < 0) {
    return '—';
  }
  let value = count;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** 83 -> "1 min 23 s"; 4000 -> "1 h 7 min". */
export function duration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) {
    return '—';
  }
  const s = Math.round(seconds);
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 3600) {
    const rest = s % 60;
    return rest ? `${Math.floor(s / 60)} min ${rest} s` : `${s / 60} min`;
  }
  const minutes = Math.round((s % 3600) / 60);
  return minutes ? `${Math.floor(s / 3600)} h ${minutes} min` : `${Math.floor(s / 3600)} h`;
}

/** A media position: 75.4 -> "1:15". */
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** How long ago an instant was: "just now", "4 min ago", "yesterday", or its date. */
export function ago(instant, now = Date.now()) {
  const then = Date.parse(instant);
  if (Number.isNaN(then)) {
    return '';
  }
  const seconds = Math.max(0, (now - then) / 1000);
  if (seconds < 45) {
    return 'just now';
  }
  if (seconds < 3600) {
    return `${Math.round(seconds / 60)} min ago`;
  }
  if (seconds < 86400) {
    return `${Math.round(seconds / 3600)} h ago`;
  }
  return new Date(then).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

export const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

const STATES = {
  QUEUED: 'Queued',
  DOWNLOADING: 'Downloading',
  ENCODING: 'Encoding',
  UPLOADING: 'Storing results',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

export function state(name) {
  return STATES[name] || name;
}

const PHASES = {
  QUEUED: 'Waiting for its turn',
  DOWNLOADING: 'Fetching the upload',
  PROBING: 'Examining the video',
  ENCODING: 'Encoding',
  CHECKING: 'Checking every result',
  UPLOADING: 'Storing the results',
  COMPLETED: 'Done',
  FAILED: 'Stopped by a failure',
  CANCELLED: 'Cancelled',
};

export function phase(name) {
  return PHASES[name] || state(name);
}

// what each FailureCode means for the person who submitted the video, and what they can do about it
const FAILURES = {
  SOURCE_MISSING: 'The uploaded video is no longer stored. Upload it again.',
  INPUT_NOT_VIDEO: 'The file is not a video this service can read. Check that it plays, or choose another file.',
  INPUT_WITHOUT_AUDIO: 'An audio format was asked for, but the video has no sound.',
  INPUT_TOO_LONG: 'The video is longer than this service accepts.',
  INPUT_TOO_LARGE: 'The video’s resolution or number of streams is beyond this service’s limits.',
  ENCODER_ERROR: 'The encoder failed on this video. Another attempt may succeed.',
  ENCODER_TIMEOUT: 'Encoding took too long or stalled. Another attempt may succeed.',
  OUTPUT_TOO_LARGE: 'A result grew beyond the size limit, so it was not kept.',
  OUTPUT_INVALID: 'A result failed its quality check, so it was not kept.',
  STAGE_ERROR: 'A stage of the service kept failing on an unexpected error.',
  UNAVAILABLE: 'Something the job needs (storage, the mail server) stayed unreachable.',
};

export function failure(code) {
  return FAILURES[code] || 'The job could not be finished.';
}

const NOT_RETRYABLE = new Set(['SOURCE_MISSING', 'INPUT_NOT_VIDEO', 'INPUT_WITHOUT_AUDIO', 'INPUT_TOO_LONG',
  'INPUT_TOO_LARGE']);

/** Whether another attempt could succeed: not when the input is at fault (as the server decides, FailureCode). */
export function retryable(code) {
  return !NOT_RETRYABLE.has(code);
}

const KINDS = { VIDEO: 'video', AUDIO: 'audio', IMAGE: 'pictures', STREAM: 'stream' };

export function kind(name) {
  return KINDS[name] || String(name || '').toLowerCase();
}
