// The page's side of the training worker (www/js/worker.js): one worker per training
// widget, one request at a time, answered with a snapshot the page's handle restores.
//
// The worker is started from a tiny blob module that imports worker.js, so it also works
// when ninestep.js is embedded from another origin (a worker script must be same-origin
// with the page; a module it imports only needs CORS).

import { PKG } from "./engine.js";

const isError = (r) => r != null && typeof r === "object" && typeof r.kind === "string";

/** Starts a worker for widget `w` if its handle has a training snapshot (the playground,
 * cnn-trainer); where workers are unavailable, `w` trains on the main thread. Marks `w.dataset.trainer`. */
export function startWorker(w) {
  if (w.trainer !== undefined || w.handle.snapshot() == null) return;
  try {
    w.trainer = new TrainerWorker(PKG);
    w.dataset.trainer = "worker";
  } catch (e) {
    w.trainer = null;
    w.dataset.trainer = "main";
    console.warn("ninestep: no worker, training on the main thread:", e);
  }
}

/**
 * Asks the worker for `n` Steps from `w`'s current state (settings + Step count), restores
 * the answer into `w.handle` and redraws; while `w.running`, asks for `perFrame` more on the
 * next frame. An answer for a state that changed meanwhile (new settings, Reset) is dropped.
 * A worker that fails hands the training back to the main thread.
 */
export async function trainRemote(w, n, perFrame) {
  if (w.inflight) {
    // Steps clicked while the worker is busy are done after its answer.
    w.queued = (w.queued || 0) + n;
    return;
  }
  w.inflight = true;
  const params = w.handle.params();
  const steps = w.handle.steps();
  const same = () => JSON.stringify(w.handle.params()) === JSON.stringify(params) && w.handle.steps() === steps;
  let reply;
  try {
    reply = await w.trainer.train({ name: w.spec.name, params, steps, n });
  } catch (e) {
    w.inflight = false;
    console.warn("ninestep: the training worker failed, training on the main thread:", e);
    w.trainer?.terminate();
    w.trainer = null;
    w.dataset.trainer = "main";
    if (!same()) return;
    if (w.running) {
      w.running = false;
      w.run();
    } else w.guard(() => w.stepHere());
    return;
  }
  w.inflight = false;
  if (same()) {
    w.guard(() => {
      const err = w.handle.restore(reply.snapshot);
      const stop = isError(err) ? w.apply(err) : w.apply(reply.result);
      if (stop) w.running = false;
      if (w.running) {
        w.renderState();
        w.raf = requestAnimationFrame(() => w.running && trainRemote(w, perFrame, perFrame));
      } else w.changed();
    });
  }
  const queued = w.queued;
  w.queued = 0;
  if (queued && !w.running) trainRemote(w, queued, perFrame);
}

export class TrainerWorker {
  /** Starts the worker; throws where workers are unavailable (the caller then trains on
   * the main thread). `pkg` is the URL of the wasm glue the page loaded. */
  constructor(pkg) {
    const url = new URL("./worker.js", import.meta.url).href;
    const blob = new Blob([`import ${JSON.stringify(url)};\n`], { type: "text/javascript" });
    this.blobUrl = URL.createObjectURL(blob);
    this.worker = new Worker(this.blobUrl, { type: "module", name: "ninestep-trainer" });
    this.pending = new Map();
    this.next = 0;
    this.failed = null;
    /** The worker's wasm memory in bytes, as of its last answer. */
    this.memoryBytes = 0;
    this.worker.onmessage = (e) => {
      if (typeof e.data?.memory === "number") this.memoryBytes = e.data.memory;
      const p = this.pending.get(e.data?.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      if (e.data.error != null) p.reject(new Error(e.data.error));
      else p.resolve(e.data);
    };
    this.worker.onerror = (e) => this.fail(new Error(e.message || "the training worker failed to start"));
    this.worker.postMessage({ type: "init", pkg });
  }

  fail(err) {
    this.failed = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** Sends `{type: "train", name, params, steps, n}`; resolves to `{result, snapshot}`. */
  train(msg) {
    if (this.failed) return Promise.reject(this.failed);
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, type: "train", id });
    });
  }

  terminate() {
    this.worker.terminate();
    URL.revokeObjectURL(this.blobUrl);
    this.fail(new Error("stopped"));
  }
}
