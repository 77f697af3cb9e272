// DOM pieces of a widget, built generically from its spec: the settings controls, the
// read-outs and the iteration table. No wasm calls here; ninestep.js wires them up.

import { tr, UI } from "./i18n.js";

let uid = 0;

/** A new element. `attrs` is always an object literal of the calling file: attribute names never come
 * from data (the values may, and an attribute value is inert text). */
export function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}

/** A file chooser that looks like a button: a label styled as one around a visually hidden
 * file input (keyboard, screen readers and WebDriver reach the input itself). Returns
 * `{ label, text, input }`; `text` is the span that holds the button's words. */
export function fileButton(attrs) {
  const label = el("label", { class: "nw-button nw-pad-load" });
  const text = el("span");
  const input = el("input", { type: "file", class: "nw-pad-file", ...attrs });
  label.append(text, input);
  return { label, text, input };
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
      } else if (p.kind.type === "layers") {
        Object.assign(item, new LayerEditor(p, id, onChange, box));
      } else if (p.kind.type === "text") {
        // A typed line (cnn-trainer's blocks) with its presets offered in a list below it.
        const listId = `${id}-presets`;
        const text = el("input", { type: "text", id, list: listId, "data-key": p.key, class: "nw-text", spellcheck: "false", autocomplete: "off" });
        const list = el("datalist", { id: listId });
        for (const [value] of p.kind.presets) list.append(el("option", { value }));
        const presets = el("select", { "data-key": p.key, class: "nw-select nw-presets" });
        presets.append(el("option", { value: "" }));
        for (const [value] of p.kind.presets) presets.append(el("option", { value }));
        text.addEventListener("change", () => onChange(p.key, text.value.trim()));
        presets.addEventListener("change", () => presets.value && onChange(p.key, presets.value));
        box.classList.add("nw-control-text");
        box.append(text, list, presets);
        Object.assign(item, { text, presets, inputs: [text] });
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
      if (it.editor) {
        it.editor.sync(v, label, lang);
      } else if (it.text) {
        it.text.setAttribute("aria-label", label);
        it.text.value = v;
        const opts = [...it.presets.options];
        opts[0].textContent = tr(UI.presets, lang);
        opts.slice(1).forEach((o, i) => (o.textContent = tr(it.p.kind.presets[i][1], lang)));
        it.presets.setAttribute("aria-label", `${label}: ${tr(UI.presets, lang)}`);
        it.presets.value = it.p.kind.presets.some(([pv]) => pv === v) ? v : "";
      } else if (it.select) {
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
      for (const input of it.editor?.inputs ?? it.inputs) {
        if (bad) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
    }
  }
}

/** Layer sizes of a "layers" value ("4,2", "none" or ""). */
export function parseLayers(v) {
  if (!v || v === "none") return [];
  return String(v).split(",").map((s) => Number(s.trim()));
}

const formatLayers = (sizes) => (sizes.length ? sizes.join(",") : "none");

/**
 * The network editor of a "layers" setting (TF-Playground style): − / + for the number of
 * hidden layers, and − / + under each layer for its neurons. Every button sends the whole
 * new value ("8,4,2"), which the core validates like any other setting.
 */
class LayerEditor {
  constructor(p, id, onChange, box) {
    const { max_layers: maxLayers, max_units: maxUnits } = p.kind;
    this.p = p;
    this.onChange = onChange;
    this.limits = { maxLayers, maxUnits };
    this.box = box;
    box.classList.add("nw-layers");
    this.group = el("div", { class: "nw-layer-editor", role: "group", id });
    this.count = el("div", { class: "nw-layer-count" });
    this.addLayer = el("button", { type: "button", class: "nw-mini", "data-op": "add-layer" }, "+");
    this.removeLayer = el("button", { type: "button", class: "nw-mini", "data-op": "remove-layer" }, "−");
    this.countText = el("span", { class: "nw-layer-count-text", "aria-live": "polite" });
    this.count.append(this.removeLayer, this.countText, this.addLayer);
    this.columns = el("div", { class: "nw-layer-columns" });
    this.group.append(this.count, this.columns);
    box.append(this.group);
    this.addLayer.addEventListener("click", () => this.change((s) => s.push(s.length ? s[s.length - 1] : 4)));
    this.removeLayer.addEventListener("click", () => this.change((s) => s.pop()));
    this.sizes = [];
    this.editor = this;
    this.inputs = [this.addLayer, this.removeLayer];
  }

