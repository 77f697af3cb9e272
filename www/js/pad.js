// The draw-a-digit pad of the `digit-pad` widget (step 6, ch13): a square canvas for mouse,
// finger and pen (the strokes come from js/pen.js), the book's keys (Enter recognises, Backspace clears) and, for the
// keyboard alone, arrow keys that draw from a cursor (Shift + arrow moves without ink).
// The pixels go to the wasm handle (padInfer); everything else comes from the core.
// "Download model" saves the net the pad runs as a ninestep-model file (padModelJson),
// "Download ONNX" as an ONNX file (padModelOnnx); "Load model" hands a chosen file's bytes
// to the core (padLoadModel), which tells JSON from ONNX by the content and reads either
// through its strict gate: a refused file leaves its zh/en message in the widget and the
// pad keeps its net. A loaded file is announced to the page as a bubbling
// "ninestep-model" event ({ bytes, name }); ninestep.js forwards it to every model viewer
// on the page through the viewer's own handle (viewShowModel).

import { tr } from "./i18n.js";
import { Pen, stroke } from "./pen.js";
import { el, fileButton } from "./controls.js";

/** Backing-store side of the pad, whatever its size on screen. */
export const SIDE = 280;
/** Pen width in backing-store pixels (≈ 2 px of a 28-pixel digit). */
const PEN = 20;
/** How far one arrow key moves the keyboard cursor. */
const KEY_STEP = 14;

const T = {
  pad: {
    en: "Drawing pad: draw a digit with the mouse, a finger or a pen (or the arrow keys). Enter recognises it, Backspace clears.",
    zh: "画板：用鼠标、手指或触控笔（或方向键）写一个数字。回车键识别，退格键清除。",
  },
  infer: { en: "Recognise (Enter)", zh: "识别（回车）" },
  clear: { en: "Clear (Backspace)", zh: "清除（退格）" },
  save: { en: "Download model", zh: "下载模型" },
  onnx: { en: "Download ONNX", zh: "下载 ONNX" },
  load: { en: "Load model…", zh: "载入模型…" },
};

/** The name a downloaded model gets (the core's `pad_file::FILE_NAME`). */
const FILE_NAME = "digits-model.json";
const ONNX_NAME = "digits-model.onnx";

