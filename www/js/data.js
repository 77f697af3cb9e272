// The learner's own data for widgets that take it (the playground trainer): an "Upload
// CSV" control with the format note, a "Download CSV" button, and clicks on the region
// map that add points (class 1; shift-click class 0). Only DOM and wiring here; reading
// the file's rows, the checks and the messages are the Rust core's.

import { tr } from "./i18n.js";

/** Largest file we read (a full set of 2000 points is about 40 kB). */
export const MAX_FILE_BYTES = 1024 * 1024;

const TEXT = {
  upload: { en: "Upload CSV", zh: "上传 CSV" },
  download: { en: "Download CSV", zh: "下载 CSV" },
  hint: {
    en: "Click on the map to add a point of class 1 (orange); shift-click adds class 0 (blue). Training starts over.",
    zh: "在区域图上点击可添加类别 1（橙色）的点；按住 Shift 点击添加类别 0（蓝色）的点。训练会重新开始。",
  },
  readFailed: { en: "The file could not be read: ", zh: "无法读取文件：" },
};

let uid = 0;

/** A new element. `attrs` is always an object literal of this file: attribute names never come
 * from data (the values may, and an attribute value is inert text). */
function el(tag, attrs = {}) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

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
    this.note = el("p", { class: "nw-data-note", id: `${id}-note` });
    this.input.setAttribute("aria-describedby", this.note.id);
    this.root.append(this.input, this.label, this.download, this.note);
    this.hint = el("p", { class: "nw-data-hint" });
    this.input.addEventListener("change", () => this.load());
    this.download.addEventListener("click", () => w.guard(() => this.save()));
  }

  /** Labels in `lang`. */
  sync(lang) {
    this.label.textContent = tr(TEXT.upload, lang);
    this.download.textContent = tr(TEXT.download, lang);
    const note = this.w.handle.upload();
    this.note.textContent = note ? tr(note, lang) : "";
    this.hint.textContent = tr(TEXT.hint, lang);
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
        w.show({ error: true, text: { en: `${file.name}: ${err.en}`, zh: `${file.name}：${err.zh}` } });
        return;
      }
      w.msg = null;
      w.controls.sync(w.handle.params(), w.lang_);
      w.changed();
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
    w.msg = null;
    w.controls.sync(w.handle.params(), w.lang_);
    w.changed();
    return true;
  }
}
