/**
 * Plain-Danish sentences under the cards of /digitalisering, from the same numbers the charts and
 * tables show: the digital share of inquiries, self-service and Digital Post against their goals
 * (50 % and 80 %), the year's cost and the price per inquiry, the unit costs, the what-if, the
 * exemption applications and the project board. Where the figures come from example files the
 * sentence opens with "Eksempeldata:", so the sentence alone (a chart's text alternative, a
 * printed page) never passes example numbers off as the municipality's own.
 *
 * The rules of src/lib/sentences.ts hold: numbers the Danish way (1.234,5), differences worked
 * out from the numbers as shown, a difference below the small threshold called small
 * (THRESHOLDS.compare.percent.small procentpoint against a goal), never "markant", and missing
 * figures said plainly. Shares are given as fractions (0.385 = 38,5 %). No sentence repeats a
 * control's label ("Statusrapport", "Opgørelse"): a sentence is also a card's aria-label, and a
 * control found by its label must stay the only match. Pure: no DOM, no node.
 */
import { formatDate, formatNumber, formatPercentChange } from "./format.js";
import { THRESHOLDS, changeSentence, joinSentences, levelSentence, listDa, withExample, type Measure } from "./sentences.js";

// (in ./sentences.js, shared with the other pages' sentences; named here too)
export { listDa, withExample };

const isNumber = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

/** A share 0–1 to the percent scale of sentences.ts (0.385 → 38.5), null kept. */
const percent = (share: number | null | undefined): number | null => (isNumber(share) ? 100 * share : null);

/** One decimal as shown, in tenths (38,46 → 385), so differences are those of the shown numbers. */
const tenths = (x: number) => Math.round(x * 10);

function pctText(x: number): string {
  return `${formatNumber(x, 1)} %`;
}

// ---------------------------------------------------------------------------------------------
// Shares per year: level, change since the first year, and against a goal

export interface ShareYear {
  year: number;
  /** 0–1; null when the year has no figure. */
  share: number | null;
}

/**
 * The newest year's share, its change since the first year with a figure, and (with `goal`) its
 * position against the goal:
 *   "Andelen af henvendelserne via selvbetjening i Halsnæs var 38,5 % i 2015, 26,0 procentpoint
 *    højere end i 2011 (12,5 %). Målet er mindst 50 % i 2015; i 2015 er andelen 11,5 procentpoint under."
 *   "… Målet er mindst 50 % i 2015; i 2024 er andelen 28,2 procentpoint over. I målåret 2015 var
 *    andelen 47,6 %, 2,4 procentpoint under målet; det blev først nået i 2016."
 * Without figures: "Der er ingen tal for andelen … i Halsnæs."
 */
export function shareGoalSentence(input: {
  place: string;
  /** The share as the subject of a sentence: "Andelen af henvendelserne via selvbetjening". */
  subject: string;
  years: readonly ShareYear[];
  goal?: number;
  goalYear?: number;
  example?: boolean;
}): string {
  const { place, subject, years, goal, goalYear, example } = input;
  const withFigures = years.filter((y) => isNumber(y.share)).sort((a, b) => a.year - b.year);
  const measure: Measure = { kind: "percent", subject };
  if (withFigures.length === 0) return withExample(`Der er ingen tal for ${subject.charAt(0).toLowerCase()}${subject.slice(1)} i ${place}.`, example);
  const last = withFigures.at(-1)!;
  const first = withFigures[0];
  const level =
    first.year < last.year
      ? changeSentence({ place, year: last.year, value: percent(last.share), baseYear: first.year, baseValue: percent(first.share), measure })
      : levelSentence({ place, year: last.year, value: percent(last.share), measure });
  if (goal === undefined) return withExample(level, example);
  return withExample(
    joinSentences(level, goalClause(percent(last.share)!, goal, goalYear, last.year), deadlineSentence(withFigures, goal, goalYear, last.year)),
    example,
  );
}

/**
 * The newest figure against the goal (value on the percent scale, 38.5 = 38,5 %):
 *   "Målet er mindst 50 % i 2015; i 2024 er andelen 28,2 procentpoint over."
 *   "Målet er mindst 50 % i 2015; i 2013 er andelen 0,4 procentpoint under (en lille forskel, under 1 procentpoint)."
 * It never says "nået" about a figure after the goal's year: deadlineSentence says how the year itself went.
 */
export function goalClause(value: number, goal: number, goalYear?: number, year?: number): string {
  const aim = `Målet er mindst ${formatNumber(100 * goal)} %${goalYear ? ` i ${goalYear}` : ""}`;
  const when = year === undefined ? "andelen er" : `i ${year} er andelen`;
  const diff = (tenths(value) - tenths(100 * goal)) / 10;
  const abs = formatNumber(Math.abs(diff), 1);
  if (diff === 0) return `${aim}; ${when} præcis på målet.`;
  const small =
    Math.abs(diff) < THRESHOLDS.compare.percent.small ? ` (en lille forskel, under ${formatNumber(THRESHOLDS.compare.percent.small)} procentpoint)` : "";
  return `${aim}; ${when} ${abs} procentpoint ${diff > 0 ? "over" : "under"}${small}.`;
}

