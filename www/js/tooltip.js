// The hover read-out: a small tooltip beside the pointer inside a widget's figure.

/**
 * Shows `text` beside the pointer of mouse event `e` inside `fig` (creating the tooltip
 * element `tip` on first use), or hides the tooltip when `text` is null. Returns the tooltip
 * element to pass back next time.
 */
export function showTip(tip, fig, e, text) {
  if (!text || !e) {
    if (tip) tip.hidden = true;
    return tip;
  }
  if (!tip || tip.parentElement !== fig) {
    tip = document.createElement("div");
    tip.className = "nw-tip";
    tip.setAttribute("role", "tooltip");
    fig.append(tip);
  }
  tip.textContent = text;
  tip.hidden = false;
  // Beside the pointer, flipped to the other side near the figure's right or bottom edge.
  const f = fig.getBoundingClientRect();
  const [w, h, gap] = [tip.offsetWidth, tip.offsetHeight, 14];
  let x = e.clientX - f.left + gap;
  let y = e.clientY - f.top + gap;
  if (x + w > f.width) x = Math.max(0, e.clientX - f.left - gap - w);
  if (y + h > f.height) y = Math.max(0, e.clientY - f.top - gap - h);
  tip.style.left = `${x}px`;
  tip.style.top = `${y}px`;
  return tip;
}
