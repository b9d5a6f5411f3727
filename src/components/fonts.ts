/**
 * Self-hosted Source Sans 3 (latin, which covers æ, ø and å), registered with the CSS Font
 * Loading API from files the font loader copies out of @fontsource: no font CDN.
 */
import { FileAttachment } from "observablehq:stdlib";

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

registerFonts();
