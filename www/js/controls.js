// DOM pieces of a widget, built generically from its spec: the settings controls, the
// read-outs and the iteration table. No wasm calls here; ninestep.js wires them up.

import { tr, UI } from "./i18n.js";

let uid = 0;

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}

/**
 * One labelled control per setting: a range slider plus a number box for numbers, a
 * <select> for choices. `onChange(key, value)` is called with the new value as a string.
 */
export class Controls {
  constructor(spec, onChange) {
    this.spec = spec;
    this.root = el("fieldset", { class: "nw-controls" });
    this.legend = el("legend", { class: "nw-visually-hidden" });
    this.root.append(this.legend);
    this.items = [];
    for (const p of spec.params) {
      // Set by the widget itself (the trainer's points), never by a control.
      if (p.kind.type === "hidden") continue;
      const id = `nw-${++uid}-${p.key}`;
      const box = el("div", { class: "nw-control", "data-key": p.key });
      const label = el("label", { for: id });
      box.append(label);
      const item = { p, label, box, inputs: [] };
      if (p.kind.type === "number") {
        const { min, max, step } = p.kind;
        const range = el("input", { type: "range", min, max, step, "data-key": p.key, class: "nw-range" });
        const num = el("input", { type: "number", id, min, max, step, "data-key": p.key, class: "nw-number" });
        range.addEventListener("input", () => {
          num.value = range.value;
          onChange(p.key, range.value);
        });
        num.addEventListener("change", () => onChange(p.key, num.value.trim() === "" ? num.value : num.value.trim()));
        box.append(range, num);
        Object.assign(item, { range, num, inputs: [range, num] });
      } else {
        const select = el("select", { id, "data-key": p.key, class: "nw-select" });
        for (const [value] of p.kind.options) select.append(el("option", { value }));
        select.addEventListener("change", () => onChange(p.key, select.value));
        box.append(select);
        Object.assign(item, { select, inputs: [select] });
      }
      this.items.push(item);
      this.root.append(box);
    }
  }

  /** Shows the current settings (`{key: "value"}`) and labels in `lang`. */
  sync(params, lang) {
    this.legend.textContent = tr(UI.settings, lang);
    for (const it of this.items) {
      const label = tr(it.p.label, lang);
      it.label.textContent = label;
      const v = params[it.p.key] ?? it.p.default;
      if (it.select) {
        [...it.select.options].forEach((o, i) => (o.textContent = tr(it.p.kind.options[i][1], lang)));
        it.select.setAttribute("aria-label", label);
        it.select.value = v;
      } else {
        it.range.setAttribute("aria-label", label);
        it.num.setAttribute("aria-label", `${label} ${tr(UI.number, lang)}`);
        it.range.value = v;
        it.num.value = v;
      }
      this.markInvalid(it.p.key, false);
    }
  }

  /** Flags the control of `key` as holding a rejected value. */
  markInvalid(key, bad) {
    for (const it of this.items) {
      if (it.p.key !== key) continue;
      for (const input of it.inputs) {
        if (bad) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
    }
  }
}

/** `<dl class="nw-readouts">` with one `<div data-key><dt><dd></div>` per read-out. */
export function renderReadouts(dl, readouts, lang, fmt) {
  dl.replaceChildren(
    ...readouts.map((r) => {
      const div = el("div", { "data-key": r.key });
      div.append(el("dt", {}, tr(r.label, lang)), el("dd", {}, fmt(r.value, r.digits)));
      return div;
    }),
  );
  dl.hidden = readouts.length === 0;
}

/**
 * The iteration table. Steps only append rows (the last row may gain values), so after a
 * step only the last shown row is redrawn and new rows are appended.
 */
export class TableView {
  constructor() {
    this.wrap = el("div", { class: "nw-table-wrap", tabindex: "0" });
    this.table = el("table", { class: "nw-table" });
    this.caption = el("caption", { class: "nw-visually-hidden" });
    this.thead = el("thead");
    this.tbody = el("tbody");
    this.table.append(this.caption, this.thead, this.tbody);
    this.wrap.append(this.table);
    this.keys = "";
    this.shown = 0;
  }

  /** Forgets the shown rows (the next render draws the table afresh). */
  clear() {
    this.keys = "";
    this.shown = 0;
    this.tbody.replaceChildren();
  }

  render(table, lang, fmt, caption) {
    const keys = table.columns.map((c) => c.key).join(",");
    this.caption.textContent = caption;
    this.wrap.setAttribute("aria-label", caption);
    if (keys !== this.keys || table.rows.length < this.shown) {
      this.keys = keys;
      this.shown = 0;
      this.tbody.replaceChildren();
    }
    const head = el("tr");
    head.append(el("th", { scope: "col", "data-key": "row" }, tr(UI.row, lang)));
    for (const c of table.columns) head.append(el("th", { scope: "col", "data-key": c.key }, tr(c.label, lang)));
    this.thead.replaceChildren(head);
    const row = (cells, i) => {
      const tr_ = el("tr");
      tr_.append(el("th", { scope: "row", "data-key": "row" }, String(i + 1)));
      table.columns.forEach((c, j) => {
        const v = cells[j];
        tr_.append(el("td", { "data-key": c.key }, v == null ? "" : fmt(v, c.digits ?? table.digits)));
      });
      return tr_;
    };
    if (this.shown > 0) this.tbody.lastElementChild?.replaceWith(row(table.rows[this.shown - 1], this.shown - 1));
    for (let i = this.shown; i < table.rows.length; i++) this.tbody.append(row(table.rows[i], i));
    const grew = table.rows.length > this.shown;
    this.shown = table.rows.length;
    this.wrap.hidden = table.columns.length === 0;
    // Keep the newest row in view while running.
    if (grew) this.wrap.scrollTop = this.wrap.scrollHeight;
  }
}
