/**
 * Plain-Danish sentences from the numbers a chart shows: the level ("I 2024 boede der 31.738 i
 * Halsnæs"), the change since the baseline year ("…, 1.234 flere end i 2011 (+4,0 %)") and the
 * position against a comparison group ("Halsnæs har relativt færre 20–29-årige end de fem lignende
 * kommuner: 8,1 % mod 10,4 %"). Each sentence names the place, the measure and the year, so it
 * can stand alone as a chart's text alternative. Pure: no DOM, no node.
 *
 * Rules that never overstate (the thresholds are `THRESHOLDS`; `SENTENCE_RULES_DA` in src/lib/sentenceRules.ts says them in
 * Danish for "Om data"):
 * - Differences are worked out from the numbers as shown (rounded to the decimals the sentence
 *   writes), so "8,1 % mod 10,4 %" is always 2,3 procentpoint, never 2,2.
 * - Equal as shown: "samme"/"lige så mange", never "flere" or "færre".
 * - A difference below the small threshold is called small ("omtrent samme …", "(en lille
 *   forskel)"); "markant" only at or beyond the marked threshold. A change over time is never
 *   called "markant"; a small one is "næsten uændret".
 * - Missing numbers are said plainly ("Der er ingen tal for 2011, så udviklingen kan ikke
 *   beregnes."); nothing is compared with a missing number.
 * - Numbers are Danish (1.234,5), signs are + and − (U+2212), and nouns and "flere/mere" agree
 *   with the number (1 indbygger, 2 indbyggere; 1 mere, 2 flere).
 *
 * Measures come in four kinds, which decide how a difference is measured:
 *   count    persons or other whole things (a level and its change; changes in % of the base)
 *   percent  a share in per cent (8.1 = 8,1 %); differences in procentpoint
 *   rate     a rate that can be around 0 or negative, e.g. net migration per 1,000 inhabitants;
 *            differences in the rate's own unit
 *   amount   kroner, kilometres …: differences relative to the comparison value (in %)
 */
import { formatNumber, formatPercentChange, formatSigned } from "./format.js";

export type MeasureKind = "count" | "percent" | "rate" | "amount";

export interface Measure {
  kind: MeasureKind;
  /**
   * The measure as the subject of a sentence, capitalised: "Folketallet", "Andelen af 20–29-årige",
   * "Den disponible indkomst pr. person", "Nettotilflytningen af 25–44-årige".
   */
  subject: string;
  /** count: the noun in singular and plural ("indbygger"/"indbyggere"), after the number in the level sentence; leave it out when the verb says who ("boede der 31.738"). */
  noun?: { one: string; other: string };
  /** The subject is neuter ("Folketallet … det samme"); default common gender ("Indkomsten … den samme"). */
  neuter?: boolean;
  /** count: the level's verb phrase: "I 2024 {verb} 31.738 {noun} {preposition} Halsnæs" (default "var der"). */
  verb?: string;
  /** count: "i" (default), "til", "fra" … before the place in the level sentence. */
  preposition?: string;
  /** percent: whom the share counts, as in "relativt færre 20–29-årige" (required for comparisons of shares). */
  of?: string;
  /** rate and amount: the unit after the number: "kr.", "km", "pr. 1.000 indbyggere". */
  unit?: string;
  /** Decimals shown (default: count 0, percent 1, rate 1, amount 0). */
  decimals?: number;
  /** rate: write the level with its sign (+2,1 / −0,4), as for a net figure. */
  signed?: boolean;
  /** Words for a higher and a lower value (default "højere"/"lavere"; e.g. "længere"/"kortere" for km). */
  higher?: string;
  lower?: string;
}

/**
 * When a difference is small and when it may be called "markant". Comparisons (a place against a
 * group) use `compare`, changes since a base year use `change`; the unit of each number is:
 *   percent: procentpoint, rate: the rate's unit, count and amount: the relative difference (0.05 = 5 %).
 * small: |difference| < small. marked: |difference| ≥ marked (comparisons only).
 */
