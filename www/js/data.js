// The learner's own data for widgets that take it (the playground trainer): an "Upload
// CSV" control with the format note, a "Download CSV" button, a "Clear my points" button,
// a small form that adds a point typed from the keyboard, and clicks on the region map
// that add points (class 1; shift-click class 0). Only DOM and wiring here; reading the
// file's rows, the checks and the messages are the Rust core's.

import { tr, visible } from "./i18n.js";
import { el } from "./controls.js";

/** Largest file we read (a full set of 2000 points is about 40 kB). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Largest |coordinate| of a point (MAX_COORD in crates/core/src/experiment/points.rs). */
const MAX_COORD = 1000;
/** The value of the `dataset` setting for the learner's own points. */
const CUSTOM = "custom";

const TEXT = {
  upload: { en: "Upload CSV", zh: "上传 CSV" },
  download: { en: "Download CSV", zh: "下载 CSV" },
  hint: {
    en: "Click on the map to add a point of class 1 (orange); shift-click adds class 0 (blue); or type one in the “Add a point” row. On a touch screen a tap shows the values under your finger. Training starts over.",
    zh: "在区域图上点击可添加类别 1（橙色）的点；按住 Shift 点击添加类别 0（蓝色）的点；也可以在“添加一个点”一行里输入。在触摸屏上，轻触图表可查看手指下的数值。训练会重新开始。",
  },
  readFailed: { en: "The file could not be read: ", zh: "无法读取文件：" },
  clear: { en: "Clear my points", zh: "清除我的点" },
  clearTitle: {
    en: "Back to the built-in data set (your points are dropped)",
    zh: "回到内置数据集（你的点会被清除）",
  },
  add: { en: "Add", zh: "添加" },
  addLegend: { en: "Add a point", zh: "添加一个点" },
  cls: { en: "class", zh: "类别" },
  needNumbers: {
    en: `Type two numbers between −${MAX_COORD} and ${MAX_COORD} for x1 and x2.`,
    zh: `请为 x1 和 x2 输入 −${MAX_COORD} 到 ${MAX_COORD} 之间的两个数。`,
  },
};

let uid = 0;

const isError = (r) => r != null && typeof r === "object" && typeof r.kind === "string";

function tooBig(bytes) {
  const mb = (bytes / MAX_FILE_BYTES).toFixed(1);
  return {
    en: `The file is ${mb} MB; the playground reads CSV files of up to 1 MB (at most 2000 points).`,
    zh: `文件大小为 ${mb} MB；游乐场只读取不超过 1 MB 的 CSV 文件（最多 2000 个点）。`,
  };
}

/**
 * The data tools of widget element `w` (a <ninestep-widget> with a handle whose
 * `upload()` is not null). `root` goes under the buttons, `hint` under the chart.
 */
export class DataTools {
  constructor(w) {
    this.w = w;
    const id = `nw-csv-${++uid}`;
    this.root = el("div", { class: "nw-data" });
    // The real file input, focusable and operable from the keyboard; its label looks
    // like a button (the native one would speak the browser's language, not the page's).
    this.input = el("input", { type: "file", id, accept: ".csv,text/csv", class: "nw-file", "data-action": "upload-csv" });
    this.label = el("label", { for: id, class: "nw-button nw-upload" });
    this.download = el("button", { type: "button", class: "nw-button nw-download", "data-action": "download-csv" });
    this.clear = el("button", { type: "button", class: "nw-button nw-clear", "data-action": "clear-points" });
    this.note = el("p", { class: "nw-data-note", id: `${id}-note` });
    this.input.setAttribute("aria-describedby", this.note.id);
    this.root.append(this.input, this.label, this.download, this.clear, this.note);
    this.form = this.buildForm(id);
    this.root.append(this.form);
    this.hint = el("p", { class: "nw-data-hint" });
    this.input.addEventListener("change", () => this.load());
    this.download.addEventListener("click", () => w.guard(() => this.save()));
    this.clear.addEventListener("click", () => w.guard(() => this.clearPoints()));
    /** The last built-in data set the widget showed: where "Clear my points" goes back to. */
    this.builtin = null;
  }

