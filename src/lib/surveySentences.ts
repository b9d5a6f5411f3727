/**
 * Plain-Danish sentences under the cards of /praeferencer (the preference survey), from the same
 * numbers the charts show: who answered against the population, the highest and lowest shares
 * agreeing, each scale's answer distribution, importance against satisfaction, two groups
 * compared, and the reasons for moving. Each sentence is honest about the survey:
 *   - the number of answers (n) behind a figure, and "under 30 svar" where the page marks it
 *     uncertain (MIN_RELIABLE in ./survey/stats.ts);
 *   - whether the figures are weighted, and then the effective sample size (weightingSentence);
 *   - no sentence repeats a control's label (a sentence is also a card's aria-label, and a
 *     control found by its label must stay the only match);
 *   - a difference between two groups under SURVEY_SMALL_DIFFERENCE procentpoint is called small,
 *     and the sentence says where that line is; a difference is called "sikker" only when its
 *     95 % interval (Newcombe) leaves out 0, and never "markant";
 *   - "Eksempeldata:" first when the answers are the page's made-up example.
 * Numbers are Danish (1.234,5), shares come as fractions (0.823 = 82,3 %), and differences are
 * worked out from the numbers as shown. Pure: no DOM, no node.
 */
import { formatNumber, formatSigned } from "./format.js";
import { THRESHOLDS, joinSentences, listDa, withExample } from "./sentences.js";
import { MIN_RELIABLE } from "./survey/stats.js";

/**
 * Below this many procentpoint a difference between two groups' shares is called small. Wider
 * than sentences.ts's comparison threshold (THRESHOLDS.compare.percent.small, 1 procentpoint,
 * for register counts without sampling error): a survey share of a few hundred answers moves by
 * several procentpoint from sample to sample, so the survey uses that table's "marked" line,
 * THRESHOLDS.compare.percent.marked (5), as its line for "small".
 */
export const SURVEY_SMALL_DIFFERENCE = THRESHOLDS.compare.percent.marked;

/** Below this many points (on the 1–5 scale) importance and satisfaction are called close. */
export const SURVEY_SMALL_GAP = 0.5;

/** The survey's own rules, in Danish for "Om data" (beside SENTENCE_RULES_DA in sentenceRules.ts). */
export const SURVEY_SENTENCE_RULES_DA: readonly string[] = [
  `Spørgeskemaet: en forskel mellem to gruppers andele under ${formatNumber(SURVEY_SMALL_DIFFERENCE)} procentpoint kaldes lille, fordi en andel af nogle hundrede svar svinger flere procentpoint fra stikprøve til stikprøve; en forskel kaldes "sikker" kun, når dens 95 %-konfidensinterval ikke rummer 0.`,
  `Spørgeskemaet: vigtighed og tilfredshed (skala 1–5) kaldes tæt på hinanden, når de ligger under ${formatNumber(SURVEY_SMALL_GAP, 1)} point fra hinanden; tal bygget på under ${formatNumber(MIN_RELIABLE)} svar kaldes usikre.`,
];

const tenths = (x: number) => Math.round(x * 10);
/** A share 0–1 as shown: "82,3 %". */
const pct = (share: number) => `${formatNumber(tenths(100 * share) / 10, 1)} %`;
/** "412 svar" (the same word in singular and plural). */
const answers = (n: number) => `${formatNumber(n)} svar`;

export interface Weighting {
  weighted: boolean;
  /** Respondents in the file. */
  respondents: number;
  /** Kish's effective sample size when weighted. */
  effectiveN?: number | null;
}

/**
 * "Tallene er uvejede: hver besvarelse tæller én gang." / "Tallene er vejet, så besvarelserne svarer
 * til befolkningen (effektiv stikprøve 850 af 1.000 besvarelser)." (Worded so that no sentence
 * repeats a control's label, "Vejet til befolkningen": the sentence is a text alternative too.)
 */
export function weightingSentence({ weighted, respondents, effectiveN }: Weighting): string {
  if (!weighted) return "Tallene er uvejede: hver besvarelse tæller én gang.";
  return `Tallene er vejet, så besvarelserne svarer til befolkningen${typeof effectiveN === "number" && Number.isFinite(effectiveN) ? ` (effektiv stikprøve ${formatNumber(effectiveN)} af ${formatNumber(respondents)} besvarelser)` : ""}.`;
}