export const THRESHOLDS = {
  compare: {
    percent: { small: 1, marked: 5 },
    rate: { small: 1, marked: 5 },
    amount: { small: 0.05, marked: 0.25 },
    count: { small: 0.05, marked: 0.25 },
  },
  change: {
    percent: { small: 0.5 },
    rate: { small: 0.5 },
    amount: { small: 0.01 },
    count: { small: 0.01 },
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Comparison groups

export type ComparisonGroup =
  | { kind: "neighbours" }
  | { kind: "peers"; k: number }
  | { kind: "region"; name?: string }
  | { kind: "country" }
  | { kind: "municipality"; name: string };

const NUMBER_WORDS = ["nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv"];

/** 5 → "fem" (common gender; "en" for 1), from 13 on the digits. */
export function numberWord(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < NUMBER_WORDS.length ? NUMBER_WORDS[n] : formatNumber(n);
}

/**
 * The group as a sentence names it: "nabokommunerne", "de fem lignende kommuner" (k = 1: "den
 * mest lignende kommune"), "regionen" (or its name), "hele landet".
 */
export function groupName(group: ComparisonGroup): string {
  switch (group.kind) {
    case "neighbours":
      return "nabokommunerne";
    case "peers":
      return group.k === 1 ? "den mest lignende kommune" : `de ${numberWord(group.k)} lignende kommuner`;
    case "region":
      return group.name ?? "regionen";
    case "country":
      return "hele landet";
    case "municipality":
      return group.name;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const DEFAULT_DECIMALS: Record<MeasureKind, number> = { count: 0, percent: 1, rate: 1, amount: 0 };

function decimalsOf(m: Measure): number {
  return m.decimals ?? DEFAULT_DECIMALS[m.kind];
}

/** The number as the sentence shows it, rounded to its decimals (so differences match what is read). */
function shown(value: number, m: Measure): number {
  const f = 10 ** decimalsOf(m);
  const r = Math.round(Math.abs(value) * f) / f;
  return value < 0 ? -r : r;
}

/** Difference of two shown numbers, without floating-point dust (10,4 − 8,1 = 2,3 exactly). */
function shownDifference(a: number, b: number, m: Measure): number {
  const f = 10 ** decimalsOf(m);
  return (Math.round(shown(a, m) * f) - Math.round(shown(b, m) * f)) / f;
}

/** "31.738", "8,1 %", "245.312 kr.", "+2,1 pr. 1.000 indbyggere", with the noun for counts when `withNoun`. */
export function formatMeasure(value: number, m: Measure, withNoun = false): string {
  const d = decimalsOf(m);
  const n = m.signed ? formatSigned(shown(value, m), d) : formatNumber(shown(value, m), d);
  switch (m.kind) {
    case "percent":
      return `${n} %`;
    case "count":
      return withNoun && m.noun ? `${n} ${plural(shown(value, m), m.noun)}` : n;
    default:
      return m.unit ? `${n} ${m.unit}` : n;
  }
}

/** The noun that agrees with the number: 1 → one, everything else (0, 2, 1,5) → other. */
export function plural(n: number, noun: { one: string; other: string }): string {
  return Math.abs(n) === 1 ? noun.one : noun.other;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const isNumber = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

/** Close a sentence with a full stop, unless it already ends with one ("… 262.000 kr."). */
function stop(s: string): string {
  return s.endsWith(".") ? s : `${s}.`;
}

/** One or more sentences joined as one text (each already ends with a full stop). */
export function joinSentences(...sentences: (string | null | undefined)[]): string {
  return sentences.filter((s): s is string => !!s && s.trim() !== "").join(" ");
}

// ---------------------------------------------------------------------------------------------
// Level

export interface LevelInput {
  place: string;
  year: number;
  value: number | null | undefined;
  measure: Measure;
}

/**
 * "I 2024 boede der 31.738 i Halsnæs." (count), "Andelen af 20–29-årige i Halsnæs var 8,1 % i
 * 2024." (other kinds), or "Der er ingen tal for folketallet i Halsnæs i 2024."
 */
export function levelSentence(input: LevelInput): string {
  return stop(levelClause(input));
}

function levelClause({ place, year, value, measure: m }: LevelInput): string {
  if (!isNumber(value)) return `Der er ingen tal for ${lowerFirst(m.subject)} i ${place} i ${year}`;
  if (m.kind === "count") {
    return `I ${year} ${m.verb ?? "var der"} ${formatMeasure(value, m, true)} ${m.preposition ?? "i"} ${place}`;
  }
  return `${m.subject} i ${place} var ${formatMeasure(value, m)} i ${year}`;
}

// ---------------------------------------------------------------------------------------------
// Change since the baseline year

export interface ChangeInput extends LevelInput {
  baseYear: number;
  baseValue: number | null | undefined;
}

/**
 * The level with the change since `baseYear`:
 *   count    "I 2024 boede der 31.738 i Halsnæs, 1.234 flere end i 2011 (+4,0 %)."
 *            "…, næsten lige så mange som i 2011 (38 flere, +0,1 %)."  (|change| < 1 %)
 *            "…, lige så mange som i 2011."
 *   percent  "Andelen af 65+-årige i Halsnæs var 24,3 % i 2024, 4,1 procentpoint højere end i 2011 (20,2 %)."
 *   rate     "Nettotilflytningen … var +2,1 pr. 1.000 indbyggere i 2024, 3,0 højere end i 2011 (−0,9)."
 *   amount   "Den disponible indkomst pr. person i Halsnæs var 245.000 kr. i 2024, 45.000 kr. højere end i 2011 (+22,5 %)."
 *   small    "…, næsten uændret siden 2011 (24,0 %)." (below THRESHOLDS.change); equal as shown: "uændret siden 2011"
 * A missing base: "…. Der er ingen tal for 2011, så udviklingen kan ikke beregnes."
 */
export function changeSentence(input: ChangeInput): string {
  const { value, baseYear, baseValue, measure: m } = input;
  const level = levelClause(input);
  if (!isNumber(value)) return `${level}, så udviklingen siden ${baseYear} kan ikke beregnes.`;
  if (!isNumber(baseValue)) return `${stop(level)} Der er ingen tal for ${baseYear}, så udviklingen kan ikke beregnes.`;
  return stop(`${level}, ${changeClause(value, baseValue, baseYear, m)}`);
}

function changeClause(value: number, base: number, baseYear: number, m: Measure): string {
  const diff = shownDifference(value, base, m);
  const higher = m.higher ?? "højere";
  const lower = m.lower ?? "lavere";
  if (m.kind === "count") {
    if (diff === 0) return `lige så mange som i ${baseYear}`;
    const abs = formatNumber(Math.abs(diff), decimalsOf(m));
    const word = diff > 0 ? (Math.abs(diff) === 1 ? "mere" : "flere") : "færre";
    const ratio = base !== 0 ? diff / base : null;
    // a change that rounds to 0,0 % is not given as "+0,0 %"
    const share = ratio === null ? "fra 0" : Math.abs(ratio) < 0.0005 ? null : formatPercentChange(ratio);
    if (ratio !== null && Math.abs(ratio) < THRESHOLDS.change.count.small)
      return `næsten lige så mange som i ${baseYear} (${abs} ${word}${share ? `, ${share}` : ""})`;
    return `${abs} ${word} end i ${baseYear}${share ? ` (${share})` : ""}`;
  }
  const baseShown = m.kind === "rate" ? formatMeasureBare(base, m) : formatMeasure(base, m);
  if (diff === 0) return `uændret siden ${baseYear}`;
  const word = diff > 0 ? higher : lower;
  if (m.kind === "percent") {
    const abs = formatNumber(Math.abs(diff), decimalsOf(m));
    if (Math.abs(diff) < THRESHOLDS.change.percent.small) return `næsten uændret siden ${baseYear} (${baseShown})`;
    return `${abs} procentpoint ${word} end i ${baseYear} (${baseShown})`;
  }
  if (m.kind === "rate") {
    const abs = formatNumber(Math.abs(diff), decimalsOf(m));
    if (Math.abs(diff) < THRESHOLDS.change.rate.small) return `næsten uændret siden ${baseYear} (${baseShown})`;
    return `${abs} ${word} end i ${baseYear} (${baseShown})`;
  }
  // amount: the difference in the unit, and in % of the base
  const abs = formatMeasure(Math.abs(diff), { ...m, signed: false });
  const ratio = base !== 0 ? diff / shown(base, m) : null;
  if (ratio !== null && Math.abs(ratio) < THRESHOLDS.change.amount.small) {
    return `næsten uændret siden ${baseYear} (${formatMeasure(base, m)})`;
  }
  return `${abs} ${word} end i ${baseYear} (${formatMeasure(base, m)}${ratio === null ? "" : `; ${formatPercentChange(ratio)}`})`;
}

/** A rate's base value with its sign but without the unit (the level already said the unit): "−0,9". */
function formatMeasureBare(value: number, m: Measure): string {
  const d = decimalsOf(m);
  return m.signed ? formatSigned(shown(value, m), d) : formatNumber(shown(value, m), d);
}

// ---------------------------------------------------------------------------------------------
// Position against a comparison group

export interface ComparisonInput {
  place: string;
  /** With a year the sentence says "I 2024 havde …"; without it, the present tense. */
  year?: number;
  value: number | null | undefined;
  /** The group's value on the same scale (a share, a rate, an average), as the chart shows it. */
  groupValue: number | null | undefined;
  group: ComparisonGroup;
  measure: Measure;
}

export type Degree = "same" | "small" | "clear" | "marked";

/**
 * How big the difference value − groupValue is, as shown: "same" (equal as shown), "small" (below
 * the small threshold), "marked" (at or beyond the marked threshold) or "clear" (in between).
 */
export function differenceDegree(value: number, groupValue: number, m: Measure): { diff: number; degree: Degree } {
  const diff = shownDifference(value, groupValue, m);
  if (diff === 0) return { diff, degree: "same" };
  const t = THRESHOLDS.compare[m.kind];
  const size = m.kind === "percent" || m.kind === "rate" ? Math.abs(diff) : shown(groupValue, m) !== 0 ? Math.abs(diff / shown(groupValue, m)) : Infinity;
  return { diff, degree: size < t.small ? "small" : size >= t.marked ? "marked" : "clear" };
}

/**
 * The place against the group:
 *   percent  "Halsnæs har relativt færre 20–29-årige end de fem lignende kommuner: 8,1 % mod 10,4 %."
 *            "Halsnæs har en markant mindre andel 20–29-årige end hele landet: 8,1 % mod 14,0 %." (≥ 5 procentpoint)
 *            "Halsnæs har omtrent samme andel 20–29-årige som regionen: 8,1 % mod 8,6 % (en lille forskel)." (< 1 procentpoint)
 *            "Halsnæs har samme andel 20–29-årige som nabokommunerne: 8,1 %."
 *   others   "Den disponible indkomst pr. person er lavere i Halsnæs end i hele landet: 245.000 kr. mod 262.000 kr."
 *            "… er markant lavere …", "… er omtrent den samme i Halsnæs som i … (en lille forskel)."
 * With `year`: "I 2024 havde Halsnæs …" / "I 2024 var den disponible indkomst pr. person …".
 * Missing numbers: "Der er ingen tal for de fem lignende kommuner i 2024, så Halsnæs kan ikke sammenlignes med dem."
 */
export function comparisonSentence(input: ComparisonInput): string {
  const { place, year, value, groupValue, group, measure: m } = input;
  const name = groupName(group);
  const when = year === undefined ? "" : ` i ${year}`;
  if (!isNumber(value)) return `Der er ingen tal for ${lowerFirst(m.subject)} i ${place}${when}, så ${place} kan ikke sammenlignes med ${name}.`;
  if (!isNumber(groupValue)) {
    const them = group.kind === "peers" || group.kind === "neighbours" ? "dem" : name;
    return `Der er ingen tal for ${name}${when}, så ${place} kan ikke sammenlignes med ${them}.`;
  }
  const { diff, degree } = differenceDegree(value, groupValue, m);
  const a = formatMeasure(value, m);
  const b = formatMeasure(groupValue, m);
  // a rate's long unit once: "+2,1 mod −0,4 pr. 1.000 indbyggere"
  const numbers =
    degree === "same" ? a : m.kind === "rate" && m.unit ? `${formatMeasureBare(value, m)} mod ${formatMeasureBare(groupValue, m)} ${m.unit}` : `${a} mod ${b}`;
  const tail = degree === "small" ? " (en lille forskel)" : "";

  if (m.kind === "percent") {
    const of = m.of ?? lowerFirst(m.subject);
    const start = year === undefined ? `${place} har` : `I ${year} havde ${place}`;
    let body: string;
    if (degree === "same") body = `samme andel ${of} som ${name}`;
    else if (degree === "small") body = `omtrent samme andel ${of} som ${name}`;
    else if (degree === "marked") body = `en markant ${diff > 0 ? "større" : "mindre"} andel ${of} end ${name}`;
    else body = `relativt ${diff > 0 ? "flere" : "færre"} ${of} end ${name}`;
    return stop(`${start} ${body}: ${numbers}${tail}`);
  }
  const inGroup = `i ${name}`;
  const subject = year === undefined ? m.subject : lowerFirst(m.subject);
  const verb = year === undefined ? "er" : "var";
  const start = year === undefined ? `${subject} ${verb}` : `I ${year} ${verb} ${subject}`;
  const higher = m.higher ?? "højere";
  const lower = m.lower ?? "lavere";
  let body: string;
  const same = m.neuter ? "det samme" : "den samme";
  if (degree === "same") body = `${same} i ${place} som ${inGroup}`;
  else if (degree === "small") body = `omtrent ${same} i ${place} som ${inGroup}`;
  else body = `${degree === "marked" ? "markant " : ""}${diff > 0 ? higher : lower} i ${place} end ${inGroup}`;
  return stop(`${upperFirst(start)} ${body}: ${numbers}${tail}`);
}

// ---------------------------------------------------------------------------------------------
// Ready-made measures the pages use

/** Population on 1 January: "I 2024 boede der 31.738 i Halsnæs". */
export const POPULATION: Measure = { kind: "count", subject: "Folketallet", verb: "boede der", neuter: true };

/** The share of an age group in per cent (8.1 = 8,1 %): ageShare("20–29-årige"). */
export function ageShare(ages: string): Measure {
  return { kind: "percent", subject: `Andelen af ${ages}`, of: ages };
}

/** Net domestic migration per 1,000 inhabitants (signed): netRate("25–44-årige") or netRate() for all ages. */
export function netRate(ages?: string): Measure {
  return {
    kind: "rate",
    subject: ages ? `Nettotilflytningen af ${ages}` : "Nettotilflytningen",
    unit: "pr. 1.000 indbyggere",
    signed: true,
  };
}

export const DISPOSABLE_INCOME: Measure = { kind: "amount", subject: "Den disponible indkomst pr. person", unit: "kr." };

/**
 * Growth in per cent over a period (signed, one decimal): growthRate("Væksten i folketallet
 * 2011–2026"). Compared as a rate: the difference in procentpoint, small under
 * THRESHOLDS.compare.rate.small, "markant" from THRESHOLDS.compare.rate.marked (stated in
 * SENTENCE_RULES_DA). An index (2011 = 100) is compared the same way, in index points.
 */
export function growthRate(subject: string): Measure {
  return { kind: "rate", subject, unit: "%", signed: true, decimals: 1 };
}

/**
 * Full-time persons on income-replacing benefits per 1,000 inhabitants: a level well above 0
 * (often 100–200), so a difference is measured relative to the group's figure, as an amount (a
 * difference of 5 per 1,000 on 150 is small, not "markant" as it would be for a net rate around 0).
 */
export const BENEFIT_RECIPIENTS: Measure = {
  kind: "amount",
  subject: "Antallet af fuldtidspersoner på indkomsterstattende ydelser",
  unit: "pr. 1.000 indbyggere",
  decimals: 1,
  neuter: true,
};

/**
 * A chart without any numbers for the place, said plainly, and (with a group) that nothing is
 * compared: "Der er ingen tal for den skattepligtige indkomst pr. person i Halsnæs, så Halsnæs kan
 * ikke sammenlignes med de fem lignende kommuner." Without a group: "Der er ingen tal for … i
 * Halsnæs."
 */
export function noNumbersSentence({ place, measure, group }: { place: string; measure: Measure; group?: ComparisonGroup | null }): string {
  if (group) return comparisonSentence({ place, value: null, groupValue: null, group, measure });
  return `Der er ingen tal for ${lowerFirst(measure.subject)} i ${place}.`;
}

export const COMMUTING_DISTANCE: Measure = {
  kind: "amount",
  subject: "Den gennemsnitlige pendlingsafstand",
  unit: "km",
  decimals: 1,
  higher: "længere",
  lower: "kortere",
};

/**
 * Population level, change and position as one text (a chart's text alternative): the sentences
 * that have numbers, the missing ones said plainly.
 */
export function populationText(input: {
  place: string;
  year: number;
  population: number | null | undefined;
  baseYear: number;
  basePopulation: number | null | undefined;
}): string {
  return changeSentence({
    place: input.place,
    year: input.year,
    value: input.population,
    baseYear: input.baseYear,
    baseValue: input.basePopulation,
    measure: POPULATION,
  });
}

/**
 * The municipality as a sentence names it. The templates say "i {place}", which is wrong Danish
 * for an island ("på Bornholm", not "i Bornholm"): those municipalities are named with
 * "Kommune" ("i Læsø Kommune"), which is right in every template.
 */
const SENTENCE_NAMES: Readonly<Record<string, string>> = {
  "400": "Bornholms Regionskommune",
  "482": "Langeland Kommune",
  "492": "Ærø Kommune",
  "563": "Fanø Kommune",
  "741": "Samsø Kommune",
  "773": "Morsø Kommune",
  "825": "Læsø Kommune",
};

export function sentencePlace(code: string, name: string): string {
  return SENTENCE_NAMES[code] ?? name;
}

/** "Eksempeldata: " before the text when `example`. */
export function withExample(text: string, example: boolean | undefined): string {
  return example ? `Eksempeldata: ${text}` : text;
}

/** "a", "a og b", "a, b og c". */
export function listDa(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} og ${items.at(-1)}`;
}
