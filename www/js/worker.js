// The training thread of the playground and cnn-trainer (a module Web Worker). It holds its
// own WidgetHandle of the widget the page shows, trains it, and answers every request with a snapshot of
// the state (weights, history, Step count) for the page's handle to restore and draw.
//
// Requests: {type: "init", pkg} once (the URL of the wasm glue the page chose), then
// {type: "train", id, name, params, steps, n}: bring the handle to (name, params, steps) —
// rebuilding it, and replaying the Steps, when the page's state changed — then do up to n
// Steps. Reply: {id, result, snapshot, memory} (memory: the worker's wasm memory in bytes)
// or {id, error}.
//
// A widget with a data file (cnn-trainer: the digits) gets it here too: fetched once, next
// to the page's copy (www/data/…), and attached before the Steps are replayed. A setting
// that keeps the training run (cnn-trainer's shown digit) is set on the live handle
// instead of rebuilding it.

let ready = null;
let mod = null;
let memory = null;
let handle = null;
let key = "";
let params = null;
/** Data files by path (`data/mnist-10k.bin`), fetched once. */
const files = new Map();

const describe = (e) => String(e?.message ?? e?.en ?? e);

async function dataFor(path) {
  if (!files.has(path)) {
    files.set(path, (async () => {
      const res = await fetch(new URL("../" + path, import.meta.url).href);
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
      return new Uint8Array(await res.arrayBuffer());
    })());
  }
  return files.get(path);
}

/** Settings changed without losing the Steps (the widget kept its run): true if done. */
function setInPlace(m) {
  if (!handle || !params || handle.name() !== m.name || handle.steps() !== m.steps) return false;
  for (const [k, v] of Object.entries(m.params)) {
    if (params[k] === v) continue;
    const err = handle.set(k, String(v));
    if (err != null || handle.steps() !== m.steps) return false;
  }
  return JSON.stringify(handle.params()) === JSON.stringify(m.params);
}

async function sync(m) {
  const k = JSON.stringify([m.name, m.params]);
  if (handle && k === key && handle.steps() === m.steps) return;
  if (setInPlace(m)) {
    key = k;
    params = m.params;
    return;
  }
  handle?.free();
  handle = null;
  const attrs = { ...m.params, steps: String(m.steps) };
  const h = new mod.WidgetHandle(m.name, "worker", attrs, "");
  const path = h.spec().data;
  if (path && h.awaitingData()) {
    // Attaching replays the Steps of `attrs` (they wait for the data).
    const err = h.attachData(await dataFor(path));
    if (err != null) {
      h.free();
      throw new Error(err.en ?? String(err));
    }
  }
  handle = h;
  key = k;
  params = m.params;
}

async function train(m) {
  await sync(m);
  const result = handle.run(m.n);
  // The worker's wasm memory size rides along for `cargo xtask soak`.
  return { id: m.id, result, snapshot: handle.snapshot(), memory: memory?.buffer.byteLength ?? 0 };
}

self.onmessage = async (e) => {
  const m = e.data;
  if (m?.type === "init") {
    ready = (async () => {
      mod = await import(m.pkg);
      memory = (await mod.default())?.memory ?? null;
    })();
    return;
  }
  try {
    if (!ready) throw new Error("the worker was not initialised");
    await ready;
    self.postMessage(await train(m));
  } catch (err) {
    handle = null;
    key = "";
    self.postMessage({ id: m?.id, error: describe(err) });
  }
};