/**
 * When the newest year is after the goal's year: how the goal's year went, and when the goal was
 * first reached:
 *   "I målåret 2015 var andelen 47,6 %, 2,4 procentpoint under målet; det blev først nået i 2016."
 *   "I målåret 2015 var andelen 51,0 %, så målet blev nået til tiden."
 *   "Der er ingen tal for målåret 2015."
 */
export function deadlineSentence(years: readonly ShareYear[], goal: number, goalYear: number | undefined, lastYear: number): string | null {
  if (goalYear === undefined || lastYear <= goalYear) return null;
  const at = years.find((y) => y.year === goalYear && isNumber(y.share));
  const reached = (share: number) => tenths(100 * share) >= tenths(100 * goal);
  const first = years.filter((y) => y.year > goalYear && isNumber(y.share) && reached(y.share)).sort((a, b) => a.year - b.year)[0];
  if (!at || !isNumber(at.share)) return `Der er ingen tal for målåret ${goalYear}${first ? `; målet er nået fra ${first.year}` : ""}.`;
  if (reached(at.share)) return `I målåret ${goalYear} var andelen ${pctText(tenths(100 * at.share) / 10)}, så målet blev nået til tiden.`;
  const gap = formatNumber((tenths(100 * goal) - tenths(100 * at.share)) / 10, 1);
  return `I målåret ${goalYear} var andelen ${pctText(tenths(100 * at.share) / 10)}, ${gap} procentpoint under målet; ${first ? `det blev først nået i ${first.year}` : "det er endnu ikke nået"}.`;
}

// ---------------------------------------------------------------------------------------------
// The channel mix

/**
 * The digital share's level and change, and the largest channel of the newest year:
 *   "Andelen af henvendelserne via digitale kanaler i Halsnæs var 61,2 % i 2015, 20,1 procentpoint
 *    højere end i 2011 (41,1 %). Den største kanal i 2015 var telefon med 30,2 % af henvendelserne."
 */
export function channelMixSentence(input: {
  place: string;
  years: readonly { year: number; digitalShare: number | null; total: number; byChannel: Readonly<Record<string, number>> }[];
  /** Channel id → the name a sentence uses ("telefon", "personligt fremmøde"). */
  channelName: (id: string) => string;
  example?: boolean;
}): string {
  const { place, years, channelName, example } = input;
  const share = shareGoalSentence({
    place,
    subject: "Andelen af henvendelserne via digitale kanaler",
    years: years.map((y) => ({ year: y.year, share: y.digitalShare })),
  });
  const last = [...years].sort((a, b) => a.year - b.year).at(-1);
  let largest: string | null = null;
  if (last && last.total > 0) {
    const [id, n] = Object.entries(last.byChannel).sort((a, b) => b[1] - a[1])[0];
    largest = `Den største kanal i ${last.year} var ${channelName(id)} med ${pctText((100 * n) / last.total)} af henvendelserne (${formatNumber(n)} af ${formatNumber(last.total)}).`;
  }
  return withExample(joinSentences(share, largest), example);
}

// ---------------------------------------------------------------------------------------------
// Cost

/**
 * The newest year's cost and the price per inquiry against the first year's:
 *   "I 2015 kostede henvendelserne i Halsnæs 2.345.678 kr., 45,6 kr. pr. henvendelse. Prisen pr.
 *    henvendelse i Halsnæs var 45,6 kr. i 2015, 6,7 kr. lavere end i 2011 (52,3 kr.; −12,8 %)."
 */
export function costSentence(input: {
  place: string;
  years: readonly { year: number; cost: number | null; costPerInquiry: number | null }[];
  example?: boolean;
}): string {
  const { place, example } = input;
  const years = [...input.years].filter((y) => isNumber(y.cost) && isNumber(y.costPerInquiry)).sort((a, b) => a.year - b.year);
  if (years.length === 0) return withExample(`Udgiften kan ikke beregnes for ${place}: der mangler en pris for en kanal med henvendelser.`, example);
  const last = years.at(-1)!;
  const first = years[0];
  const perInquiry: Measure = { kind: "amount", subject: "Prisen pr. henvendelse", unit: "kr.", decimals: 1 };
  // rounded as the change sentence after it rounds (sentences.ts), so the two say the same price
  const level = `I ${last.year} kostede henvendelserne i ${place} ${formatNumber(last.cost)} kr., ${formatNumber(tenths(last.costPerInquiry!) / 10, 1)} kr. pr. henvendelse.`;
  const change =
    first.year < last.year
      ? changeSentence({ place, year: last.year, value: last.costPerInquiry, baseYear: first.year, baseValue: first.costPerInquiry, measure: perInquiry })
      : null;
  return withExample(joinSentences(level, change), example);
}

/**
 * The cheapest and the dearest channel:
 *   "Den billigste kanal er selvbetjening med integration til fagsystem med 5 kr. pr. henvendelse,
 *    den dyreste personligt fremmøde med 110 kr. (22 gange så meget). Priserne er KL's gennemsnit."
 */