// ---------------------------------------------------------------------------------------------
// Who answered

/**
 * The category furthest from its share of the population:
 *   "1.000 har svaret. Den største skævhed er i gruppen 65–79 år (alder): 28,0 % af besvarelserne
 *    mod 18,4 % af befolkningen i Halsnæs 1. januar 2025, altså overrepræsenteret med 9,6
 *    procentpoint. Vægtningen ovenfor kan rette op på skævheder som denne."
 *   Under 1 procentpoint everywhere: "Besvarelserne fordeler sig næsten som befolkningen: ingen
 *    gruppe afviger med 1 procentpoint eller mere."
 */
export function representationSentence(input: {
  place: string;
  year: number;
  respondents: number;
  entries: readonly { group: string; category: string; respondentShare: number | null; populationShare: number }[];
  weighted: boolean;
  example?: boolean;
}): string {
  const { place, year, respondents, entries, weighted, example } = input;
  const head = `${formatNumber(respondents)} har svaret.`;
  const shown = entries
    .filter((e): e is typeof e & { respondentShare: number } => e.respondentShare !== null)
    .map((e) => ({ ...e, gap: (tenths(100 * e.respondentShare) - tenths(100 * e.populationShare)) / 10 }))
    .sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap));
  if (!shown.length) return withExample(joinSentences(head, `Der er ingen befolkningstal for ${place} at holde besvarelserne op imod.`), example);
  const top = shown[0];
  const small = THRESHOLDS.compare.percent.small;
  if (Math.abs(top.gap) < small)
    return withExample(
      joinSentences(
        head,
        `Besvarelserne fordeler sig næsten som befolkningen i ${place} 1. januar ${year}: ingen gruppe afviger med ${formatNumber(small)} procentpoint eller mere.`,
      ),
      example,
    );
  const fix = weighted ? "De vejede tal på siden retter op på skævheder som denne." : "Vægtningen ovenfor kan rette op på skævheder som denne.";
  return withExample(
    joinSentences(
      head,
      `Den største skævhed er i gruppen ${top.category} (${top.group.toLowerCase()}): ${pct(top.respondentShare)} af besvarelserne mod ${pct(top.populationShare)} af befolkningen i ${place} 1. januar ${year}, altså ${top.gap > 0 ? "overrepræsenteret" : "underrepræsenteret"} med ${formatNumber(Math.abs(top.gap), 1)} procentpoint.`,
      fix,
    ),
    example,
  );
}

// ---------------------------------------------------------------------------------------------
// Shares agreeing

export interface ShareItem {
  label: string;
  /** 0–1, with its 95 % interval. */
  share: number;
  lower: number;
  upper: number;
  /** Answers behind the share. */
  n: number;
}

const interval = (d: ShareItem) => `95 %-interval ${formatNumber(tenths(100 * d.lower) / 10, 1)}–${pct(d.upper)}`;
const fewAnswers = (n: number) => (n < MIN_RELIABLE ? `, under ${MIN_RELIABLE} svar, usikkert` : "");

/**
 * The highest and the lowest share answering 4 or 5:
 *   "Højest: Natur og omgivelser (tilfredshed), hvor 82,3 % svarer 4 eller 5 (95 %-interval
 *    78,0–86,0 %, 412 svar). Lavest: Kollektiv trafik (tilfredshed), 21,0 % (95 %-interval
 *    17,2–25,4 %, 398 svar). Tallene er uvejede: hver besvarelse tæller én gang."
 */
export function shareSentence(input: { items: readonly ShareItem[]; weighting: Weighting; example?: boolean }): string {
  const sorted = [...input.items].sort((a, b) => b.share - a.share);
  if (!sorted.length) return withExample("Der er ingen svar på udsagnene i filen.", input.example);
  const hi = sorted[0];
  const lo = sorted.at(-1)!;
  const high = `Højest: ${hi.label}, hvor ${pct(hi.share)} svarer 4 eller 5 (${interval(hi)}, ${answers(hi.n)}${fewAnswers(hi.n)}).`;
  const low = sorted.length > 1 ? `Lavest: ${lo.label}, ${pct(lo.share)} (${interval(lo)}, ${answers(lo.n)}${fewAnswers(lo.n)}).` : null;
  return withExample(joinSentences(high, low, weightingSentence(input.weighting)), input.example);
}

