// Site pages: the language (hash `lang=` → localStorage → browser), the language switch,
// and a visible banner for uncaught errors.

import { visible } from "./js/i18n.js";

const KEY = "ninestep-lang";

function norm(tag) {
  const t = String(tag ?? "").trim().toLowerCase();
  if (t === "zh" || t.startsWith("zh-") || t.startsWith("zh_")) return "zh";
  if (t === "en" || t.startsWith("en-") || t.startsWith("en_")) return "en";
  return null;
}

/** The hash split into `key=value` entries (kept as written). */
function hashEntries() {
  return location.hash.replace(/^#/, "").split("&").filter(Boolean);
}

function hashLang() {
  for (const part of hashEntries()) {
    const [k, v] = part.split("=");
    if (k === "lang") return norm(v);
  }
  return null;
}

function storedLang() {
  try {
    return norm(localStorage.getItem(KEY));
  } catch {
    return null; // storage may be blocked (privacy mode, sandboxed frames)
  }
}

function initialLang() {
  return hashLang() ?? storedLang() ?? (norm(navigator.language) === "zh" ? "zh" : "en");
}

/** Shows the page in `lang`; with `persist`, also remembers it and puts it in the hash. */
export function setLang(lang, persist = false) {
  const root = document.documentElement;
  root.lang = lang === "zh" ? "zh-CN" : "en";
  root.dataset.lang = lang;
  for (const b of document.querySelectorAll(".lang-switch")) {
    b.textContent = lang === "zh" ? "English" : "中文";
  }
  if (!persist) return;
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    /* not fatal: the hash still carries it */
  }
  const rest = hashEntries().filter((p) => p.split("=")[0] !== "lang");
  history.replaceState(history.state, "", "#" + [`lang=${lang}`, ...rest].join("&"));
}

function banner(message) {
  let div = document.querySelector(".error-banner");
  if (!div) {
    div = document.createElement("div");
    div.className = "error-banner";
    div.setAttribute("role", "alert");
    document.body.prepend(div);
  }
  div.textContent = visible(`Something went wrong / 出错了: ${message}`);
}

window.addEventListener("error", (e) => banner(e.message || String(e.error)));
window.addEventListener("unhandledrejection", (e) => banner(String(e.reason?.message ?? e.reason)));

setLang(initialLang());
window.addEventListener("hashchange", () => {
  const lang = hashLang();
  if (lang && lang !== document.documentElement.dataset.lang) setLang(lang);
});
for (const b of document.querySelectorAll(".lang-switch")) {
  b.addEventListener("click", () => setLang(document.documentElement.dataset.lang === "zh" ? "en" : "zh", true));
}
