/**
 * Writes data/survey/eksempel.csv: an INVENTED example of a preference-analysis survey
 * (præferenceanalyse) for Halsnæs, in the format of data/survey/schema.json, so that the survey page
 * has something to show before the municipality has run its own survey. No real person answered
 * it; the answers are drawn at random and are only meant to look plausible:
 *   - families with children rate schools and day care as important, others mostly answer "Ved ikke"
 *     when asked how satisfied they are with them;
 *   - nature is important to most and rated highly (Halsnæs lies between Arresø, Roskilde Fjord and
 *     Kattegat); newcomers are less satisfied with commuting and with being near family and friends,
 *     and fewer of them expect to stay;
 *   - respondents aged 65+ rate jobs and commuting as unimportant and often answer "Ved ikke";
 *   - only newcomers (tilflytter = ja) answer "grunde" (reasons for moving here);
 *   - about 2–3 % blank answers per question and a few free-text comments (one holding a ';',
 *     quotes and a line break, so that the CSV quoting is exercised);
 *   - the local area "torup" has only 3 respondents (the page never shows groups under 5) and
 *     "oelsted" has 21 (shown, flagged "få besvarelser");
 *   - `vaegt` is empty: an unweighted design.
 *
 * Written as Danish Excel writes "CSV UTF-8": a BOM, ';' between columns, CRLF line ends.
 * Deterministic: a mulberry32 generator with the fixed SEED below, so running it again gives the
 * same file byte for byte (test/survey/importer.test.ts checks that). The output is checked with
 * the page's own importer before it is written. Change SEED or the model and run it again:
 *
 *   npx tsx scripts/make-example-survey.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { surveyFileFingerprint } from "../src/lib/survey/fingerprint.ts";
import { importSurvey } from "../src/lib/survey/import.ts";
import { parseSchema } from "../src/lib/survey/schema.ts";
import type { SurveySchema } from "../src/lib/survey/types.ts";
import { mulberry32 } from "./make-example-extract.ts";

export const SEED = 2025_260;
export const RESPONDENTS = 600;
export const EXAMPLE_PATH = fileURLToPath(new URL("../data/survey/eksempel.csv", import.meta.url));
export const SCHEMA_PATH = fileURLToPath(new URL("../data/survey/schema.json", import.meta.url));

/** The schema in data/survey/schema.json. */
export function readSurveySchema(path = SCHEMA_PATH): SurveySchema {
  return parseSchema(JSON.parse(readFileSync(path, "utf8")), path);
}

/** Respondents per local area (exact; the order is shuffled). */
const AREAS: Record<string, number> = {
  frederiksvaerk: 214,
  hundested: 168,
  melby_liseleje: 84,
  land: 110,
  oelsted: 21,
  torup: 3,
};
const RURAL = new Set(["land", "oelsted", "torup"]);

type Family = "par_med_boern" | "enlig_med_boern" | "uden_boern";
type Age = "20-34" | "35-64" | "65-79" | "80-";
interface Person {
  family: Family;
  newcomer: boolean;
  age: Age;
  area: string;
  /** General positivity: shifts all of this person's ratings a little. */
  mood: number;
}

const hasChildren = (p: Person) => p.family !== "uden_boern";
const retired = (p: Person) => p.age === "65-79" || p.age === "80-";

/** Invented mean importance (1–5) of a topic for a person. */
function importance(topic: string, p: Person): number {
  switch (topic) {
    case "bolig":
      return 4.4;
    case "natur":
      return 4.0 + (hasChildren(p) ? 0.3 : 0) + (retired(p) ? 0.3 : 0);
    case "skole":
      return hasChildren(p) ? 4.5 : retired(p) ? 1.8 : 2.2;
    case "dagtilbud":
      return hasChildren(p) ? (p.age === "20-34" ? 4.6 : 4.1) : 1.9;
    case "pendling":
      return (retired(p) ? 2.4 : 3.9) + (p.newcomer ? 0.2 : 0);
    case "job":
      return p.age === "20-34" ? 3.9 : p.age === "35-64" ? 3.5 : 1.7;
    case "familie":
      return 3.6 + (p.family === "enlig_med_boern" ? 0.5 : 0) + (retired(p) ? 0.2 : 0);
    case "kultur_fritid":
      return 3.1 + (p.age === "20-34" ? 0.2 : 0);
    case "lokalsamfund":
      return 3.4 + (RURAL.has(p.area) ? 0.4 : 0);
    default:
      return 3.3;
  }
}