/**
 * One scale's answer distribution as the share in its two highest categories:
 *   "På de 6 udsagn om vigtighed svarer mellem 41,2 % (Kultur) og 92,0 % (Boliger) Vigtigt eller
 *    Meget vigtigt (380–412 svar pr. udsagn)."
 */
export function distributionSentence(input: {
  scale: string;
  /** The scale's labels from lowest to highest ("Slet ikke vigtigt" … "Meget vigtigt"). */
  scaleLabels: readonly string[];
  rows: readonly { label: string; category: number; share: number; n?: number }[];
  weighting: Weighting;
  example?: boolean;
}): string {
  const max = input.scaleLabels.length;
  const byItem = new Map<string, { top: number; n?: number }>();
  for (const r of input.rows) {
    const e = byItem.get(r.label) ?? { top: 0, n: r.n };
    if (r.category >= max - 1) e.top += r.share;
    byItem.set(r.label, e);
  }
  const items = [...byItem].map(([label, e]) => ({ label, ...e })).sort((a, b) => a.top - b.top);
  if (!items.length) return withExample(`Der er ingen svar om ${input.scale}.`, input.example);
  const topWords = `${input.scaleLabels[max - 2]} eller ${input.scaleLabels[max - 1]}`;
  const ns = items.map((i) => i.n).filter((n): n is number => typeof n === "number");
  const nText = ns.length
    ? Math.min(...ns) === Math.max(...ns)
      ? ` (${answers(ns[0])} pr. udsagn)`
      : ` (${formatNumber(Math.min(...ns))}–${answers(Math.max(...ns))} pr. udsagn)`
    : "";
  const lo = items[0];
  const hi = items.at(-1)!;
  const body =
    items.length === 1
      ? `${pct(hi.top)} svarer ${topWords} på udsagnet om ${input.scale}, ${hi.label}${nText}.`
      : `På de ${formatNumber(items.length)} udsagn om ${input.scale} svarer mellem ${pct(lo.top)} (${lo.label}) og ${pct(hi.top)} (${hi.label}) ${topWords}${nText}.`;
  return withExample(joinSentences(body, weightingSentence(input.weighting)), input.example);
}

// ---------------------------------------------------------------------------------------------
// Importance × satisfaction

/**
 * The topic where satisfaction lags importance the most:
 *   "Størst afstand mellem vigtighed og tilfredshed: Kollektiv trafik, vigtighed 4,3 og
 *    tilfredshed 2,6 på skalaen 1–5 (1,7 point; 402 svar)."
 *   Under SURVEY_SMALL_GAP everywhere: "… er tæt på hinanden for alle emner (under 0,5 point)."
 */
export function quadrantSentence(input: {
  topics: readonly { topic: string; importance: number; satisfaction: number; n: number }[];
  weighting: Weighting;
  example?: boolean;
}): string {
  const shown = input.topics.map((t) => ({ ...t, gap: (tenths(t.importance) - tenths(t.satisfaction)) / 10 })).sort((a, b) => b.gap - a.gap);
  if (!shown.length) return withExample("Der er ingen emner med både vigtighed og tilfredshed i filen.", input.example);
  const top = shown[0];
  const one = (x: number) => formatNumber(tenths(x) / 10, 1);
  const body =
    top.gap < SURVEY_SMALL_GAP
      ? `Vigtighed og tilfredshed er tæt på hinanden ${shown.length === 1 ? "for det ene emne" : `for alle ${formatNumber(shown.length)} emner`}: tilfredsheden ligger højst ${formatNumber(SURVEY_SMALL_GAP, 1)} point under vigtigheden på skalaen 1–5 (størst for ${top.topic}: vigtighed ${one(top.importance)}, tilfredshed ${one(top.satisfaction)}).`
      : `Størst afstand mellem vigtighed og tilfredshed: ${top.topic}, vigtighed ${one(top.importance)} og tilfredshed ${one(top.satisfaction)} på skalaen 1–5 (${formatNumber(top.gap, 1)} point; ${answers(top.n)}${fewAnswers(top.n)}).`;
  return withExample(joinSentences(body, weightingSentence(input.weighting)), input.example);
}

// ---------------------------------------------------------------------------------------------
// Two groups compared

export interface GroupDifference {
  item: string;
  /** Shares 0–1 in group a and b, and the answers behind them. */
  a: number;
  na: number;
  b: number;
  nb: number;
  /** The 95 % interval of a − b (Newcombe), as fractions. */
  lower: number;
  upper: number;
}

