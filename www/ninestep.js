// <ninestep-widget>: the one script an embedding page needs.
//
//   <script type="module" src="https://…/ninestep.js"></script>
//   <ninestep-widget name="backprop-chain" x="2" target="2.13" lang="zh"></ninestep-widget>
//
// Attributes: name (required), id (its scope in the URL hash), lang (else the page's
// language), any setting of the widget, steps (iterations to replay), hide="controls table
// buttons readouts text data", no-url (never read or write the page's hash).
//
// The element only wires DOM events to a wasm WidgetHandle and redraws; all maths, checks
// and messages come from the Rust core. Light DOM, so the page's CSS styles it.

import { UI, tr, elementLang, visible } from "./js/i18n.js";
import { Controls, TableView, el, renderReadouts } from "./js/controls.js";
import { startWorker, trainRemote } from "./js/trainer.js";
import { WASM_FLAVOUR, loadEngine, wasmMemoryBytes } from "./js/engine.js";
import { showTip } from "./js/tooltip.js";
import { usesUrl, writeHash, widgetLink } from "./js/url.js";
import { DataTools } from "./js/data.js";
import { Pad } from "./js/pad.js";
import { Gallery } from "./js/gallery.js";

/** Iterations per animation frame while running. */
const STEPS_PER_FRAME = 2;

const isError = (r) => r != null && typeof r === "object" && typeof r.kind === "string";
const errorText = (e) => ({ en: e.en, zh: e.zh });
const describe = (e) => String(e?.message ?? e?.en ?? e);

class NinestepWidget extends HTMLElement {
  static observedAttributes = ["lang"];

  connectedCallback() {
    if (this.started) return;
    this.started = true;
    this.start();
  }

  disconnectedCallback() {
    this.stop();
    this.trainer?.terminate();
    this.trainer = null;
  }

  attributeChangedCallback() {
    if (this.handle) this.guard(() => this.render());
  }

  get lang_() {
    return elementLang(this);
  }

  /** Read-only memory figures for `cargo xtask soak`: the page's wasm memory and, for a
   * widget that trains in a worker, the worker's (as of its last answer), in bytes. */
  get wasmMemoryBytes() {
    return wasmMemoryBytes();
  }

  get workerMemoryBytes() {
    return this.trainer?.memoryBytes ?? 0;
  }

  /** Runs `fn`; an exception becomes a message in the widget instead of escaping. */
  guard(fn) {
    try {
      fn();
    } catch (e) {
      this.stop();
      this.show({ error: true, text: UI.crashed, detail: describe(e) });
      console.warn("ninestep:", e);
    }
  }

  async start() {
    this.message = el("p", { class: "nw-message", role: "status", "aria-live": "polite" });
    this.replaceChildren(this.message);
    this.show({ text: UI.loading });
    let mod;
    try {
      mod = await loadEngine();
    } catch (e) {
      this.dataset.error = "load";
      this.show({ error: true, text: UI.loadFailed, detail: describe(e) });
      return;
    }
    const name = this.getAttribute("name");
    if (!name) return this.show({ error: true, text: UI.noName });
    this.mod = mod;
    this.dataset.wasm = WASM_FLAVOUR;
    if (!this.load()) return;
    this.guard(() => {
      this.build();
      this.render();
    });
    if (!this.spec) return;
    if (this.spec.data) await this.fetchData();
    this.dataset.ready = "true";
  }

  /** Fetches the widget's data file (next to this module), then attaches it. Meanwhile the
   * chart shows a placeholder; a failed download or a broken file leaves a message. */
  async fetchData() {
    this.show({ text: UI.loadingData });
    try {
      const res = await fetch(new URL("./" + this.spec.data, import.meta.url).href);
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
      this.dataBytes = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      this.dataset.error = "data";
      this.show({ error: true, text: UI.dataFailed, detail: describe(e) });
      return;
    }
    this.guard(() => {
      // What was wrong with the attributes or the link (kept while the data loaded), unless
      // the data file itself is broken.
      this.msg = this.linkMsg;
      this.attach();
      this.render();
    });
  }

  /** Hands the downloaded data file to the handle (which then replays a link's steps). */
  attach() {
    if (!this.dataBytes || !this.handle.awaitingData()) return;
    const err = this.handle.attachData(this.dataBytes);
    if (!isError(err)) return;
    if (this.handle.awaitingData()) {
      this.dataset.error = "data";
      this.msg = { error: true, text: { en: UI.dataBroken.en + err.en, zh: UI.dataBroken.zh + err.zh } };
    } else {
      this.msg = { error: true, text: errorText(err) };
    }
  }

