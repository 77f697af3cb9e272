// embed.html: one widget filling the frame, set up from the page's own address,
//   embed.html#name=learning-rate&eta=0.8&steps=3&hide=table&lang=en
//
// An address is anyone's to write (a link in a forum, an iframe on any site), so only what a
// widget takes is passed on to the element: name, lang, hide, steps and the named widget's
// own settings (its spec, the table `ninestep list` prints). Every other key — onfocus=,
// style=, id=, a typo — is named in the notice and set on no element: copied blindly, an
// event-handler attribute would run its script on our origin.
//
// The frame keeps its state in its hash, in the same form, and tells the parent page its
// height (postMessage {ninestep: "height", height}) so the host can size the iframe.

import "./ninestep.js";
import { loadEngine } from "./js/engine.js";
import { tr } from "./js/i18n.js";

/** Keys of the page itself, besides the widget's settings. */
const PAGE_KEYS = ["name", "lang", "hide", "steps"];
/** What a key must look like before it is even compared with the allowed ones. */
const WORD = /^[a-z][a-z0-9_-]{0,39}$/;
/** The notice names at most this many parts of the address, each cut to `CLIP` characters
 * (it repeats text from the address, so it stays short and is never markup). */
const LIST_MAX = 8;
const CLIP = 40;

const TEXT = {
  noName: {
    en: "Give a widget name in the address, e.g. embed.html#name=backprop-chain&lang=en",
    zh: "请在地址中给出组件名，例如 embed.html#name=backprop-chain&lang=zh",
  },
  unreadable: {
    en: "Parts of the link could not be read and were ignored: ",
    zh: "链接中有无法读取的部分，已忽略：",
  },
  refused: (name, keys) => ({
    en: `Ignored, not settings of “${name}”: ${keys.join(", ")}.`,
    zh: `已忽略，不是组件“${name}”的参数：${keys.join("、")}。`,
  }),
  takes: (keys) => ({ en: `It takes ${keys.join(", ")}.`, zh: `可用的键：${keys.join("、")}。` }),
  badLang: (v) => ({ en: `Unknown language “${v}” (use en or zh).`, zh: `未知语言“${v}”（请用 en 或 zh）。` }),
};

const clip = (s) => (s.length > CLIP ? `${s.slice(0, CLIP)}…` : s);

/** At most LIST_MAX items, clipped, with "…" for the rest. */
function shortList(items) {
  const shown = items.slice(0, LIST_MAX).map(clip);
  if (items.length > LIST_MAX) shown.push("…");
  return shown;
}

/** The hash as `{entries: Map key → value (the last one wins), unreadable: [part]}`. */
function readHash(hash) {
  const entries = new Map();
  const unreadable = [];
  for (const part of hash.replace(/^#/, "").split("&").filter(Boolean)) {
    const i = part.indexOf("=");
    const key = i > 0 ? part.slice(0, i) : "";
    let value = null;
    try {
      value = decodeURIComponent(part.slice(i + 1).replace(/\+/g, " "));
    } catch {
      value = null;
    }
    if (i < 0 || !WORD.test(key) || value == null) unreadable.push(part);
    else entries.set(key, value);
  }
  return { entries, unreadable };
}

/** The keys the widget `name` takes; just the page's keys when there is no such widget
 * (the widget then says so itself), and `null` when the engine cannot load (the widget then
 * says that nothing can run). */
async function allowedKeys(name) {
  let mod;
  try {
    mod = await loadEngine();
  } catch {
    return null;
  }
  try {
    return [...PAGE_KEYS, ...mod.widgetSpec(name).params.map((p) => p.key)];
  } catch {
    return PAGE_KEYS;
  }
}

async function main() {
  const notice = document.querySelector(".embed-notice");
  const { entries, unreadable } = readHash(location.hash);
  const langValue = entries.get("lang");
  const lang = langValue === "zh" ? "zh" : "en";
  document.documentElement.dataset.lang = lang;
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  const notes = [];
  const say = () => {
    notice.hidden = notes.length === 0;
    notice.textContent = notes.map((n) => tr(n, lang)).join(lang === "zh" ? "" : " ");
  };

  const name = entries.get("name");
  if (!name) {
    notes.push(TEXT.noName);
    return say();
  }
  if (unreadable.length) {
    notes.push({ en: TEXT.unreadable.en + shortList(unreadable).join(", "), zh: TEXT.unreadable.zh + shortList(unreadable).join("、") });
  }
  if (langValue != null && langValue !== "en" && langValue !== "zh") {
    notes.push(TEXT.badLang(clip(langValue)));
    entries.delete("lang");
  }
  const known = await allowedKeys(name);
  const allowed = known ?? PAGE_KEYS;
  const refused = [...entries.keys()].filter((k) => !allowed.includes(k));
  if (known && refused.length) {
    notes.push(TEXT.refused(clip(name), shortList(refused)));
    notes.push(TEXT.takes(allowed));
  }
  say();

  const w = document.createElement("ninestep-widget");
  w.id = "embed";
  w.setAttribute("no-url", "");
  for (const k of allowed) if (entries.has(k)) w.setAttribute(k, entries.get(k));
  document.querySelector("main").append(w);
  // Keep this frame's own state in its hash, in the same simple form it was opened with.
  w.addEventListener("ninestep-change", (e) => {
    const parts = [`name=${encodeURIComponent(name)}`];
    for (const [k, v] of Object.entries(e.detail.params)) parts.push(`${k}=${encodeURIComponent(v)}`);
    if (e.detail.steps) parts.push(`steps=${e.detail.steps}`);
    const hide = w.getAttribute("hide");
    if (hide) parts.push(`hide=${encodeURIComponent(hide)}`);
    parts.push(`lang=${document.documentElement.dataset.lang}`);
    history.replaceState(null, "", "#" + parts.join("&"));
  });
}

main();

// Let the host page size the iframe to its content.
if (window.parent !== window) {
  new ResizeObserver(() => {
    window.parent.postMessage({ ninestep: "height", height: Math.ceil(document.body.getBoundingClientRect().height) }, "*");
  }).observe(document.body);
}
