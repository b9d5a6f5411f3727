/**
 * File snapshots of rendered charts, in the manner of Observable Plot's own test/plots: a chart
 * is rendered with a jsdom document (every chart takes Plot's `document` option), its SVG or HTML
 * is normalised (sorted attributes, Plot's counter ids renumbered, long decimals rounded to two
 * places, one element per line) and compared with test/components/snapshots/<name>.svg (or .html
 * when the chart is a <figure> with a legend).
 *
 * - no snapshot file yet: it is written and the test passes (the first run);
 * - a difference: <name>-changed.svg is written beside it and the test fails naming both files
 *   (look at both; if the change is meant, move the -changed file over the snapshot);
 * - a match: a stale -changed file from an earlier run is removed.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The part of jsdom's API used here (the project has no @types/jsdom). */
interface JsdomWindow {
  document: Document;
  HTMLCanvasElement: { prototype: object };
}
const { JSDOM } = createRequire(import.meta.url)("jsdom") as { JSDOM: new (html?: string) => { window: JsdomWindow } };

export const snapshotDir = fileURLToPath(new URL("./snapshots/", import.meta.url));
const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * A fresh jsdom document. jsdom has no canvas; Plot draws a continuous colour legend's ramp into
 * one, so the canvas gets a stub that draws nothing and yields an empty image.
 */
export function jsdomDocument(): Document {
  const { window } = new JSDOM("<!DOCTYPE html><html><head></head><body></body></html>");
  Object.assign(window.HTMLCanvasElement.prototype, {
    getContext: () => ({ fillStyle: "", fillRect() {} }),
    toDataURL: () => "data:,",
  });
  return window.document;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const VOID_HTML = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
/** Elements written on one line with their content, where whitespace would be text. */
const INLINE = new Set(["text", "tspan", "title", "style", "desc"]);
/** Attributes whose numbers are words, not geometry: never rounded. */
const WORDS = /^(aria-.*|data-.*|class|id|title|alt|href|xlink:href|font-family)$/;

/** 12.345678 -> 12.35, 3.5e-15 -> 0; numbers with at most two decimals are left as written. */
export function roundNumbers(text: string): string {
  // a decimal may follow a path command (M10.5); a bare exponent must not follow a letter (#1f4e99)
  return text.replace(/(?<![\d.])-?\d+\.\d+(?:e[-+]?\d+)?|(?<![\w#.])-?\d+e[-+]?\d+/gi, (m) => {
    if (!/\.\d{3,}|e/i.test(m)) return m;
    const r = Math.round(Number(m) * 100) / 100;
    return Object.is(r, -0) ? "0" : String(r);
  });
}

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, "&quot;");

function attributes(el: Element): string {
  return [...el.attributes]
    .map((a) => [a.name, WORDS.test(a.name) ? a.value : roundNumbers(a.value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ` ${name}="${escapeAttr(value)}"`)
    .join("");
}

function serialize(node: Node, indent: string, inline: boolean): string {
  if (node.nodeType === 3 /* text */) {
    const parent = node.parentElement?.localName;
    return parent === "style" ? (node.textContent ?? "") : escapeText(node.textContent ?? "");
  }
  if (node.nodeType !== 1 /* element */) return "";
  const el = node as Element;
  const name = el.localName;
  const open = `<${name}${attributes(el)}`;
  const children = [...el.childNodes].filter((c) => c.nodeType === 1 || c.nodeType === 3);
  const pad = inline ? "" : indent;
  if (children.length === 0) {
    if (el.namespaceURI === SVG_NS) return `${pad}${open}/>`;
    return `${pad}${open}>${VOID_HTML.has(name) ? "" : `</${name}>`}`;
  }
  // Text that means something (a label, a sentence) keeps its element on one line, whitespace
  // and all; otherwise whitespace between elements is layout and each child gets its own line.
  const hasText = children.some((c) => c.nodeType === 3 && (c.textContent ?? "").trim() !== "");
  if (inline || hasText || INLINE.has(name)) {
    return `${pad}${open}>${children.map((c) => serialize(c, "", true)).join("")}</${name}>`;
  }
  const inner = children.filter((c) => c.nodeType === 1).map((c) => serialize(c, `${indent}  `, false));
  return `${pad}${open}>\n${inner.join("\n")}\n${indent}</${name}>`;
}

/**
 * The node as stable text: attributes sorted, Plot's clip, pattern and marker ids (global
 * counters, so they depend on what rendered before) renumbered from 1 in order of appearance,
 * decimals beyond two places rounded.
 */
export function normalize(node: Element): string {
  // a standalone .svg file needs its namespace to open in a browser; jsdom does not write it
  if (node.namespaceURI === SVG_NS && !node.hasAttribute("xmlns")) {
    node = node.cloneNode(true) as Element;
    node.setAttribute("xmlns", SVG_NS);
  }
  const text = serialize(node, "", false);
  const ids = new Map<string, string>();
  return `${text.replace(/\bplot-(clip|pattern|marker)-(\d+)\b/g, (m, kind: string) => {
    if (!ids.has(m)) ids.set(m, `plot-${kind}-${[...ids.keys()].filter((k) => k.startsWith(`plot-${kind}-`)).length + 1}`);
    return ids.get(m)!;
  })}\n`;
}

/**
 * Render with a fresh jsdom document and compare with the snapshot file `name`; throws with both
 * file names when they differ. Returns the rendered node for further checks.
 */
export function matchSnapshot<T extends Element>(name: string, render: (document: Document) => T, { dir = snapshotDir }: { dir?: string } = {}): T {
  const node = render(jsdomDocument());
  const ext = node.localName === "svg" ? "svg" : "html";
  const actual = normalize(node);
  const file = join(dir, `${name}.${ext}`);
  const changed = join(dir, `${name}-changed.${ext}`);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(file)) {
    writeFileSync(file, actual);
    return node;
  }
  const expected = readFileSync(file, "utf8");
  if (expected === actual) {
    rmSync(changed, { force: true });
    return node;
  }
  writeFileSync(changed, actual);
  const show = (p: string) => relative(projectRoot, p);
  throw new Error(
    `The rendered chart differs from its snapshot ${show(file)}; the new rendering is in ${show(changed)}. ` +
      `Compare the two (diff ${show(file)} ${show(changed)}); if the change is meant, move ${show(changed)} to ${show(file)}.`,
  );
}