  /** (Re)creates the wasm handle from the attributes and, if synced, the URL hash. */
  load() {
    const name = this.getAttribute("name");
    const attrs = Object.fromEntries([...this.attributes].map((a) => [a.name, a.value]));
    let handle;
    try {
      handle = new this.mod.WidgetHandle(name, this.id || name, attrs, usesUrl(this) ? location.hash : "");
    } catch (e) {
      this.show(isError(e) ? { error: true, text: errorText(e) } : { error: true, text: UI.crashed, detail: describe(e) });
      return false;
    }
    this.stop();
    this.handle?.free();
    this.handle = handle;
    this.table?.clear();
    const err = handle.lastError();
    this.msg = this.linkMsg = err ? { error: true, text: errorText(err) } : null;
    this.attach();
    this.startWorker();
    return true;
  }

  /** Widgets with a training snapshot (the playground, cnn-trainer) train in a Web Worker. */
  startWorker() {
    startWorker(this);
  }

  /** `n` Steps in the worker (see js/trainer.js). */
  remote(n) {
    return trainRemote(this, n, STEPS_PER_FRAME);
  }

  build() {
    const spec = (this.spec = this.handle.spec());
    const hide = new Set((this.getAttribute("hide") || "").split(/[\s,]+/));
    this.title_ = el("h3", { class: "nw-title" });
    this.controls = new Controls(spec, (k, v) => this.guard(() => this.set(k, v)));
    this.buttons = el("div", { class: "nw-buttons" });
    const actions = spec.steppable ? ["step", "run", "pause", "reset", "copy"] : ["copy"];
    this.button = {};
    for (const a of actions) {
      const b = el("button", { type: "button", "data-action": a, class: `nw-button nw-${a}` });
      b.addEventListener("click", () => this.guard(() => this[a]()));
      this.button[a] = b;
      this.buttons.append(b);
    }
    this.canvas = el("canvas", { class: "nw-canvas", role: "img" });
    // A touch screen has no hover: remember how the pointer went down, so a tap shows the
    // read-out (see click()).
    this.canvas.addEventListener("pointerdown", (e) => (this.tapped = e.pointerType === "touch" || e.pointerType === "pen"));
    this.canvas.addEventListener("click", (e) => this.guard(() => this.click(e)));
    this.canvas.addEventListener("mousemove", (e) => this.guard(() => this.hover(e)));
    this.canvas.addEventListener("mouseleave", () => this.guard(() => this.hover(null)));
    this.readouts = el("dl", { class: "nw-readouts" });
    const figure = el("div", { class: "nw-figure" });
    figure.append(this.canvas, this.readouts);
    this.table = new TableView();
    this.replaceChildren(this.title_, this.controls.root, this.buttons, this.message, figure, this.table.wrap);
    const parts = { text: this.title_, controls: this.controls.root, buttons: this.buttons, readouts: this.readouts, table: this.table.wrap };
    for (const [k, part] of Object.entries(parts)) if (hide.has(k)) part.classList.add("nw-hidden");
    if (!spec.params.length) this.controls.root.classList.add("nw-hidden");
    this.buildData(figure);
    // The draw-a-digit pad (js/pad.js) sits before the chart of the widget that takes drawings.
    if (this.handle.isPad?.()) figure.before((this.pad = new Pad(this)).root);
    // The kernel gallery's own image (js/gallery.js): painted on or uploaded, before the
    // maps; hide="data" keeps a focused embed to the generated images.
    if (this.handle.isKernels?.() && !hide.has("data")) figure.before((this.gallery = new Gallery(this)).root);
    new ResizeObserver(() => requestAnimationFrame(() => this.guard(() => this.draw()))).observe(this.canvas);
  }

  /** Redraws everything in the current language. */
  render() {
    const lang = this.lang_;
    const title = tr(this.spec.title, lang);
    this.title_.textContent = title;
    this.canvas.setAttribute("aria-label", title);
    for (const [a, b] of Object.entries(this.button)) b.textContent = tr(UI[a], lang);
    this.controls.sync(this.handle.params(), lang);
    this.data?.sync(lang);
    this.pad?.sync(lang);
    this.gallery?.sync(lang);
    this.renderState();
  }