/** Invented mean satisfaction (1–5) with a topic. */
function satisfaction(topic: string, p: Person): number {
  switch (topic) {
    case "bolig":
      return 3.9;
    case "natur":
      return 4.5 + (p.area === "melby_liseleje" || p.area === "hundested" ? 0.1 : 0);
    case "skole":
      return 3.2;
    case "dagtilbud":
      return 3.6;
    case "pendling":
      return 2.9 - (p.newcomer ? 0.6 : 0) - (RURAL.has(p.area) ? 0.3 : 0);
    case "job":
      return 2.6;
    case "familie":
      return 3.7 - (p.newcomer ? 0.5 : 0);
    case "kultur_fritid":
      return 3.3 + (p.area === "frederiksvaerk" ? 0.2 : 0) - (RURAL.has(p.area) ? 0.4 : 0);
    case "lokalsamfund":
      return 3.8 + (RURAL.has(p.area) ? 0.2 : 0);
    default:
      return 3.5;
  }
}

/** Share answering "Ved ikke" to a satisfaction question (the rest of the missing answers are blank). */
function dontKnowSatisfaction(topic: string, p: Person): number {
  if ((topic === "skole" || topic === "dagtilbud") && !hasChildren(p)) return 0.72;
  if (topic === "job" && retired(p)) return 0.45;
  if (topic === "pendling" && retired(p)) return 0.25;
  return 0.02;
}

/** Invented probability that a newcomer names each reason for moving here. */
function reasonProbability(reason: string, p: Person): number {
  const table: Record<string, [children: number, none: number]> = {
    bolig: [0.55, 0.5],
    natur: [0.5, 0.55],
    familie: [0.3, 0.28],
    job: [0.15, 0.12],
    pris: [0.42, 0.3],
    skole: [0.35, 0.02],
    andet: [0.05, 0.07],
  };
  const row = table[reason] ?? [0.05, 0.05];
  return hasChildren(p) ? row[0] : row[1];
}

/** Invented comments: anonymous, no names or addresses. */
const COMMENTS = [
  "Bedre busforbindelser til Hillerød og København, tak.",
  "Vi flyttede hertil for naturen og stranden, og det har vi ikke fortrudt.",
  "Svært at finde en lejebolig til en rimelig pris.",
  "Skolen er god, men der mangler pladser i SFO.",
  'Toget kører for sjældent om aftenen; "halvtimesdrift" ville gøre en stor forskel.\nOg parkeringen ved stationen er for lille.',
  "Mere liv i bymidten, gerne flere caféer.",
  "Vi savner familien, men er glade for huset.",
  "Det tager for lang tid at pendle til arbejde i København.",
  "Dejligt lokalsamfund; vi blev taget godt imod.",
  "Flere fritidstilbud til teenagere.",
  "Hurtigere internet i landområderne.",
];

const DONT_KNOW = "Ved ikke";

