// The playground's training thread (a module Web Worker). It holds its own WidgetHandle
// of the widget the page shows, trains it, and answers every request with a snapshot of
// the state (weights, history, Step count) for the page's handle to restore and draw.
//
// Requests: {type: "init", pkg} once (the URL of the wasm glue the page chose), then
// {type: "train", id, name, params, steps, n}: bring the handle to (name, params, steps) —
// rebuilding it, and replaying the Steps, when the page's state changed — then do up to n
// Steps. Reply: {id, result, snapshot, memory} (memory: the worker's wasm memory in bytes)
// or {id, error}.

let ready = null;
let mod = null;
let memory = null;
let handle = null;
let key = "";

const describe = (e) => String(e?.message ?? e?.en ?? e);

function sync(m) {
  const k = JSON.stringify([m.name, m.params]);
  if (handle && k === key && handle.steps() === m.steps) return;
  handle?.free();
  handle = null;
  const attrs = { ...m.params, steps: String(m.steps) };
  handle = new mod.WidgetHandle(m.name, "worker", attrs, "");
  key = k;
}

function train(m) {
  sync(m);
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
    self.postMessage(train(m));
  } catch (err) {
    handle = null;
    key = "";
    self.postMessage({ id: m?.id, error: describe(err) });
  }
};