  /** Upload / download and click-to-add for widgets that take the learner's own data. */
  buildData(figure) {
    if (!this.handle.upload?.()) return;
    this.data = new DataTools(this);
    this.buttons.after(this.data.root);
    figure.after(this.data.hint);
    this.classList.add("nw-takes-data");
    // hide="data" keeps a focused lesson to the built-in sets (no upload row, no hint).
    const hide = new Set((this.getAttribute("hide") || "").split(/[\s,]+/));
    if (hide.has("data")) {
      for (const part of [this.data.root, this.data.hint]) part.classList.add("nw-hidden");
      this.dataLocked = true; // and clicks on the map add no points
    }
  }

  /** Redraws what a step changes: table, read-outs, chart, message, buttons. */
  renderState() {
    const lang = this.lang_;
    const fmt = this.mod.fmtNum;
    this.table.render(this.handle.table(), lang, fmt, `${tr(this.spec.title, lang)} — ${tr(UI.table, lang)}`);
    renderReadouts(this.readouts, this.handle.readouts(), lang, fmt);
    this.readouts.setAttribute("aria-label", tr(UI.readouts, lang));
    this.draw();
    this.gallery?.show(lang);
    this.renderMessage();
    this.dataset.steps = String(this.handle.steps());
    if (this.button.pause) {
      this.button.pause.disabled = !this.running;
      this.button.run.disabled = this.button.step.disabled = !!this.running;
    }
  }

  draw() {
    if (!this.handle) return;
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(c.clientWidth * dpr);
    const h = Math.round(c.clientHeight * dpr);
    if (!w || !h) return;
    if (c.width !== w || c.height !== h) [c.width, c.height] = [w, h];
    const r = this.handle.draw(c, this.lang_);
    if (isError(r)) this.show({ error: true, text: errorText(r) });
  }

  /** Shows `{error, text:{en,zh}, detail}` (or null: the widget's own status, if any). */
  show(msg) {
    this.msg = msg;
    this.renderMessage();
  }

  renderMessage() {
    const lang = this.lang_;
    let msg = this.msg;
    if (!msg && this.handle) {
      const status = this.handle.status();
      if (status) msg = { text: status };
    }
    // Messages echo what the learner typed or chose (a file name, a CSV line): shown with
    // control and bidi characters made visible, so they cannot reorder or hide the rest.
    this.message.textContent = msg ? visible(tr(msg.text, lang) + (msg.detail ?? "")) : "";
    this.message.classList.toggle("nw-error", !!msg?.error);
    this.message.hidden = !msg;
  }

  /** After the state changed by a user action: redraw, store in the URL, tell listeners. */
  changed() {
    this.data?.sync(this.lang_);
    this.renderState();
    if (usesUrl(this)) writeHash();
    this.dispatchEvent(
      new CustomEvent("ninestep-change", {
        bubbles: true,
        detail: { name: this.spec.name, params: this.handle.params(), steps: this.handle.steps() },
      }),
    );
  }

  set(key, value) {
    this.pause();
    const err = this.handle.set(key, value);
    if (isError(err)) {
      this.show({ error: true, text: errorText(err) });
      this.controls.markInvalid(key, true);
      return;
    }
    this.msg = null;
    this.controls.sync(this.handle.params(), this.lang_);
    this.changed();
  }

  /** Applies one step result; returns true when the player should stop. */
  apply(r) {
    if (isError(r)) this.msg = { error: true, text: errorText(r) };
    else if (r.outcome === "done") this.msg = { text: r.text };
    else this.msg = null;
    return isError(r) || r.outcome === "done";
  }

  step() {
    this.pause();
    if (this.trainer) return void this.remote(1);
    this.stepHere();
  }

  stepHere() {
    this.apply(this.handle.step());
    this.changed();
  }

  run() {
    if (this.running) return;
    this.running = true;
    if (this.trainer) {
      this.renderState();
      this.remote(STEPS_PER_FRAME);
      return;
    }
    const frame = () => {
      if (!this.running) return;
      this.guard(() => {
        let stop = false;
        // A second Step only if the first was quick (a CNN's Step is one long mini-batch).
        const t0 = performance.now();
        for (let i = 0; i < STEPS_PER_FRAME && !stop && (i === 0 || performance.now() - t0 < 20); i++) stop = this.apply(this.handle.step());
        if (stop) this.running = false;
        if (stop) this.changed();
        else this.renderState();
      });
      if (this.running) this.raf = requestAnimationFrame(frame);
    };
    this.renderState();
    this.raf = requestAnimationFrame(frame);
  }