  change(edit) {
    const sizes = [...this.sizes];
    edit(sizes);
    this.onChange(this.p.key, formatLayers(sizes));
  }

  sync(value, label, lang) {
    const sizes = parseLayers(value);
    this.sizes = sizes.every((u) => Number.isInteger(u) && u > 0) ? sizes : [];
    const { maxLayers, maxUnits } = this.limits;
    const n = this.sizes.length;
    this.group.setAttribute("aria-label", label);
    this.countText.textContent = tr(UI.hiddenLayers(n), lang);
    this.addLayer.disabled = n >= maxLayers;
    this.removeLayer.disabled = n === 0;
    this.addLayer.setAttribute("aria-label", tr(UI.addLayer, lang));
    this.removeLayer.setAttribute("aria-label", tr(UI.removeLayer, lang));
    this.columns.replaceChildren(
      ...this.sizes.map((units, i) => {
        const col = el("div", { class: "nw-layer", "data-layer": String(i) });
        const minus = el("button", { type: "button", class: "nw-mini", "data-op": "remove-neuron" }, "−");
        const plus = el("button", { type: "button", class: "nw-mini", "data-op": "add-neuron" }, "+");
        const text = el("span", { class: "nw-layer-units" }, tr(UI.neurons(units), lang));
        minus.disabled = units <= 1;
        plus.disabled = units >= maxUnits;
        minus.setAttribute("aria-label", tr(UI.removeNeuron(i + 1), lang));
        plus.setAttribute("aria-label", tr(UI.addNeuron(i + 1), lang));
        minus.addEventListener("click", () => this.change((s) => (s[i] -= 1)));
        plus.addEventListener("click", () => this.change((s) => (s[i] += 1)));
        col.append(minus, text, plus);
        return col;
      }),
    );
    this.inputs = [this.addLayer, this.removeLayer, ...this.columns.querySelectorAll("button")];
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
 * The iteration table. Steps mostly append rows (the last row may gain values), so after a
 * step only rows whose cells changed are redrawn and new rows are appended. Some tables
 * (one row per optimizer) change every row in place; rows may carry a name
 * (`row_labels`) shown instead of the row number.
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
    this.lang = "";
    this.shown = 0;
    this.cells = [];
    this.names = [];
  }

  /** Forgets the shown rows (the next render draws the table afresh). */
  clear() {
    this.keys = "";
    this.shown = 0;
    this.cells = [];
    this.names = [];
    this.tbody.replaceChildren();
  }

  render(table, lang, fmt, caption) {
    const keys = table.columns.map((c) => c.key).join(",");
    this.caption.textContent = caption;
    this.wrap.setAttribute("aria-label", caption);
    if (keys !== this.keys || lang !== this.lang || table.rows.length < this.shown) {
      this.clear();
      this.keys = keys;
      this.lang = lang;
    }
    const labels = table.row_labels ?? [];
    this.table.classList.toggle("nw-named-rows", labels.length > 0);
    const head = el("tr");
    head.append(el("th", { scope: "col", "data-key": "row" }, labels.length ? "" : tr(UI.row, lang)));
    for (const c of table.columns) head.append(el("th", { scope: "col", "data-key": c.key }, tr(c.label, lang)));
    this.thead.replaceChildren(head);
    const names = table.rows.map((_, i) => (labels[i] ? tr(labels[i], lang) : String(i + 1)));
    const row = (cells, i) => {
      const tr_ = el("tr");
      tr_.append(el("th", { scope: "row", "data-key": "row" }, names[i]));
      table.columns.forEach((c, j) => {
        const v = cells[j];
        tr_.append(el("td", { "data-key": c.key }, v == null ? "" : fmt(v, c.digits ?? table.digits)));
      });
      return tr_;
    };
    const same = (a, b) => a && b && a.length === b.length && a.every((v, j) => v === b[j]);
    for (let i = 0; i < this.shown; i++) {
      const changed = this.names[i] !== names[i] || !same(this.cells[i], table.rows[i]);
      if (changed) this.tbody.children[i]?.replaceWith(row(table.rows[i], i));
    }
    for (let i = this.shown; i < table.rows.length; i++) this.tbody.append(row(table.rows[i], i));
    const grew = table.rows.length > this.shown;
    this.shown = table.rows.length;
    this.cells = table.rows;
    this.names = names;
    this.wrap.hidden = table.columns.length === 0;
    // Keep the newest row in view while running.
    if (grew) this.wrap.scrollTop = this.wrap.scrollHeight;
  }
}