function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The example file's text (with BOM and CRLF), for the given schema (normally data/survey/schema.json). */
export function exampleSurveyCsv(schema: SurveySchema, seed = SEED): string {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const pick = <T extends string>(weights: Record<T, number>): T => {
    const entries = Object.entries(weights) as [T, number][];
    let u = random() * entries.reduce((a, [, w]) => a + w, 0);
    for (const [k, w] of entries) if ((u -= w) < 0) return k;
    return entries[entries.length - 1][0];
  };
  const rating = (mean: number, mood: number, scale: Record<string, string>) => {
    const codes = Object.keys(scale).map(Number);
    const v = Math.round(mean + mood + 0.85 * normal());
    return Math.min(Math.max(v, Math.min(...codes)), Math.max(...codes));
  };

  // Local areas with exact counts, shuffled (Fisher–Yates).
  const areas = Object.entries(AREAS).flatMap(([a, n]) => Array.from({ length: n }, () => a));
  for (let i = areas.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [areas[i], areas[j]] = [areas[j], areas[i]];
  }

  const columns = [
    schema.id,
    ...(schema.weight ? [schema.weight] : []),
    ...schema.groups.map((g) => g.column),
    ...schema.items.map((i) => i.column),
    ...schema.multi.map((m) => m.column),
    ...schema.freeText,
  ];
  const lines = [columns.join(";")];
  for (let r = 0; r < RESPONDENTS; r++) {
    const family = pick<Family>({ par_med_boern: 0.4, enlig_med_boern: 0.12, uden_boern: 0.48 });
    const newcomer = random() < (family === "uden_boern" ? 0.45 : 0.62);
    const age =
      family === "uden_boern"
        ? pick<Age>({ "20-34": 0.16, "35-64": 0.38, "65-79": 0.36, "80-": 0.1 })
        : pick<Age>({ "20-34": 0.38, "35-64": 0.62, "65-79": 0, "80-": 0 });
    const person: Person = { family, newcomer, age, area: areas[r], mood: 0.45 * normal() };
    const row: Record<string, string> = {
      [schema.id]: String(1001 + r),
      familietype: family,
      tilflytter: newcomer ? "ja" : "nej",
      aldersgruppe: age,
      koen: random() < 0.54 ? "K" : "M",
      lokalomraade: person.area,
    };
    if (schema.weight) row[schema.weight] = "";

    const satisfied: number[] = [];
    for (const item of schema.items) {
      const scale = schema.scales[item.scale];
      const u = random();
      if (u < 0.025) {
        row[item.column] = "";
        continue;
      }
      let mean: number;
      let dontKnow = 0.01;
      if (item.scale === "vigtighed") mean = importance(item.topic ?? "", person);
      else if (item.scale === "tilfredshed") {
        mean = satisfaction(item.topic ?? "", person);
        dontKnow = dontKnowSatisfaction(item.topic ?? "", person);
      } else {
        dontKnow = 0.04;
        const avg = satisfied.length ? satisfied.reduce((a, b) => a + b, 0) / satisfied.length : 3.5;
        if (item.column === "enig_blive") mean = (newcomer ? 3.5 : 4.2) + 0.4 * (avg - 3.5);
        else if (item.column === "enig_vaelge_igen") mean = (newcomer ? 3.8 : 4.0) + 0.4 * (avg - 3.5);
        else mean = 3.6 + 0.5 * (avg - 3.5);
      }
      if (random() < dontKnow) {
        row[item.column] = DONT_KNOW;
        continue;
      }
      const value = rating(mean, item.scale === "vigtighed" ? person.mood / 2 : person.mood, scale);
      if (item.scale === "tilfredshed") satisfied.push(value);
      row[item.column] = String(value);
    }

    for (const m of schema.multi) {
      if (!newcomer || random() < 0.03) {
        row[m.column] = "";
        continue;
      }
      const chosen = Object.keys(m.values).filter((code) => code !== "andet" && random() < reasonProbability(code, person));
      if (chosen.length === 0 || random() < reasonProbability("andet", person)) chosen.push("andet");
      row[m.column] = chosen.join(m.separator);
    }
    for (const c of schema.freeText) row[c] = random() < 0.06 ? COMMENTS[Math.floor(random() * COMMENTS.length)] : "";

    lines.push(columns.map((c) => csvField(row[c] ?? "")).join(";"));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const schema = readSurveySchema();
  const text = exampleSurveyCsv(schema);
  // The example must pass the page's own importer, read as the page reads it (bytes, BOM and all).
  const survey = importSurvey(new TextEncoder().encode(text), schema, "eksempel.csv");
  const perArea = new Map<string, number>();
  for (const m of survey.memberships) if (m.variable === "lokalomraade") perArea.set(m.value, (perArea.get(m.value) ?? 0) + 1);
  if (survey.respondents.length !== RESPONDENTS || perArea.get("torup") !== AREAS.torup || survey.warnings.length > 0) {
    throw new Error(
      `the example does not come out as intended: ${survey.respondents.length} respondents, areas ${JSON.stringify([...perArea])}, warnings ${JSON.stringify(survey.warnings)}`,
    );
  }
  writeFileSync(EXAMPLE_PATH, text);
  process.stdout.write(
    `${EXAMPLE_PATH}: ${survey.respondents.length} respondents (seed ${SEED}), ${survey.answers.length} answers, ` +
      `${survey.choices.length} reasons, ${survey.texts.length} comments; per area ${[...perArea].map(([a, n]) => `${a} ${n}`).join(", ")}; ` +
      `fingerprint ${surveyFileFingerprint(text)} (the page recognises the example by it, under any name)\n`,
  );
}