  /** Stops the player loop, nothing else. */
  stop() {
    this.running = false;
    cancelAnimationFrame(this.raf);
  }

  pause() {
    if (!this.running) return;
    this.stop();
    this.changed();
  }

  reset() {
    this.pause();
    this.handle.reset();
    this.msg = null;
    this.changed();
  }

  /** Shows the model file `bytes` (JSON or ONNX) named `name` if this widget is a model
   * viewer; the page forwards a pad's "ninestep-model" event here. */
  showModel(bytes, name) {
    if (!this.handle?.isModelView?.()) return;
    this.guard(() => {
      const err = this.handle.viewShowModel(bytes, name);
      this.msg = err ? { error: true, text: errorText(err) } : null;
      this.renderState();
    });
  }

  /** A link that reopens this widget in its current state. */
  link() {
    return widgetLink(this);
  }

  copy() {
    const link = this.link();
    const done = (ok) => this.show({ text: ok ? UI.copied : UI.copyManually, detail: link });
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(link).then(() => done(true), () => done(false));
    else done(false);
  }

  /** Shows the chart's read-out under the pointer (exact values from the core) in a small
   * tooltip inside the figure; hides it away from the chart's zones or when `e` is null. */
  hover(e) {
    const rect = this.canvas.getBoundingClientRect();
    let text = null;
    if (e && this.handle && rect.width && rect.height) {
      const px = (e.clientX - rect.left) * (this.canvas.width / rect.width);
      const py = (e.clientY - rect.top) * (this.canvas.height / rect.height);
      text = this.handle.hover(px, py, this.lang_) ?? null;
    }
    this.tip = showTip(this.tip, this.canvas.parentElement, e, text);
  }

  click(e) {
    const rect = this.canvas.getBoundingClientRect();
    if (!rect.width || !rect.height) return;
    const px = (e.clientX - rect.left) * (this.canvas.width / rect.width);
    const py = (e.clientY - rect.top) * (this.canvas.height / rect.height);
    // A tap shows the read-out under the finger and adds no point (a finger can't aim at a
    // map like a mouse; the "Add a point" row takes typed points), but still does what a
    // click on the chart does otherwise (e.g. pick a start point).
    const tap = this.tapped;
    this.tapped = false;
    if (!tap && !this.dataLocked && this.data?.click(e, px, py)) return;
    // While it runs, a tap only reads: it neither pauses nor changes the widget.
    if (tap && this.running) return this.showTapTip(e);
    this.pause();
    if (this.handle.click(px, py)) {
      this.msg = null;
      this.controls.sync(this.handle.params(), this.lang_);
      this.changed();
    } else {
      const err = this.handle.lastError();
      if (err) this.show({ error: true, text: errorText(err) });
    }
    if (tap) this.showTapTip(e);
  }

  /** The read-out of a tap, until the next tap anywhere on the page. */
  showTapTip(e) {
    this.hover(e);
    if (!this.tip || this.tip.hidden) return;
    setTimeout(() => document.addEventListener("pointerdown", () => this.hover(null), { once: true, capture: true }));
  }
}

/** Adds the widget's stylesheet (widget.css, next to this module) to the page once, unless
 * the page links it already, so an embed looks right on any host page. */
function addStyles() {
  const href = new URL("./widget.css", import.meta.url).href;
  if ([...document.querySelectorAll("link[rel=stylesheet]")].some((l) => l.href === href)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.append(link);
}

if (!customElements.get("ninestep-widget")) {
  addStyles();
  customElements.define("ninestep-widget", NinestepWidget);
  // The page language may change later (the language switch): relabel every widget.
  new MutationObserver(() => {
    for (const w of document.querySelectorAll("ninestep-widget")) {
      if (w.handle) w.guard(() => w.render());
    }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-lang", "lang"] });
  // A model file loaded into a digit pad: every model viewer on the page shows its net.
  document.addEventListener("ninestep-model", (e) => {
    for (const w of document.querySelectorAll("ninestep-widget")) w.showModel?.(e.detail.bytes, e.detail.name);
  });
  // A hash typed or followed by the visitor (our own writes use replaceState and fire no
  // hashchange): rebuild the URL-synced widgets from it. Plain anchors (#section) are
  // left to the browser.
  window.addEventListener("hashchange", () => {
    if (!location.hash.includes("=")) return;
    for (const w of document.querySelectorAll("ninestep-widget")) {
      if (w.handle && usesUrl(w)) w.guard(() => w.load() && w.render());
    }
  });
}
