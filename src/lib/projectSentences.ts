/**
 * Plain-Danish sentences under the project board of /digitalisering (the rules of
 * src/lib/digitalSentences.ts hold): the board at one report and what changed since the one
 * before, and the red, yellow and green projects over the reports. Pure: no DOM, no node.
 */
import { formatDate, formatNumber } from "./format.js";
import { joinSentences, withExample } from "./sentences.js";

export interface StatusTally {
  grøn: number;
  gul: number;
  rød: number;
  ingen: number;
}

/**
 * The board at one report and what changed since the one before:
 *   "I rapporten 01.12.2014 var 20 af de 32 projekter grønne (følger planen), 8 gule og 4 røde.
 *    Siden rapporten 01.09.2014 er 3 blevet bedre og 2 værre."
 */
export function projectBoardSentence(input: {
  place: string;
  date: string | null;
  previousDate?: string | null;
  counts: StatusTally;
  projects: number;
  better?: number;
  worse?: number;
  example?: boolean;
}): string {
  const { place, date, previousDate, counts, projects, better = 0, worse = 0, example } = input;
  if (!date)
    return withExample(
      `Der er ingen rapporter om projekternes status for ${place}; tavlen viser strategiens ${formatNumber(projects)} projekter uden status.`,
      example,
    );
  const parts = [
    `${formatNumber(counts.grøn)} af de ${formatNumber(projects)} projekter ${counts.grøn === 1 ? "grønt" : "grønne"} (følger planen)`,
    `${formatNumber(counts.gul)} ${counts.gul === 1 ? "gult" : "gule"}`,
    `${formatNumber(counts.rød)} ${counts.rød === 1 ? "rødt" : "røde"}`,
    ...(counts.ingen ? [`${formatNumber(counts.ingen)} uden status`] : []),
  ];
  const tally = `I rapporten ${formatDate(date)} i ${place} var ${parts.slice(0, -1).join(", ")} og ${parts.at(-1)}.`;
  const since = previousDate
    ? better === 0 && worse === 0
      ? `Ingen projekter har skiftet farve siden rapporten ${formatDate(previousDate)}.`
      : `Siden rapporten ${formatDate(previousDate)} er ${formatNumber(better)} blevet bedre og ${formatNumber(worse)} værre.`
    : "Det er den første rapport, så der er ingen ændringer at vise.";
  return withExample(joinSentences(tally, since), example);
}

/**
 * The red projects over the reports:
 *   "3 rapporter om projekternes status i Assens fra 03.03.2014 til 01.12.2014. Antallet af røde projekter gik fra 6 til 4,
 *    af gule forblev på 8 og af grønne gik fra 18 til 20."
 */
export function projectHistorySentence(input: {
  place: string;
  dates: readonly string[];
  first: StatusTally | null;
  last: StatusTally | null;
  example?: boolean;
}): string {
  const { place, dates, first, last, example } = input;
  if (dates.length === 0 || !first || !last) return withExample(`Der er ingen rapporter om projekternes status for ${place}.`, example);
  if (dates.length === 1)
    return withExample(
      `Der er én rapport om projekternes status for ${place}, ${formatDate(dates[0])}: ${formatNumber(last.rød)} røde, ${formatNumber(last.gul)} gule og ${formatNumber(last.grøn)} grønne projekter.`,
      example,
    );
  const move = (a: number, b: number) => (a === b ? `forblev på ${formatNumber(a)}` : `gik fra ${formatNumber(a)} til ${formatNumber(b)}`);
  return withExample(
    `${formatNumber(dates.length)} rapporter om projekternes status i ${place} fra ${formatDate(dates[0])} til ${formatDate(dates.at(-1)!)}. Antallet af røde projekter ${move(first.rød, last.rød)}, af gule ${move(first.gul, last.gul)} og af grønne ${move(first.grøn, last.grøn)}.`,
    example,
  );
}
