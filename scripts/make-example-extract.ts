/**
 * Writes data/extracts/tilflyttere_familietype.eksempel.csv: an INVENTED example of a register
 * extract (særkørsel) for Halsnæs (260), 2022–2024 — in-movers by family type × previous
 * municipality × workplace municipality — so that the mover-analysis page has something to show
 * before the municipality has bought the real one. The numbers are drawn at random, not taken from
 * Statistics Denmark; they are only meant to look plausible (the neighbours and Copenhagen send the
 * most, children and pensioners count as "ingen" workplace, small origins give cells of 1 and 2 so
 * that the small-count suppression has something to do).
 *
 * Deterministic: a mulberry32 generator with the fixed SEED below, so running it again gives the
 * same file byte for byte (test/loaders/extracts.test.ts checks that). Change SEED or the weights
 * and run it again to get another example:
 *
 *   npx tsx scripts/make-example-extract.ts
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseMoverExtract } from "../loaders/extracts.ts";

export const SEED = 20260;
export const EXAMPLE_PATH = fileURLToPath(new URL("../data/extracts/tilflyttere_familietype.eksempel.csv", import.meta.url));

/** mulberry32: a small, well-known 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw (Knuth's method; fine for the means below 100 used here). */
function poisson(mean: number, random: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

const AREA = "260"; // Halsnæs
const YEARS: Record<number, number> = { 2022: 1.0, 2023: 0.96, 2024: 1.03 };
/** Invented yearly in-movers (persons) from each previous municipality. */
const ORIGINS: Record<string, number> = {
  "270": 260, // Gribskov
  "219": 150, // Hillerød
  "250": 230, // Frederikssund
  "101": 420, // København
  "147": 60, // Frederiksberg
  "173": 40, // Lyngby-Taarbæk
  "159": 55, // Gladsaxe
  udland: 250,
};
const FAMILY_SHARES: Record<string, number> = { par_med_boern: 0.36, enlig_med_boern: 0.09, par_uden_boern: 0.3, enlig_uden_boern: 0.25 };
const WORKPLACES = ["260", "270", "219", "250", "101", "ingen", "udland"] as const;
/** Invented workplace shares per family type, in WORKPLACES order ("ingen": children, pensioners, not employed). */
const WORKPLACE_SHARES: Record<string, number[]> = {
  par_med_boern: [0.18, 0.05, 0.1, 0.06, 0.13, 0.46, 0.02],
  enlig_med_boern: [0.16, 0.04, 0.07, 0.05, 0.08, 0.58, 0.02],
  par_uden_boern: [0.17, 0.05, 0.08, 0.06, 0.12, 0.5, 0.02],
  enlig_uden_boern: [0.2, 0.05, 0.08, 0.06, 0.14, 0.45, 0.02],
};
/** Share of cells the example marks as not disclosed (".."), as DST sometimes does. */
const NOT_DISCLOSED = 0.004;

/** The example file's text. */
export function exampleExtractCsv(seed = SEED): string {
  const random = mulberry32(seed);
  const lines = ["kommune;aar;familietype;fra_kommune;arbejdssted;antal"];
  for (const [year, yearFactor] of Object.entries(YEARS)) {
    for (const [family, familyShare] of Object.entries(FAMILY_SHARES)) {
      for (const [origin, movers] of Object.entries(ORIGINS)) {
        // People keep their job in the municipality they leave; people from abroad more often work abroad or not at all.
        const weights = WORKPLACES.map((w, i) => {
          const base = WORKPLACE_SHARES[family][i];
          if (w === origin) return base * 2.5;
          if (origin === "udland") return w === "udland" ? base * 4 : w === "ingen" ? base * 1.3 : base;
          return base;
        });
        const sum = weights.reduce((a, b) => a + b, 0);
        WORKPLACES.forEach((workplace, i) => {
          const count = poisson(movers * familyShare * yearFactor * (weights[i] / sum), random);
          const shown = random() < NOT_DISCLOSED ? ".." : String(count);
          lines.push([AREA, year, family, origin, workplace, shown].join(";"));
        });
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = exampleExtractCsv();
  const { cells } = parseMoverExtract(text, EXAMPLE_PATH); // the example must pass the loader's own checks
  writeFileSync(EXAMPLE_PATH, text);
  const count = (n: number | null) => cells.filter((c) => c.count === n).length;
  process.stdout.write(
    `${EXAMPLE_PATH}: ${cells.length} cells (seed ${SEED}); ${count(1)} of 1, ${count(2)} of 2, ${count(0)} of 0, ${count(null)} not disclosed\n`,
  );
}
