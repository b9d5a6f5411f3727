/**
 * Small text helpers shared by loaders, pages and scripts: Danish letters in names, and the list
 * of problems an error message shows. Pure: no DOM, no node.
 */

const DANISH_LETTERS: Record<string, string> = { æ: "ae", ø: "oe", å: "aa" };

/** Lower case with æ, ø, å written ae, oe, aa ("År" → "aar", "Halsnæs" → "halsnaes"). */
export function foldDanish(s: string): string {
  return s.toLowerCase().replace(/[æøå]/g, (c) => DANISH_LETTERS[c]);
}

/**
 * A name as plain ASCII words joined by `separator`: Danish letters folded, accents dropped, every
 * other run of characters a separator ("Halsnæs – tilfredshed 2024" → "halsnaes-tilfredshed-2024",
 * "OMRÅDE" → "omraade").
 */
export function asciiSlug(s: string, separator: "-" | "_" = "-"): string {
  return foldDanish(s)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^${separator}+|${separator}+$`, "g"), "");
}

/** At most this many problems are listed in an error message; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 20;

/** A head line, then the first 20 problems one a line (indented), then "… og N flere". */
export function listProblems(head: string, lines: readonly string[], max = MAX_LISTED_PROBLEMS): string {
  const listed = lines.slice(0, max).map((l) => `  ${l}`);
  const rest = lines.length > max ? [`  … og ${lines.length - max} flere`] : [];
  return [head, ...listed, ...rest].join("\n");
}
