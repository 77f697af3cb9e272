// A widget's state in addresses: the page's URL hash (shared by every URL-synced widget on
// the page) and the stand-alone embed.html link of a widget that keeps out of the hash.

/** Whether widget `w` keeps its state in the page's URL hash. */
export function usesUrl(w) {
  return !w.hasAttribute("no-url") && window.self === window.top;
}

/** Writes every URL-synced widget's state, plus the language, into the hash. */
export function writeHash() {
  const parts = [`lang=${document.documentElement.dataset.lang || "en"}`];
  for (const w of document.querySelectorAll("ninestep-widget")) {
    if (w.handle && usesUrl(w)) parts.push(w.handle.hashFragment());
  }
  history.replaceState(history.state, "", "#" + parts.filter(Boolean).join("&"));
}

/** A link that reopens widget `w` in its current state: the page's own address (hash
 * written first) for a URL-synced widget, else a link to the site's embed.html (next to ninestep.js). */
export function widgetLink(w) {
  if (usesUrl(w)) {
    writeHash();
    return location.href;
  }
  const parts = [`name=${encodeURIComponent(w.spec.name)}`];
  for (const [k, v] of Object.entries(w.handle.params())) parts.push(`${k}=${encodeURIComponent(v)}`);
  if (w.handle.steps()) parts.push(`steps=${w.handle.steps()}`);
  parts.push(`lang=${w.lang_}`);
  return new URL("../embed.html#" + parts.join("&"), import.meta.url).href;
}