/** Offers `blob` as a download named `name`. */
function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export class Pad {
  /** `host` is the <ninestep-widget> (its `handle` is the wasm WidgetHandle). */
  constructor(host) {
    this.host = host;
    this.root = el("div", { class: "nw-pad" });
    this.canvas = el("canvas", { class: "nw-pad-canvas", tabindex: "0", role: "img", width: SIDE, height: SIDE });
    this.buttons = el("div", { class: "nw-pad-buttons" });
    this.inferButton = el("button", { type: "button", class: "nw-button", "data-action": "infer" });
    this.clearButton = el("button", { type: "button", class: "nw-button", "data-action": "clear" });
    this.saveButton = el("button", { type: "button", class: "nw-button", "data-action": "save-model" });
    this.onnxButton = el("button", { type: "button", class: "nw-button", "data-action": "save-onnx" });
    const load = fileButton({ accept: ".json,.onnx,application/json" });
    [this.loadLabel, this.loadText, this.fileInput] = [load.label, load.text, load.input];
    this.buttons.append(this.inferButton, this.clearButton, this.saveButton, this.onnxButton, this.loadLabel);
    this.root.append(this.canvas, this.buttons);
    this.ctx = this.canvas.getContext("2d", { willReadFrequently: true });
    this.cursor = [SIDE / 2, SIDE / 2];
    this.wipe();
    new Pen(this.canvas, { line: (a, b) => this.line(a, b) });
    this.canvas.addEventListener("keydown", (e) => this.key(e));
    this.inferButton.addEventListener("click", () => this.infer());
    this.clearButton.addEventListener("click", () => this.clear());
    this.saveButton.addEventListener("click", () => this.saveModel());
    this.onnxButton.addEventListener("click", () => this.saveOnnx());
    this.fileInput.addEventListener("change", () => this.loadModel());
  }

  sync(lang) {
    this.canvas.setAttribute("aria-label", tr(T.pad, lang));
    this.inferButton.textContent = tr(T.infer, lang);
    this.clearButton.textContent = tr(T.clear, lang);
    this.saveButton.textContent = tr(T.save, lang);
    this.onnxButton.textContent = tr(T.onnx, lang);
    this.loadText.textContent = tr(T.load, lang);
  }

  /** Saves the pad's net as digits-model.json through a Blob download. */
  saveModel() {
    const h = this.host;
    h.guard(() => {
      const r = h.handle.padModelJson();
      if (typeof r !== "string") return h.show({ error: true, text: { en: r.en, zh: r.zh } });
      download(new Blob([r], { type: "application/json" }), FILE_NAME);
    });
  }

  /** Saves the pad's net as digits-model.onnx; a net ONNX export does not know yet leaves
   * its message. */
  saveOnnx() {
    const h = this.host;
    h.guard(() => {
      const r = h.handle.padModelOnnx();
      if (!(r instanceof Uint8Array)) return h.show({ error: true, text: { en: r.en, zh: r.zh } });
      download(new Blob([r], { type: "application/octet-stream" }), ONNX_NAME);
    });
  }

  /** Reads the chosen file and hands its bytes to the core; a refused file keeps the net. */
  async loadModel() {
    const h = this.host;
    const file = this.fileInput.files?.[0];
    if (!file) return;
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      h.show({ error: true, text: { en: `Could not read ${file.name}.`, zh: `无法读取 ${file.name}。` } });
      return;
    } finally {
      this.fileInput.value = "";
    }
    h.guard(() => {
      h.pause?.();
      const err = h.handle.padLoadModel(bytes, file.name);
      h.msg = err ? { error: true, text: { en: err.en, zh: err.zh } } : null;
      h.renderState();
      if (!err) h.dispatchEvent(new CustomEvent("ninestep-model", { bubbles: true, detail: { bytes, name: file.name } }));
    });
  }

  line(a, b) {
    stroke(this.ctx, a, b, "#000", PEN);
    this.cursor = b;
  }

  key(e) {
    const dirs = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (e.key === "Enter") this.infer();
    else if (e.key === "Backspace" || e.key === "Delete") this.clear();
    else if (dirs[e.key]) {
      const [dx, dy] = dirs[e.key];
      const clamp = (v) => Math.min(SIDE - PEN / 2, Math.max(PEN / 2, v));
      const to = [clamp(this.cursor[0] + dx * KEY_STEP), clamp(this.cursor[1] + dy * KEY_STEP)];
      if (e.shiftKey) this.cursor = to;
      else this.line(this.cursor, to);
    } else return;
    e.preventDefault();
  }

  /** White paper. */
  wipe() {
    this.ctx.fillStyle = "#fff";
    this.ctx.fillRect(0, 0, SIDE, SIDE);
  }

  /** The drawing as SIDE×SIDE values, 0 = paper … 1 = ink. */
  pixels() {
    const d = this.ctx.getImageData(0, 0, SIDE, SIDE).data;
    const out = new Float32Array(SIDE * SIDE);
    for (let i = 0; i < out.length; i++) out[i] = 1 - d[4 * i] / 255;
    return out;
  }

  infer() {
    const h = this.host;
    h.guard(() => {
      const err = h.handle.padInfer(this.pixels(), SIDE, SIDE);
      h.msg = err ? { error: true, text: { en: err.en, zh: err.zh } } : null;
      h.renderState();
    });
  }

  clear() {
    const h = this.host;
    this.wipe();
    this.cursor = [SIDE / 2, SIDE / 2];
    h.guard(() => {
      h.handle.padClear();
      h.msg = null;
      h.renderState();
    });
  }
}
