// Playing a job's results in the page: progressive files as the video's source, the HLS ladder through hls.js
// (bundled at build time under /vendor; Safari's own HLS where hls.js cannot run), the poster, and storyboard
// previews on a seek bar of our own under the video.

import { clock } from './words.js';

const HLS_SCRIPT = '/vendor/hls/hls.min.js';
let hlsLoading;

/** Loads hls.js once, on first use: half a megabyte that only an HLS result needs. */
function loadHls() {
  hlsLoading ??= new Promise(resolve => {
    const script = document.createElement('script');
    script.src = HLS_SCRIPT;
    script.addEventListener('load', () => resolve(window.Hls));
    script.addEventListener('error', () => resolve(undefined));
    document.head.append(script);
  });
  return hlsLoading;
}

/** The cues of a storyboard's WebVTT: [{ start, end, url, x, y, w, h }], from "sprite.jpg#xywh=0,0,160,90". */
export function parseStoryboard(vtt, base) {
  const seconds = stamp => {
    const parts = stamp.trim().split(':').map(Number);
    return parts.reduce((sum, part) => sum * 60 + part, 0);
  };
  const cues = [];
  for (const block of vtt.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = block.split('\n');
    const timing = lines.findIndex(line => line.includes('-->'));
    const payload = lines[timing + 1];
    if (timing < 0 || !payload) {
      continue;
    }
    const [from, to] = lines[timing].split('-->');
    const match = /^(.*)#xywh=(\d+),(\d+),(\d+),(\d+)\s*$/.exec(payload.trim());
    if (match) {
      cues.push({ start: seconds(from), end: seconds(to.trim().split(/\s+/)[0]),
        url: new URL(match[1], base).href, x: +match[2], y: +match[3], w: +match[4], h: +match[5] });
    }
  }
  return cues;
}

export class Player {
  constructor(root) {
    this.video = root.querySelector('#player');
    this.choice = root.querySelector('#play-choice');
    this.note = root.querySelector('#player-note');
    this.poster = root.querySelector('#poster');
    this.posterFigure = root.querySelector('#poster-figure');
    this.scrub = root.querySelector('#scrub');
    this.seek = root.querySelector('#seek');
    this.preview = root.querySelector('#scrub-preview');
    this.previewImage = root.querySelector('#scrub-image');
    this.previewTime = root.querySelector('#scrub-time');
    this.cues = [];
    this.hls = null;
    this.dragging = false;
    this.video.addEventListener('loadedmetadata', () => this.durationKnown());
    this.video.addEventListener('durationchange', () => this.durationKnown());
    this.video.addEventListener('timeupdate', () => {
      if (!this.dragging) {
        this.seek.value = this.video.currentTime;
        this.seek.setAttribute('aria-valuetext', clock(this.video.currentTime));
      }
    });
    this.video.addEventListener('error', () => this.unplayable());
    this.seek.addEventListener('input', () => {
      this.video.currentTime = Number(this.seek.value);
      this.seek.setAttribute('aria-valuetext', clock(this.seek.value));
      this.showPreview(Number(this.seek.value));
    });
    this.seek.addEventListener('pointerdown', () => { this.dragging = true; });
    this.seek.addEventListener('pointerup', () => { this.dragging = false; });
    this.seek.addEventListener('pointermove', event => {
      const box = this.seek.getBoundingClientRect();
      const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
      this.showPreview(fraction * Number(this.seek.max));
    });
    this.seek.addEventListener('pointerleave', () => { if (!this.dragging) this.preview.hidden = true; });
    this.seek.addEventListener('focus', () => this.showPreview(Number(this.seek.value)));
    this.seek.addEventListener('blur', () => { this.preview.hidden = true; });
  }

