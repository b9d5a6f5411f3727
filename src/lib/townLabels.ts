/**
 * Labels for urban areas (BY1) whose names repeat; apart from src/lib/towns.ts (which re-exports
 * them) so src/components/townsTable.ts loads only this. Pure: no DOM, no node.
 */

/** What 0 inhabitants in BY1 means for an urban area (the page's remark on such a town, and its label where its name repeats). */
export const ZERO_INHABITANTS = "under 200 (tælles i landdistrikterne) eller vokset sammen med en anden by";

/**
 * A label per row that tells rows with the same name apart (names compared without case): the
 * name alone where it is the only one, else "Melby (BY1-kode 26070015)" and, for an urban area
 * with 0 inhabitants (`explainZero`, default true), "… – 0 indbyggere: under 200 (…) eller vokset
 * sammen med en anden by". The labels are as unique as the codes.
 */
export function townLabels(
  rows: readonly { name: string; code: string; kind: string; population: number }[],
  { explainZero = true }: { explainZero?: boolean } = {},
): string[] {
  const key = (name: string) => name.trim().toLocaleLowerCase("da");
  const count = new Map<string, number>();
  for (const r of rows) count.set(key(r.name), (count.get(key(r.name)) ?? 0) + 1);
  return rows.map((r) => {
    if (count.get(key(r.name))! < 2) return r.name;
    const zero = explainZero && r.kind === "by" && r.population === 0 ? ` – 0 indbyggere: ${ZERO_INHABITANTS}` : "";
    return `${r.name} (BY1-kode ${r.code})${zero}`;
  });
}
