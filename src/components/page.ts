/**
 * Set-up every page imports: self-hosted fonts, and accessibility fixes for markup that
 * Observable Framework 1.13 emits (scripts/build.mjs applies the same fixes to the built HTML;
 * here they also cover `npm start`).
 */
import { FileAttachment } from "observablehq:stdlib";

// Self-hosted Source Sans 3 (latin, which covers æ, ø and å), registered with the CSS Font Loading
// API from files the font loader copies out of @fontsource: no font CDN.
const faces: [string, string][] = [
  ["400", FileAttachment("../fonts/source-sans-3-400.woff2").href],
  ["600", FileAttachment("../fonts/source-sans-3-600.woff2").href],
  ["700", FileAttachment("../fonts/source-sans-3-700.woff2").href],
];

export function registerFonts(): void {
  if (typeof FontFace === "undefined") return;
  for (const [weight, href] of faces) {
    const face = new FontFace("Source Sans 3", `url(${JSON.stringify(href)}) format("woff2")`, { weight, display: "swap" });
    document.fonts.add(face);
    face.load().catch(() => {});
  }
}

export function fixPageMarkup(doc: Document = document): void {
  // The page language (Framework has no option for it).
  doc.documentElement.lang = "da";
  // A <label> directly inside the sidebar's <ol> is not allowed in a list.
  const close = doc.getElementById("observablehq-sidebar-close");
  const list = close?.parentElement;
  if (close && list?.tagName === "OL") list.before(close);
  // Zoom must stay possible (WCAG 1.4.4): Framework's viewport has maximum-scale=1.
  const viewport = doc.querySelector<HTMLMetaElement>('meta[name="viewport"]');
  if (viewport) viewport.content = viewport.content.replace(/,\s*maximum-scale=[\d.]+/, "");
  // The sidebar toggle has only an English title (axe label-title-only).
  const toggle = doc.getElementById("observablehq-sidebar-toggle");
  if (toggle) {
    toggle.title = "Vis eller skjul sidepanelet";
    toggle.setAttribute("aria-label", "Vis eller skjul sidepanelet");
  }
}

/**
 * Charts sit in containers with role="img" and a text summary (src/components/card.ts); the SVG
 * inside is decoration for assistive technology, so hide it rather than expose Plot's groups.
 */
function hideChartInternals(root: ParentNode): void {
  for (const svg of root.querySelectorAll<SVGSVGElement>('[role="img"] svg:not([aria-hidden])')) svg.setAttribute("aria-hidden", "true");
  // Scrolling tables must be reachable with the keyboard.
  for (const el of root.querySelectorAll<HTMLElement>(".table-scroll:not([tabindex])")) {
    el.tabIndex = 0;
    el.setAttribute("role", "region");
    el.setAttribute("aria-label", el.querySelector("caption")?.textContent?.trim() || "Tabel");
  }
}

registerFonts();

if (typeof document !== "undefined") {
  fixPageMarkup();
  hideChartInternals(document);
  new MutationObserver(() => hideChartInternals(document)).observe(document.body, { subtree: true, childList: true });
}
