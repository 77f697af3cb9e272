// Words of the widget UI in both languages, and how a widget picks its language.

/** Interface strings; every key has an English and a Chinese entry. */
export const UI = {
  step: { en: "Step", zh: "单步" },
  run: { en: "Run", zh: "运行" },
  pause: { en: "Pause", zh: "暂停" },
  reset: { en: "Reset", zh: "重置" },
  copy: { en: "Copy link", zh: "复制链接" },
  copied: { en: "Link copied: ", zh: "链接已复制：" },
  copyManually: { en: "Copy this link: ", zh: "请复制此链接：" },
  settings: { en: "Settings", zh: "参数" },
  table: { en: "Iterations", zh: "迭代过程" },
  readouts: { en: "Values", zh: "数值" },
  number: { en: "(number)", zh: "（数值）" },
  presets: { en: "presets…", zh: "预设……" },
  row: { en: "#", zh: "#" },
  loading: { en: "Loading…", zh: "加载中…" },
  loadFailed: {
    en: "The ninestep engine could not be loaded, so this widget cannot run: ",
    zh: "无法加载 ninestep 引擎，此组件无法运行：",
  },
  crashed: { en: "Something went wrong: ", zh: "出错了：" },
  loadingData: { en: "Loading the digits (7.5 MB)…", zh: "正在加载手写数字（7.5 MB）…" },
  dataFailed: {
    en: "The digits could not be downloaded, so this widget cannot train. Reload the page to try again: ",
    zh: "无法下载手写数字，此组件无法训练。请刷新页面重试：",
  },
  dataBroken: { en: "The digits file is broken: ", zh: "手写数字文件已损坏：" },
  hiddenLayers: (n) =>
    n === 0
      ? { en: "no hidden layer", zh: "没有隐藏层" }
      : { en: `${n} hidden layer${n === 1 ? "" : "s"}`, zh: `${n} 个隐藏层` },
  neurons: (n) => ({ en: `${n} neuron${n === 1 ? "" : "s"}`, zh: `${n} 个神经元` }),
  addLayer: { en: "Add a hidden layer", zh: "增加一个隐藏层" },
  removeLayer: { en: "Remove the last hidden layer", zh: "删除最后一个隐藏层" },
  addNeuron: (i) => ({ en: `Add a neuron to layer ${i}`, zh: `给第 ${i} 层增加一个神经元` }),
  removeNeuron: (i) => ({ en: `Remove a neuron from layer ${i}`, zh: `从第 ${i} 层删除一个神经元` }),
  noName: {
    en: "This <ninestep-widget> has no name attribute.",
    zh: "这个 <ninestep-widget> 缺少 name 属性。",
  },
};

/** `text` is `{en, zh}`; returns the entry for `lang`, falling back to English. */
export function tr(text, lang) {
  if (text == null) return "";
  if (typeof text === "string") return text;
  return text[lang] ?? text.en ?? "";
}

/** "en" or "zh" from a tag such as "zh-CN"; null when it is neither. */
export function normLang(tag) {
  const t = String(tag ?? "").trim().toLowerCase();
  if (t === "zh" || t.startsWith("zh-") || t.startsWith("zh_")) return "zh";
  if (t === "en" || t.startsWith("en-") || t.startsWith("en_")) return "en";
  return null;
}

/** The page language: `<html data-lang>`, else `<html lang>`, else English. */
export function pageLang() {
  const root = document.documentElement;
  return normLang(root.dataset.lang) ?? normLang(root.lang) ?? "en";
}

/** The language of a widget: its own `lang` attribute, else the page language. */
export function elementLang(el) {
  return normLang(el.getAttribute("lang")) ?? pageLang();
}

/** Control, bidi and invisible format characters: echoed inside a message they would reorder
 * the rest of it (U+202E displays it reversed), hide part of it or break its line. The same
 * set as `is_hidden_control` in the Rust core (crates/core/src/text.rs). */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** `s` with every hidden character shown as an escape such as `‹U+202E›`: for anything the
 * learner typed or chose (a file name, a CSV line) before it goes into a message. */
export function visible(s) {
  return String(s).replace(HIDDEN, (c) => `‹U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}›`);
}