  /** Shows a completed job's results; answers the output it plays first. */
  show(outputs) {
    this.clear();
    this.outputs = outputs;
    const thumbnail = outputs.find(o => o.kind === 'IMAGE' && o.mediaType.startsWith('image/'));
    if (thumbnail) {
      this.video.poster = thumbnail.url;
      this.poster.src = thumbnail.url;
      this.posterFigure.hidden = false;
    }
    const storyboard = outputs.find(o => o.kind === 'IMAGE' && o.mediaType === 'text/vtt');
    if (storyboard) {
      this.loadStoryboard(storyboard);
    }
    const playable = outputs.filter(o => ['VIDEO', 'STREAM', 'AUDIO'].includes(o.kind));
    this.choice.replaceChildren(...playable.map(output => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'choice';
      button.dataset.format = output.format;
      button.textContent = output.format;
      button.title = output.kind === 'STREAM' ? 'Adaptive stream (HLS)' : output.mediaType;
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', () => this.play(output));
      return button;
    }));
    this.choice.hidden = playable.length < 2;
    // the first format asked for that this browser can play; an adaptive stream it can always try
    const first = playable.find(o => o.kind === 'STREAM' || this.video.canPlayType(o.mediaType) !== '')
      || playable[0];
    if (first) {
      this.play(first);
    } else {
      this.note.textContent = 'None of the results is a video to play here; download them below.';
    }
    return first;
  }

  async play(output) {
    const at = this.video.currentTime;
    const wasPlaying = !this.video.paused;
    this.detach();
    this.current = output;
    this.note.textContent = '';
    for (const button of this.choice.children) {
      button.setAttribute('aria-pressed', String(button.dataset.format === output.format));
    }
    if (output.kind === 'STREAM') {
      const Hls = await loadHls();
      if (this.current !== output) {
        return; // another choice meanwhile
      }
      if (Hls && Hls.isSupported()) {
        // no worker: it would start from a blob: URL, which the page's policy does not allow, and the
        // main thread copes with one player's transmuxing
        this.hls = new Hls({ enableWorker: false });
        this.hls.on(Hls.Events.ERROR, (event, data) => {
          if (data.fatal) {
            this.unplayable(data.details);
          }
        });
        this.hls.loadSource(output.url);
        this.hls.attachMedia(this.video);
        this.note.textContent = 'Adaptive stream: the quality follows your connection.';
      } else if (this.video.canPlayType('application/vnd.apple.mpegurl')) {
        this.video.src = output.url; // Safari plays HLS itself
      } else {
        this.unplayable('no HLS support');
        return;
      }
    } else {
      this.video.src = output.url;
    }
    if (at > 0) {
      this.video.addEventListener('loadedmetadata', () => { this.video.currentTime = at; }, { once: true });
    }
    if (wasPlaying) {
      this.video.play().catch(() => {});
    }
  }

  unplayable(why) {
    if (!this.current) {
      return;
    }
    const expired = Date.parse(this.current.expiresAt) <= Date.now();
    this.note.textContent = expired
      ? 'The links have expired. Open the job again for fresh ones.'
      : `This browser cannot play ${this.current.format}${why ? ` (${why})` : ''}. Choose another format or download it.`;
  }

  async loadStoryboard(output) {
    try {
      const response = await fetch(output.url, { cache: 'no-store' });
      if (!response.ok) {
        return;
      }
      const cues = parseStoryboard(await response.text(), output.url);
      if (this.outputs?.includes(output)) {
        this.cues = cues;
        this.durationKnown();
      }
    } catch (e) {
      // without previews the video's own controls still seek
    }
  }

  durationKnown() {
    const duration = this.video.duration;
    if (Number.isFinite(duration) && duration > 0) {
      this.seek.max = duration;
      this.scrub.hidden = this.cues.length === 0;
    }
  }

  showPreview(time) {
    const cue = this.cues.find(c => time >= c.start && time < c.end) || this.cues[this.cues.length - 1];
    if (!cue) {
      return;
    }
    const image = this.previewImage;
    // CSSOM, not a style attribute: the page's policy forbids inline styles, not scripted ones
    image.style.width = `${cue.w}px`;
    image.style.height = `${cue.h}px`;
    image.style.backgroundImage = `url(${JSON.stringify(cue.url)})`;
    image.style.backgroundPosition = `-${cue.x}px -${cue.y}px`;
    this.previewTime.textContent = clock(time);
    const track = this.seek.getBoundingClientRect();
    const max = Number(this.seek.max) || 1;
    const centre = (time / max) * track.width;
    this.preview.style.left = `${Math.min(Math.max(centre - cue.w / 2, 0), Math.max(track.width - cue.w, 0))}px`;
    this.preview.hidden = false;
  }

  detach() {
    if (this.hls) {
      this.hls.destroy();
      this.hls = null;
    }
    this.video.removeAttribute('src');
    this.video.load();
  }

  clear() {
    this.detach();
    this.current = null;
    this.outputs = null;
    this.cues = [];
    this.video.removeAttribute('poster');
    this.poster.removeAttribute('src');
    this.posterFigure.hidden = true;
    this.scrub.hidden = true;
    this.preview.hidden = true;
    this.choice.replaceChildren();
    this.note.textContent = '';
  }
}
