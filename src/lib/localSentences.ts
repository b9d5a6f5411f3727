/**
 * Plain-Danish sentences under the table cards of /lokalsamfund that draw no chart: the
 * municipality's local communities, the ambassadors' success criterion, and newcomers per local
 * community from the register extract. From the same numbers as the tables; "Eksempeldata:" first
 * when they are the example files'; hidden extract cells (under 3) are never guessed: a sum with
 * hidden cells is "mindst N", one with only hidden cells is "skjult". Pure: no DOM, no node.
 */
import { formatNumber } from "./format.js";
import { joinSentences, listDa, withExample } from "./sentences.js";

const persons = (n: number) => `${formatNumber(n)} ${n === 1 ? "indbygger" : "indbyggere"}`;

/**
 * "Halsnæs er delt i 8 lokalsamfund. Det største er Frederiksværk med 12.345 indbyggere 1. januar
 *  2025, det mindste Torup med 567. For 1 lokalsamfund har BY1 intet folketal (landsbyer under 200
 *  i landdistriktet)."
 */
export function communitiesSentence(input: {
  place: string;
  year: number;
  communities: readonly { community: string; population: number | null; rural: boolean }[];
  example?: boolean;
}): string {
  const { place, year, communities, example } = input;
  if (!communities.length) return withExample(`Der er ingen lokalsamfund for ${place}.`, example);
  const counted = communities
    .filter((c): c is typeof c & { population: number } => c.population !== null && !(c.population === 0 && c.rural))
    .sort((a, b) => b.population - a.population);
  const head = `${place} er delt i ${formatNumber(communities.length)} lokalsamfund.`;
  const uncounted = communities.length - counted.length;
  const rank =
    counted.length === 0
      ? null
      : counted.length === 1
        ? `${counted[0].community} har ${persons(counted[0].population)} 1. januar ${year}.`
        : `Det største er ${counted[0].community} med ${persons(counted[0].population)} 1. januar ${year}, det mindste ${counted.at(-1)!.community} med ${formatNumber(counted.at(-1)!.population)}.`;
  const none =
    uncounted > 0
      ? `For ${formatNumber(uncounted)} ${uncounted === 1 ? "lokalsamfund" : "lokalsamfund"} har BY1 intet eget folketal (landsbyer under 200 i landdistriktet).`
      : null;
  return withExample(joinSentences(head, rank, none), example);
}

/**
 * "I 2024 blev ambassadører i 6 af de 9 lokalsamfund, der har indberettet, kontaktet af
 *  tilflyttere. Succeskriteriet er mindst 5, og det er opfyldt. Ikke indberettet: Torup."
 */
export function criterionSentence(input: {
  place: string;
  year: number;
  status: "met" | "not_met" | "no_data";
  communities: number | null;
  reporting: number;
  threshold: number;
  unreported: readonly string[];
  example?: boolean;
}): string {
  const { place, year, status, communities, reporting, threshold, unreported, example } = input;
  const missing = unreported.length ? `Ikke indberettet: ${listDa(unreported)}.` : null;
  if (status === "no_data" || communities === null)
    return withExample(
      joinSentences(
        `Ingen lokalsamfund i ${place} har indberettet henvendelser for ${year}, så succeskriteriet (mindst ${threshold}) kan ikke vurderes.`,
        missing,
      ),
      example,
    );
  const level = `I ${year} blev ambassadører i ${formatNumber(communities)} af de ${formatNumber(reporting)} lokalsamfund i ${place}, der har indberettet, kontaktet af tilflyttere.`;
  const verdict = `Succeskriteriet er mindst ${formatNumber(threshold)}, og det er ${status === "met" ? "opfyldt" : `ikke opfyldt (${formatNumber(threshold - communities)} for få)`}.`;
  return withExample(joinSentences(level, verdict, missing), example);
}

export interface MoverGroup {
  label: string;
  /** The extract cells of the group: a number, or null where hidden (under 3). */
  cells: readonly (number | null)[];
}

/** "1.234", "mindst 1.230" (some cells hidden), "skjult" (all hidden) – as the table's cellText. */
export function hiddenSum(cells: readonly (number | null)[]): { text: string; sum: number; hidden: boolean; most: number } {
  const shown = cells.filter((c): c is number => c !== null);
  const sum = shown.reduce((s, c) => s + c, 0);
  const hidden = shown.length < cells.length;
  // a hidden cell holds 1 or 2: the most the true sum can be
  const most = sum + 2 * (cells.length - shown.length);
  return { sum, hidden, most, text: !hidden ? formatNumber(sum) : shown.length === 0 || sum === 0 ? "skjult" : `mindst ${formatNumber(sum)}` };
}

/**
 * "I 2024 flyttede mindst 1.230 personer til byerne og landdistrikterne i Halsnæs (tal under 3 er
 *  skjult). Flest flyttede til Frederiksværk: 345."
 * "Flest" only when the hidden cells (each 1 or 2) of the other places could not change it.
 */
export function townMoversSentence(input: { place: string; year: number; groups: readonly MoverGroup[]; example?: boolean }): string {
  const { place, year, groups, example } = input;
  if (!groups.length) return withExample(`Der er ingen særkørsel med tilflyttere pr. by for ${place} i ${year}.`, example);
  const total = hiddenSum(groups.flatMap((g) => g.cells));
  const sums = groups.map((g) => ({ label: g.label, ...hiddenSum(g.cells) })).sort((a, b) => b.sum - a.sum);
  const head =
    total.text === "skjult"
      ? `Antallet af tilflyttere til byerne i ${place} i ${year} er skjult (tal under 3 vises ikke).`
      : `I ${year} flyttede ${total.text} ${total.sum === 1 && !total.hidden ? "person" : "personer"} til byerne og landdistrikterne i ${place}${total.hidden ? " (tal under 3 er skjult og ikke talt med)" : ""}.`;
  // "Flest" only when no other place's hidden cells could make it larger
  const first = sums[0];
  const surely = sums.slice(1).every((s) => s.most <= first.sum);
  const top = first && first.sum > 0 ? `${surely ? "Flest flyttede til" : "Af de viste tal flyttede flest til"} ${first.label}: ${first.text}.` : null;
  return withExample(joinSentences(head, top), example);
}
