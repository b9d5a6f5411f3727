/**
 * Look-alike column names: when a survey file lacks a column the schema needs (or has one the
 * schema does not know), which of the file's own columns is probably meant — a slip of a letter,
 * case, spaces or æ/ø/å written ae/oe/aa ("tilfreds_skolen" or "Køn" for tilfreds_skole, koen).
 */
import { foldDanish } from "../text.js";
import { orList, q } from "./messages.js";

/** "Tilfreds Skole", "tilfreds-skole" → "tilfredsskole": a column name as compared for suggestions. */
const looseName = (s: string) => foldDanish(s.normalize("NFC").trim()).replace(/[^a-z0-9]/g, "");

/** Edit distance with adjacent transpositions (optimal string alignment): "skloe" → "skole" is 1. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i].push(d);
    }
  }
  return rows[a.length][b.length];
}

/**
 * The columns among `candidates` (the file's own) that look like `wanted` (a column the schema
 * needs), nearest first, at most `max`. Case, æ/ø/å written as ae/oe/aa, spaces and punctuation do
 * not count; beyond that a candidate may differ by a quarter of the longer name's letters (at least
 * 1 edit, at most 3). Only plausible slips are suggested: "tilfreds_skolen" or "Tilfreds skole" for
 * tilfreds_skole, "Køn" for koen — not "tilfreds_bolig" or "vigtig_skole".
 */
export function columnSuggestions(wanted: string, candidates: readonly string[], max = 3): string[] {
  const w = looseName(wanted);
  if (w === "") return [];
  const scored: { name: string; d: number; order: number }[] = [];
  candidates.forEach((name, order) => {
    const c = looseName(name);
    if (c === "") return;
    const limit = Math.min(3, Math.max(1, Math.floor(Math.max(w.length, c.length) / 4)));
    if (Math.abs(w.length - c.length) > limit) return;
    const d = editDistance(w, c);
    if (d <= limit && !scored.some((s) => s.name === name)) scored.push({ name, d, order });
  });
  return scored
    .sort((a, b) => a.d - b.d || a.order - b.order)
    .slice(0, max)
    .map((s) => s.name);
}

/** The importer's message for a column the header lacks, with the file's look-alikes if any. */
export function missingColumnMessage(column: string, suggestions: readonly string[]): string {
  if (suggestions.length === 0) return `kolonnen ${column} mangler i overskriften`;
  return `kolonnen ${column} mangler i overskriften. Mente du ${orList(suggestions.map(q))}? Så omdøb den til ${column}`;
}

/** " (mente du "a" eller "b"?)" naming the look-alikes of `column` among `among`, or "" for none. */
export function didYouMean(column: string, among: readonly string[]): string {
  const like = columnSuggestions(column, among);
  return like.length ? ` (mente du ${orList(like.map(q))}?)` : "";
}
