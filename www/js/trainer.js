// The page's side of the training worker (www/js/worker.js): one worker per training
// widget, one request at a time, answered with a snapshot the page's handle restores.
//
// The worker is started from a tiny blob module that imports worker.js, so it also works
// when ninestep.js is embedded from another origin (a worker script must be same-origin
// with the page; a module it imports only needs CORS).

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
    this.worker.onmessage = (e) => {
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
