// Freehand strokes on a canvas for mouse, finger and pen, shared by the digit pad
// (pad.js) and the kernel gallery (gallery.js). Pointer events; the canvas has
// touch-action: none in widget.css, so drawing never scrolls the page. The Pen only
// reports where the stroke went, in the canvas's backing-store pixels; its owner paints.

export class Pen {
  /** `line(a, b)` is called for every piece of a stroke (a = b for the first dot),
   * `end()` when the stroke is over. */
  constructor(canvas, { line, end = () => {} }) {
    this.canvas = canvas;
    this.line = line;
    this.last = null;
    canvas.addEventListener("pointerdown", (e) => this.down(e));
    canvas.addEventListener("pointermove", (e) => this.move(e));
    for (const t of ["pointerup", "pointercancel"]) {
      canvas.addEventListener(t, () => {
        if (!this.last) return;
        this.last = null;
        end();
      });
    }
  }

  /** A pointer position in backing-store pixels. */
  at(e) {
    const c = this.canvas;
    const r = c.getBoundingClientRect();
    return [((e.clientX - r.left) * c.width) / (r.width || 1), ((e.clientY - r.top) * c.height) / (r.height || 1)];
  }

  down(e) {
    e.preventDefault();
    this.canvas.focus({ preventScroll: true });
    // Keep the stroke when the pointer leaves the canvas (a synthetic event has no capture).
    try {
      this.canvas.setPointerCapture(e.pointerId);
    } catch {}
    this.last = this.at(e);
    this.line(this.last, this.last);
  }

  move(e) {
    if (!this.last) return;
    e.preventDefault();
    // Pen and touch deliver coalesced points between frames: use them all for a smooth line
    // (an event made by a script has none, so then the event itself).
    const points = e.getCoalescedEvents?.() ?? [];
    for (const p of points.length ? points : [e]) {
      const q = this.at(p);
      this.line(this.last, q);
      this.last = q;
    }
  }
}

/** Paints a round-capped line from `a` to `b` on the 2D context `g`. */
export function stroke(g, a, b, colour, width) {
  g.strokeStyle = colour;
  g.lineWidth = width;
  g.lineCap = g.lineJoin = "round";
  g.beginPath();
  g.moveTo(a[0], a[1]);
  g.lineTo(b[0], b[1]);
  g.stroke();
}
