/**
 * StatBank area codes: "000" the whole country, "081"–"085" regions, "101"–"860" the 98
 * municipalities, "411" Christiansø (in the tables, but not a municipality).
 */
export const COUNTRY = "000";
export const CHRISTIANSOE = "411";

export function isMunicipality(code: string): boolean {
  return /^\d{3}$/.test(code) && Number(code) >= 101 && code !== CHRISTIANSOE;
}

export function isRegion(code: string): boolean {
  return /^08[1-5]$/.test(code);
}

/** "2009, 2010, 2012–2014" for [2009, 2010, 2012, 2013, 2014]. */
export function yearRuns(years: number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    runs.push(j === i ? String(sorted[i]) : j === i + 1 ? `${sorted[i]}, ${sorted[j]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(", ");
}

/**
 * Order of StatBank codes in a dataset: digit codes by number ("2" before "10", "084" before
 * "101"), everything else (and equal numbers such as "01" and "1") as plain text.
 */
export function compareCodes(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) !== Number(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