  /** The keyboard row: x1, x2, class and an Add button (Enter in a field adds too). */
  buildForm(id) {
    // novalidate: our own message, in the page's language, instead of the browser's bubble.
    const form = el("form", { class: "nw-add", "data-action": "add-point", novalidate: "" });
    this.legend = el("span", { class: "nw-add-legend" });
    const field = (name, control) => {
      const label = el("label", { class: "nw-add-field" });
      const text = el("span");
      text.textContent = name;
      label.append(text, control);
      return [label, text];
    };
    const num = { type: "number", step: "any", min: -MAX_COORD, max: MAX_COORD, inputmode: "decimal", class: "nw-number", value: "0" };
    this.x1 = el("input", { ...num, id: `${id}-x1`, name: "x1" });
    this.x2 = el("input", { ...num, id: `${id}-x2`, name: "x2" });
    this.cls = el("select", { id: `${id}-class`, name: "class", class: "nw-select" });
    for (const c of ["0", "1", "2"]) {
      const o = el("option", { value: c });
      o.textContent = c;
      this.cls.append(o);
    }
    this.cls.value = "1";
    const [l1] = field("x1", this.x1);
    const [l2] = field("x2", this.x2);
    const [l3, clsName] = field("", this.cls);
    this.clsName = clsName;
    this.addButton = el("button", { type: "submit", class: "nw-button nw-add-button" });
    form.append(this.legend, l1, l2, l3, this.addButton);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.w.guard(() => this.addTyped());
    });
    return form;
  }

  /** Labels in `lang`. */
  sync(lang) {
    this.label.textContent = tr(TEXT.upload, lang);
    this.download.textContent = tr(TEXT.download, lang);
    const note = this.w.handle.upload();
    this.note.textContent = note ? tr(note, lang) : "";
    this.hint.textContent = tr(TEXT.hint, lang);
    this.clear.textContent = tr(TEXT.clear, lang);
    this.clear.title = tr(TEXT.clearTitle, lang);
    this.legend.textContent = tr(TEXT.addLegend, lang);
    this.clsName.textContent = tr(TEXT.cls, lang);
    this.addButton.textContent = tr(TEXT.add, lang);
    const dataset = this.w.handle.params().dataset;
    if (dataset && dataset !== CUSTOM) this.builtin = dataset;
    this.clear.hidden = dataset !== CUSTOM;
  }

  /** After the data changed: controls, URL, redraw (training starts over). */
  changed() {
    const w = this.w;
    w.msg = null;
    w.controls.sync(w.handle.params(), w.lang_);
    w.changed();
  }

  /** "Clear my points": back to the built-in set shown before the points were added (else
   * the widget's default set, else its first built-in one). */
  clearPoints() {
    const spec = this.w.spec.params.find((p) => p.key === "dataset");
    const builtins = (spec?.kind?.options ?? []).map(([v]) => v).filter((v) => v !== CUSTOM);
    const back = this.builtin ?? (spec && spec.default !== CUSTOM ? spec.default : builtins[0]);
    if (back) this.w.set("dataset", back);
  }

  /** The keyboard row's point: the current points as CSV plus one line, handed to the core
   * (which rounds, checks and restarts training, like a click on the map). */
  addTyped() {
    const w = this.w;
    const [x1, x2] = [this.x1.valueAsNumber, this.x2.valueAsNumber];
    const ok = (v) => Number.isFinite(v) && Math.abs(v) <= MAX_COORD;
    if (!ok(x1) || !ok(x2)) return w.show({ error: true, text: TEXT.needNumbers });
    w.pause();
    const csv = (w.handle.exportCsv() ?? "").replace(/\s*$/, "\n");
    const err = w.handle.importCsv(`${csv}${x1},${x2},${this.cls.value}\n`);
    if (isError(err)) return w.show({ error: true, text: { en: err.en, zh: err.zh } });
    this.changed();
  }

  /** Reads the chosen file and hands its text to the core; a bad file leaves a message
   * and the last good state. */
  async load() {
    const w = this.w;
    const file = this.input.files?.[0];
    // Cleared so that choosing the same (corrected) file again fires `change` again.
    this.input.value = "";
    if (!file) return;
    w.pause();
    if (file.size > MAX_FILE_BYTES) return w.show({ error: true, text: tooBig(file.size) });
    let text;
    try {
      text = await file.text();
    } catch (e) {
      return w.show({ error: true, text: TEXT.readFailed, detail: String(e?.message ?? e) });
    }
    w.guard(() => {
      const err = w.handle.importCsv(text);
      if (isError(err)) {
        // The file name is the learner's text: shown with hidden characters made visible.
        const name = visible(file.name);
        w.show({ error: true, text: { en: `${name}: ${err.en}`, zh: `${name}：${err.zh}` } });
        return;
      }
      this.changed();
    });
  }

  /** Offers the current points as a CSV file. */
  save() {
    const csv = this.w.handle.exportCsv();
    if (csv == null) return;
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
    const a = el("a", { href: url, download: "ninestep-points.csv" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  /** A click on the chart at backing-store pixel (px, py): adds a point if it is on the
   * region map (class 1, or 0 with shift). Returns whether the click was taken. */
  click(e, px, py) {
    const w = this.w;
    if (!w.handle.takesPointAt(px, py)) return false;
    w.pause();
    const err = w.handle.addPoint(px, py, e.shiftKey ? 0 : 1);
    if (isError(err)) {
      w.show({ error: true, text: { en: err.en, zh: err.zh } });
      return true;
    }
    this.changed();
    return true;
  }
}
