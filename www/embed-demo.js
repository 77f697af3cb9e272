// The embedding demo: sizes each ninestep iframe to its content (embed.html reports its
// height with postMessage {ninestep: "height", height}). Only messages from one of our own
// frames are taken, and the height is capped.

window.addEventListener("message", (e) => {
  if (e.data?.ninestep !== "height" || !(e.data.height > 0)) return;
  for (const f of document.querySelectorAll("iframe.nw-frame")) {
    if (f.contentWindow === e.source) f.style.height = `${Math.min(e.data.height + 4, 3000)}px`;
  }
});