export function unitCostSentence(input: {
  costs: readonly { channel: string; kr: number | null | undefined }[];
  /** Where the prices come from, as a sentence: "Priserne er KL's gennemsnit." */
  sourceSentence: string;
  example?: boolean;
}): string {
  const priced = input.costs.filter((c): c is { channel: string; kr: number } => isNumber(c.kr)).sort((a, b) => a.kr - b.kr);
  if (priced.length === 0) return withExample(`Der er ingen priser pr. henvendelse. ${input.sourceSentence}`, input.example);
  const low = priced[0];
  const high = priced.at(-1)!;
  const ratio = low.kr > 0 ? high.kr / low.kr : null;
  const times = ratio !== null && ratio >= 1.05 ? ` (${formatNumber(ratio, ratio < 10 ? 1 : 0)} gange så meget)` : "";
  const text =
    priced.length === 1 || low.kr === high.kr
      ? `En henvendelse koster ${formatNumber(low.kr)} kr. i alle kanaler med en pris.`
      : `Den billigste kanal er ${low.channel.toLowerCase()} med ${formatNumber(low.kr)} kr. pr. henvendelse, den dyreste ${high.channel.toLowerCase()} med ${formatNumber(high.kr)} kr.${times}.`;
  return withExample(joinSentences(text, input.sourceSentence), input.example);
}

/**
 * The what-if as the year's cost before and after:
 *   "Regneeksempel: med henvendelserne i 2015 falder årets udgift fra 2.345.678 kr. til 2.290.318 kr.,
 *    55.360 kr. eller 2,4 % mindre."
 */
export function whatIfSentence(input: { year: number; before: number | null; after: number | null; sameChannel?: boolean; example?: boolean }): string {
  const { year, before, after, sameChannel, example } = input;
  if (sameChannel) return withExample(`Der er valgt samme kanal to gange, så intet flyttes; årets udgift er ${formatNumber(before)} kr.`, example);
  if (!isNumber(before) || !isNumber(after)) return withExample("Udgiften kan ikke beregnes: der mangler en pris for en af kanalerne.", example);
  const diff = Math.round(after) - Math.round(before);
  const ratio = Math.round(before) !== 0 ? diff / Math.round(before) : null;
  const how =
    diff === 0
      ? `er årets udgift uændret, ${formatNumber(before)} kr.`
      : `${diff < 0 ? "falder" : "stiger"} årets udgift fra ${formatNumber(before)} kr. til ${formatNumber(after)} kr., ${formatNumber(Math.abs(diff))} kr.${ratio === null ? "" : ` eller ${formatPercentChange(Math.abs(ratio)).replace(/^\+/, "")}`} ${diff < 0 ? "mindre" : "mere"}`;
  return withExample(`Regneeksempel: med henvendelserne i ${year} ${how}.`, example);
}

// ---------------------------------------------------------------------------------------------
// Exemptions from Digital Post

/**
 * One reporting period's applications, from the table as shown (hidden cells are null):
 *   "I maj 2015 søgte 45 om fritagelse for Digital Post i Halsnæs: 31 blev bevilget og 14 afslået.
 *    Flest søgte på grund af manglende digitale færdigheder (20)."
 * Hidden numbers are said as hidden ("færre end 3 eller skjult"), never guessed.
 */
export function exemptionSentence(input: {
  place: string;
  /** "maj 2015". */
  period: string;
  total: number | null;
  granted: number | null | undefined;
  refused: number | null | undefined;
  /** Each reason's total (null: hidden). */
  reasons: readonly { reason: string; total: number | null }[];
  example?: boolean;
}): string {
  const { place, period, total, granted, refused, reasons, example } = input;
  const hidden = "færre end 3 eller skjult";
  const count = (n: number | null | undefined) => (isNumber(n) ? formatNumber(n) : `et antal, der er skjult (${hidden})`);
  if (!isNumber(total) && !reasons.length) return withExample(`Der er ingen ansøgninger om fritagelse for Digital Post i ${place} i ${period}.`, example);
  const head = isNumber(total)
    ? `I ${period} søgte ${formatNumber(total)} ${total === 1 ? "borger" : "borgere"} om fritagelse for Digital Post i ${place}`
    : `Antallet af ansøgninger om fritagelse for Digital Post i ${place} i ${period} er skjult (${hidden})`;
  const outcome = granted === undefined && refused === undefined ? "" : `: ${count(granted)} blev bevilget og ${count(refused)} afslået`;
  const shown = reasons.filter((r): r is { reason: string; total: number } => isNumber(r.total)).sort((a, b) => b.total - a.total);
  let top: string | null = null;
  if (shown.length) {
    const tied = shown.filter((r) => r.total === shown[0].total);
    top =
      tied.length === 1
        ? `Flest søgte på grund af ${shown[0].reason} (${formatNumber(shown[0].total)}).`
        : `Flest søgte på grund af ${listDa(tied.map((r) => r.reason))} (${formatNumber(shown[0].total)} hver).`;
  }
  const anyHidden = [granted, refused, ...reasons.map((r) => r.total)].some((v) => v === null);
  return withExample(joinSentences(`${head}${outcome}.`, top, anyHidden ? "Tal under 3 vises ikke." : null), example);
}
