// The learner's own image for the kernel gallery (`kernels`, step 8, ch17.0): a 64×64
// canvas showing the image the nine kernels run on. Paint on it with mouse, finger or pen
// (the strokes come from js/pen.js) and the maps follow live; or upload a picture, which
// the browser decodes and this file turns into 64×64 grey values (scaled to fit, aspect
// kept, black margins; luminance 0.299 R + 0.587 G + 0.114 B). The values go to the wasm
// handle (kernelsSetImage), whose core checks them; a refused image or a file that is no
// image leaves a zh/en message and the last good image. Such an image is not in the URL.

import { tr } from "./i18n.js";
import { el, fileButton } from "./controls.js";
import { Pen, stroke } from "./pen.js";

/** Side of the image (the core's `kernels::SIDE`); the canvas's backing store is this size. */
export const SIDE = 64;
/** Pen width in image pixels. */
const PEN = 3;
/** The pen's grey (0.95, white-ish). */
const INK = "rgb(242,242,242)";
/** Largest file the page tries to decode, in bytes. */
const MAX_BYTES = 20 * 1024 * 1024;

const T = {
  canvas: {
    en: "The image the kernels run on: paint on it with the mouse, a finger or a pen and the nine maps follow.",
    zh: "卷积核所处理的图像：用鼠标、手指或触控笔在上面画，九张特征图随之更新。",
  },
  upload: { en: "Upload an image…", zh: "上传图像…" },
  clear: { en: "Clear drawing", zh: "清除所画" },
  notInLink: { en: " · not kept in links", zh: " · 不保存在链接中" },
  tooBig: (name) => ({
    en: `${name} is larger than 20 MB; the previous image is kept.`,
    zh: `${name} 超过 20 MB；保留之前的图像。`,
  }),
  notImage: (name) => ({
    en: `${name} could not be read as an image (PNG, JPEG, GIF, WebP…); the previous image is kept.`,
    zh: `无法把 ${name} 读作图像（PNG、JPEG、GIF、WebP…）；保留之前的图像。`,
  }),
};

/** Grey values in [0, 1] of a canvas context's pixels (luminance, as in Rec. 601). */
function greys(ctx) {
  const d = ctx.getImageData(0, 0, SIDE, SIDE).data;
  const out = new Float32Array(SIDE * SIDE);
  for (let i = 0; i < out.length; i++) out[i] = (0.299 * d[4 * i] + 0.587 * d[4 * i + 1] + 0.114 * d[4 * i + 2]) / 255;
  return out;
}

export class Gallery {
  /** `host` is the <ninestep-widget> (its `handle` is the wasm WidgetHandle). */
  constructor(host) {
    this.host = host;
    this.root = el("div", { class: "nw-gallery" });
    this.canvas = el("canvas", { class: "nw-gallery-canvas", tabindex: "0", role: "img", width: SIDE, height: SIDE });
    this.ctx = this.canvas.getContext("2d", { willReadFrequently: true });
    const side = el("div", { class: "nw-gallery-side" });
    const buttons = el("div", { class: "nw-gallery-buttons" });
    const load = fileButton({ accept: "image/*", "data-action": "upload-image" });
    [this.uploadText, this.fileInput] = [load.text, load.input];
    this.clearButton = el("button", { type: "button", class: "nw-button", "data-action": "clear-image" });
    buttons.append(load.label, this.clearButton);
    this.source = el("p", { class: "nw-gallery-source", "aria-live": "polite" });
    side.append(buttons, this.source);
    this.root.append(this.canvas, side);
    new Pen(this.canvas, { line: (a, b) => this.line(a, b), end: () => this.update() });
    this.fileInput.addEventListener("change", () => this.upload());
    this.clearButton.addEventListener("click", () => this.clear());
  }

  sync(lang) {
    this.canvas.setAttribute("aria-label", tr(T.canvas, lang));
    this.uploadText.textContent = tr(T.upload, lang);
    this.clearButton.textContent = tr(T.clear, lang);
  }

  /** Shows the core's image on the canvas and says where it came from. */
  show(lang) {
    const h = this.host.handle;
    const x = h.kernelsImage();
    if (x.length !== SIDE * SIDE) return;
    const img = this.ctx.createImageData(SIDE, SIDE);
    for (let i = 0; i < x.length; i++) {
      const g = Math.round(x[i] * 255);
      img.data.set([g, g, g, 255], 4 * i);
    }
    this.ctx.putImageData(img, 0, 0);
    const source = h.kernelsSource();
    this.source.textContent = source ? tr(source.label, lang) + (source.own ? tr(T.notInLink, lang) : "") : "";
    this.root.dataset.source = source?.own ? "own" : "generated";
  }

  /** One piece of a stroke: painted at once, the maps follow on the next frame. */
  line(a, b) {
    stroke(this.ctx, a, b, INK, PEN);
    if (!this.pending) this.pending = requestAnimationFrame(() => this.update());
  }

  /** Hands the canvas to the core as "your drawing" and redraws the maps. */
  update() {
    cancelAnimationFrame(this.pending);
    this.pending = 0;
    this.apply(greys(this.ctx), "");
  }

  /** `pixels` to the core (`name` empty for a drawing); a refusal keeps the last image. */
  apply(pixels, name) {
    const h = this.host;
    h.guard(() => {
      const err = h.handle.kernelsSetImage(pixels, name);
      h.msg = err ? { error: true, text: { en: err.en, zh: err.zh } } : null;
      h.renderState();
    });
  }

  /** Decodes the chosen file and hands its grey values to the core. */
  async upload() {
    const h = this.host;
    const file = this.fileInput.files?.[0];
    if (!file) return;
    this.fileInput.value = "";
    let bitmap;
    try {
      if (file.size > MAX_BYTES) return h.guard(() => h.show({ error: true, text: T.tooBig(file.name) }));
      bitmap = await createImageBitmap(file);
    } catch {
      return h.guard(() => h.show({ error: true, text: T.notImage(file.name) }));
    }
    const off = el("canvas", { width: SIDE, height: SIDE }).getContext("2d", { willReadFrequently: true });
    off.fillStyle = "#000";
    off.fillRect(0, 0, SIDE, SIDE);
    const scale = Math.min(SIDE / bitmap.width, SIDE / bitmap.height);
    const [w, h_] = [bitmap.width * scale, bitmap.height * scale];
    off.drawImage(bitmap, (SIDE - w) / 2, (SIDE - h_) / 2, w, h_);
    bitmap.close();
    this.apply(greys(off), file.name);
  }

  /** Back to the generated image of the current setting. */
  clear() {
    const h = this.host;
    h.guard(() => {
      h.handle.reset();
      h.msg = null;
      h.renderState();
    });
  }
}
