/**
 * The rules of the sentences under the charts (src/lib/sentences.ts), in Danish for "Om data":
 * apart from the sentences themselves, so a chart page does not load text only "Om data" shows.
 */
import { formatNumber } from "./format.js";
import { THRESHOLDS } from "./sentences.js";

/** The rules in Danish, for "Om data". */
export const SENTENCE_RULES_DA: readonly string[] = [
  "Sætningerne under figurerne er skrevet ud fra de samme tal, som figuren viser, og forskelle regnes ud fra tallene, som de står i sætningen (afrundet).",
  `Andele: en forskel under ${THRESHOLDS.compare.percent.small} procentpoint kaldes lille ("omtrent samme andel"); "markant" bruges først ved ${THRESHOLDS.compare.percent.marked} procentpoint eller mere.`,
  `Rater (fx nettotilflytning pr. 1.000 indbyggere): en forskel under ${THRESHOLDS.compare.rate.small} kaldes lille; "markant" først ved ${THRESHOLDS.compare.rate.marked} eller mere.`,
  `Vækst i procent og indeks (fx folketallets vækst 2011–2026, indeks 2011 = 100): en forskel under ${THRESHOLDS.compare.rate.small} procentpoint (indekspoint) kaldes lille; "markant" først ved ${THRESHOLDS.compare.rate.marked} procentpoint (indekspoint) eller mere.`,
  `Beløb, afstande og niveauer pr. 1.000 indbyggere (kr., km, fuldtidspersoner på ydelser pr. 1.000 indbyggere): en forskel under ${pct(THRESHOLDS.compare.amount.small)} af sammenligningsværdien kaldes lille; "markant" først ved ${pct(THRESHOLDS.compare.amount.marked)} eller mere.`,
  `Udvikling siden basisåret kaldes "næsten uændret", når ændringen er under ${pct(THRESHOLDS.change.count.small)} (antal og beløb), ${formatNumber(THRESHOLDS.change.percent.small, 1)} procentpoint (andele) eller ${formatNumber(THRESHOLDS.change.rate.small, 1)} (rater). En udvikling kaldes aldrig "markant".`,
  'Er tallene ens, som de vises, står der "samme", aldrig "flere" eller "færre". Mangler et tal, siger sætningen det, og intet sammenlignes med det.',
];

function pct(ratio: number): string {
  return `${formatNumber(ratio * 100)} %`;
}
