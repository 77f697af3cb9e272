// Loading the wasm engine: the SIMD128 build where the browser has it, else the baseline.

/** A minimal module using one SIMD128 instruction: `WebAssembly.validate` accepts it only
 * where the browser runs wasm SIMD (Chrome 91+, Firefox 89+, Safari 16.4+). */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** Which wasm build this browser gets: "simd128" (www/pkg), else "baseline"
 * (www/pkg-compat). `?wasm=compat` in the page address forces the baseline build. Both
 * compute bit-identical numbers; SIMD128 is only faster. */
export const WASM_FLAVOUR =
  new URLSearchParams(location.search).get("wasm") === "compat" || !WebAssembly.validate(SIMD_PROBE)
    ? "baseline"
    : "simd128";
export const PKG = new URL(WASM_FLAVOUR === "simd128" ? "../pkg/ninestep_web.js" : "../pkg-compat/ninestep_web.js", import.meta.url).href;

let engine = null;
let memory = null;
/** Loads the wasm package of the site this module comes from (works from any folder or
 * origin: the URL is relative to this module, not to the page). */
export function loadEngine() {
  engine ??= (async () => {
    const mod = await import(PKG);
    const exports = await mod.default();
    memory = exports?.memory ?? null;
    return mod;
  })();
  return engine;
}

/** Size in bytes of the page's wasm memory (0 before the engine has loaded); read by
 * `cargo xtask soak`. */
export const wasmMemoryBytes = () => memory?.buffer.byteLength ?? 0;