/**
 * The largest difference between the two groups and how many are small:
 *   "Største forskel mellem Par med børn og Uden børn: Skoler (vigtighed), 88,0 % mod 52,0 % svarer
 *    4 eller 5, 36,0 procentpoint (95 %-interval +27,1 til +44,2, så forskellen er sikker; 210 og
 *    180 svar). På 7 af 12 udsagn er forskellen under 5 procentpoint og kaldes lille."
 *   No difference of 5 procentpoint or more: "Par med børn og Uden børn svarer næsten ens: ingen
 *    forskel er på 5 procentpoint eller mere (størst: …)."
 */
export function groupComparisonSentence(input: { a: string; b: string; rows: readonly GroupDifference[]; weighting: Weighting; example?: boolean }): string {
  const { a, b, rows } = input;
  if (!rows.length) return withExample(`Der er ingen udsagn, som både ${a} og ${b} har svaret på.`, input.example);
  const shown = rows.map((r) => ({ ...r, diff: (tenths(100 * r.a) - tenths(100 * r.b)) / 10 })).sort((x, y) => Math.abs(y.diff) - Math.abs(x.diff));
  const top = shown[0];
  const line = formatNumber(SURVEY_SMALL_DIFFERENCE);
  const small = shown.filter((r) => Math.abs(r.diff) < SURVEY_SMALL_DIFFERENCE).length;
  const sure = top.lower > 0 || top.upper < 0;
  const ci = `95 %-interval ${formatSigned(tenths(100 * top.lower) / 10, 1)} til ${formatSigned(tenths(100 * top.upper) / 10, 1)}`;
  const certainty = sure ? "så forskellen er sikker" : "så forskellen kan skyldes tilfældigheder";
  const few = Math.min(top.na, top.nb) < MIN_RELIABLE ? `, under ${MIN_RELIABLE} svar i en af grupperne, usikkert` : "";
  const detail = `${top.item}, ${pct(top.a)} mod ${pct(top.b)} svarer 4 eller 5, ${top.diff === 0 ? "ingen forskel" : `${formatNumber(Math.abs(top.diff), 1)} procentpoint`} (${ci}, ${certainty}; ${formatNumber(top.na)} og ${answers(top.nb)}${few})`;
  const body =
    Math.abs(top.diff) < SURVEY_SMALL_DIFFERENCE
      ? `${a} og ${b} svarer næsten ens: ingen forskel er på ${line} procentpoint eller mere (størst: ${detail}).`
      : joinSentences(
          `Største forskel mellem ${a} og ${b}: ${detail}.`,
          small > 0
            ? `På ${formatNumber(small)} af ${formatNumber(shown.length)} udsagn er forskellen under ${line} procentpoint og kaldes lille.`
            : shown.length === 1
              ? `Det er det eneste udsagn, begge grupper har svaret på.`
              : `På alle ${formatNumber(shown.length)} udsagn er forskellen ${line} procentpoint eller mere.`,
        );
  return withExample(joinSentences(body, weightingSentence(input.weighting)), input.example);
}

// ---------------------------------------------------------------------------------------------
// Reasons (several answers possible)

/**
 * "Den hyppigste grund er Natur og omgivelser, valgt af 45,2 % af 380 besvarelser; derefter
 *  Boligen (30,1 %) og Familie og venner (22,0 %). Flere svar var mulige."
 */
export function reasonsSentence(input: { reasons: readonly { label: string; share: number; n: number }[]; weighting: Weighting; example?: boolean }): string {
  const sorted = [...input.reasons].sort((a, b) => b.share - a.share);
  if (!sorted.length) return withExample("Ingen har angivet en grund i filen.", input.example);
  const [first, ...rest] = sorted;
  const next = rest.slice(0, 2).map((r) => `${r.label} (${pct(r.share)})`);
  const body = `Den hyppigste grund er ${first.label}, valgt af ${pct(first.share)} af ${formatNumber(first.n)} ${first.n === 1 ? "besvarelse" : "besvarelser"}${fewAnswers(first.n)}${next.length ? `; derefter ${listDa(next)}` : ""}. Flere svar var mulige.`;
  return withExample(joinSentences(body, weightingSentence(input.weighting)), input.example);
}
