import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { EXAMPLE_PATH, exampleSurveyCsv, readSurveySchema, RESPONDENTS, SEED } from "../../scripts/make-example-survey.ts";
import { surveyFileFingerprint } from "../../src/lib/survey/fingerprint.ts";
import { importSurvey } from "../../src/lib/survey/import.ts";
import { SurveyImportError, SurveySchemaError } from "../../src/lib/survey/messages.ts";
import { MARGIN_CATEGORIES, parseSchema } from "../../src/lib/survey/schema.ts";
import { columnSuggestions, editDistance } from "../../src/lib/survey/suggest.ts";
import type { SurveySchema } from "../../src/lib/survey/types.ts";
import { AGE_BANDS } from "../../loaders/tables/agegroups.ts";
import { projectRoot } from "../paths.ts";

/** A small schema for the hand-written files below. */
const SCHEMA: SurveySchema = parseSchema({
  title: "Test",
  id: "id",
  weight: "vaegt",
  groups: [
    { column: "familietype", label: "Familietype", values: { par_med_boern: "Par med børn", uden_boern: "Uden børn" } },
    { column: "koen", label: "Køn", values: { M: "Mand", K: "Kvinde" }, margin: "sex" },
  ],
  scales: { tilfredshed: { "1": "Meget utilfreds", "2": "Utilfreds", "3": "Hverken eller", "4": "Tilfreds", "5": "Meget tilfreds" } },
  missing: ["", "ved ikke"],
  items: [
    { column: "tilfreds_bolig", label: "Boliger", scale: "tilfredshed", topic: "bolig" },
    { column: "tilfreds_natur", label: "Natur", scale: "tilfredshed", topic: "natur" },
  ],
  multi: [{ column: "grunde", label: "Grunde", separator: "|", values: { bolig: "Boligen", natur: "Natur", andet: "Andet" } }],
  freeText: ["kommentar"],
});
const HEADER = "id;vaegt;familietype;koen;tilfreds_bolig;tilfreds_natur;grunde;kommentar";
const ROW = ";;par_med_boern;K;4;5;bolig|natur;"; // after "<id>"
const file = (...rows: string[]) => [HEADER, ...rows].join("\r\n") + "\r\n";

function problems(input: string | Uint8Array, schema = SCHEMA, name = "svar.csv"): SurveyImportError {
  try {
    importSurvey(input, schema, name);
  } catch (e) {
    if (e instanceof SurveyImportError) return e;
    throw e;
  }
  throw new Error("expected a SurveyImportError");
}

function schemaProblems(json: unknown): SurveySchemaError {
  try {
    parseSchema(json);
  } catch (e) {
    if (e instanceof SurveySchemaError) return e;
    throw e;
  }
  throw new Error("expected a SurveySchemaError");
}

describe("importSurvey: malformed files name the problem, line and column", () => {
  it("a tab-separated file", () => {
    const e = problems(file(`1${ROW}`).replaceAll(";", "\t"));
    expect(e.problems).toEqual([{ line: 1, column: null, message: expect.stringMatching(/kolonnerne er adskilt med tabulator/) }]);
    expect(e.message).toMatch(/^svar\.csv: 1 fejl i spørgeskemafilen/);
    expect(e.message).toMatch(/svar\.csv, linje 1: kolonnerne er adskilt med tabulator .*CSV UTF-8/);
  });

  it("a missing column (with a hint for a Danish spelling), while an unknown extra column is only a warning", () => {
    const e = problems("id;vaegt;familietype;køn;tilfreds_bolig;grunde;kommentar;ekstra\r\n1;;par_med_boern;K;4;bolig;;x\r\n");
    expect(e.problems.map((p) => [p.line, p.column])).toEqual([
      [1, "koen"],
      [1, "tilfreds_natur"],
    ]);
    expect(e.message).toMatch(/svar\.csv, linje 1, kolonne koen: kolonnen koen mangler i overskriften\. Mente du "køn"\? Så omdøb den til koen$/m);
    expect(e.message).toMatch(/svar\.csv, linje 1, kolonne tilfreds_natur: kolonnen tilfreds_natur mangler i overskriften$/m);
    expect(e.message).not.toMatch(/ekstra/);
    expect(e.problems.map((p) => [p.kind, p.suggestions])).toEqual([
      ["missing-column", ["køn"]],
      ["missing-column", []],
    ]);
  });

  it("one misspelt column: the message names the column and the file's look-alike, and nothing else", () => {
    const e = problems(file(`1${ROW}`).replace("tilfreds_natur", "Tilfreds_Natuur"));
    expect(e.problems).toEqual([
      {
        line: 1,
        column: "tilfreds_natur",
        kind: "missing-column",
        suggestions: ["Tilfreds_Natuur"],
        message: 'kolonnen tilfreds_natur mangler i overskriften. Mente du "Tilfreds_Natuur"? Så omdøb den til tilfreds_natur',
      },
    ]);
    // a column the schema knows is never offered as a look-alike, and an unlike column is not offered at all
    const other = problems("id;vaegt;familietype;koen;tilfreds_bolig;vigtig_natur;grunde\r\n1;;par_med_boern;K;4;4;\r\n");
    expect(other.problems).toEqual([expect.objectContaining({ column: "tilfreds_natur", suggestions: [] })]);
    expect(other.problems[0].message).toBe("kolonnen tilfreds_natur mangler i overskriften");
  });

  it("an answer outside the scale (6), a decimal answer (3,5) and the label instead of the code", () => {
    const e = problems(file("1;;par_med_boern;K;6;5;;", "2;;par_med_boern;K;4;3,5;;", "3;;uden_boern;M;Meget tilfreds;0;;"));
    expect(e.problems).toHaveLength(4);
    expect(e.message).toMatch(/svar\.csv, linje 2, kolonne tilfreds_bolig: 6 ligger uden for skalaen tilfredshed \(1–5\)/);
    expect(e.message).toMatch(/svar\.csv, linje 3, kolonne tilfreds_natur: "3,5" er ikke et helt tal på skalaen tilfredshed \(1–5\)/);
    expect(e.message).toMatch(/svar\.csv, linje 4, kolonne tilfreds_bolig: skriv koden 5, ikke teksten "Meget tilfreds"/);
    expect(e.message).toMatch(/svar\.csv, linje 4, kolonne tilfreds_natur: 0 ligger uden for skalaen/);
  });

  it("an empty file (also only a BOM and blank lines, or no bytes)", () => {
    for (const input of ["", "\uFEFF\r\n\r\n", new Uint8Array(0), new Uint8Array([0xef, 0xbb, 0xbf, 0x0d, 0x0a])]) {
      const e = problems(input);
      expect(e.problems).toEqual([{ line: null, column: null, message: expect.stringMatching(/^filen er tom; den skal have en overskriftslinje/) }]);
    }
  });

  it("a header without answers", () => {
    const e = problems(`${HEADER}\r\n\r\n`);
    expect(e.problems).toEqual([{ line: null, column: null, message: "filen har kun en overskriftslinje og ingen besvarelser" }]);
  });

  it("a duplicate respondent id, naming both lines, and an empty id", () => {
    const e = problems(file(`7${ROW}`, `8${ROW}`, `7${ROW}`, ` ${ROW}`));
    expect(e.problems).toHaveLength(2);
    expect(e.message).toMatch(/svar\.csv, linje 4, kolonne id: id "7" står også på linje 2/);
    expect(e.message).toMatch(/svar\.csv, linje 5, kolonne id: besvarelsen har intet id/);
  });

  it("Latin-1 bytes: every line and column with æ, ø, å, shown as Latin-1 would read them", () => {
    const bytes = Buffer.from(file(`1${ROW}Ærø er dejligt`, `2${ROW}`, `3;;par_med_boern;K;4;5;bolig;"Skønt; men dyrt"`), "latin1");
    const e = problems(bytes);
    expect(e.problems).toEqual([
      {
        line: 2,
        column: "kommentar",
        message: expect.stringMatching(/^"Ærø er dejligt" er ikke gyldig UTF-8; filen ser ud til at være gemt som Latin-1\/Windows-1252/),
      },
      { line: 4, column: "kommentar", message: expect.stringMatching(/^"Skønt; men dyrt" er ikke gyldig UTF-8/) },
    ]);
    expect(e.message).toMatch(/svar\.csv, linje 2, kolonne kommentar: .*Gem filen som "CSV UTF-8 \(kommasepareret\)"/);
    // a header in Latin-1: line 1, no column
    const header = problems(Buffer.from("id;vaegt;familietype;køn\r\n1;;x;K\r\n", "latin1"));
    expect(header.problems).toEqual([{ line: 1, column: null, message: expect.stringMatching(/^"køn" er ikke gyldig UTF-8/) }]);
    // text decoded without `fatal` (U+FFFD) is caught too
    const replaced = problems(new TextDecoder().decode(bytes));
    expect(replaced.message).toMatch(/svar\.csv, linje 2, kolonne kommentar: "\uFFFDr\uFFFD er dejligt" indeholder ugyldige tegn/);
  });

  it("UTF-16 ('Unicode-tekst') bytes", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(file(`1${ROW}`), "utf16le")]);
    expect(problems(utf16).message).toMatch(/svar\.csv: filen er gemt som UTF-16 \("Unicode-tekst"\)/);
  });

  it("an unknown group value, the label instead of the code, and an empty group value", () => {
    const e = problems(file("1;;par;K;4;5;;", "2;;Par med børn;k;4;5;;", "3;;uden_boern;;4;5;;"));
    expect(e.problems).toHaveLength(3);
    expect(e.message).toMatch(/svar\.csv, linje 2, kolonne familietype: ukendt værdi "par"; skriv en af par_med_boern, uden_boern$/m);
    expect(e.message).toMatch(/svar\.csv, linje 3, kolonne familietype: skriv koden "par_med_boern", ikke teksten "Par med børn"/);
    expect(e.message).toMatch(/svar\.csv, linje 4, kolonne koen: køn mangler \(tomt felt\); skriv en af M, K .*"ukendt"/);
  });

  it("an unknown multi-choice value, and choices joined by the wrong separator", () => {
    const e = problems(file("1;;par_med_boern;K;4;5;bolig|skole;", "2;;par_med_boern;K;4;5;bolig, natur;"));
    expect(e.problems).toHaveLength(2);
    expect(e.message).toMatch(/svar\.csv, linje 2, kolonne grunde: ukendt valg "skole"; skriv en eller flere af bolig, natur, andet adskilt med "\|"/);
    expect(e.message).toMatch(/svar\.csv, linje 3, kolonne grunde: "bolig, natur": adskil valgene med "\|", ikke ","/);
  });

  it("a negative, a zero and a non-numeric weight, and a missing weight when others have one", () => {
    const e = problems(
      file(
        "1;-1;par_med_boern;K;4;5;;",
        "2;0;par_med_boern;K;4;5;;",
        "3;1.234,5;par_med_boern;K;4;5;;",
        "4;1,5;par_med_boern;K;4;5;;",
        "5;;par_med_boern;K;4;5;;",
      ),
    );
    expect(e.problems.map((p) => [p.line, p.column])).toEqual([
      [2, "vaegt"],
      [3, "vaegt"],
      [4, "vaegt"],
      [6, "vaegt"],
    ]);
    expect(e.message).toMatch(/linje 2, kolonne vaegt: vægten "-1" er negativ; en vægt skal være et tal større end 0/);
    expect(e.message).toMatch(/linje 3, kolonne vaegt: vægten "0" er 0; en vægt skal være større end 0/);
    expect(e.message).toMatch(/linje 4, kolonne vaegt: vægten "1\.234,5" er ikke et tal/);
    expect(e.message).toMatch(/linje 6, kolonne vaegt: vægten mangler; 1 andre besvarelser har en vægt/);
  });

  it("a row with the wrong number of fields, and one separated by commas", () => {
    const e = problems(file(`1${ROW}`, "2;;par_med_boern;K;4;5;bolig", `3${ROW};`, "4,,par_med_boern,K,4,5,bolig,"));
    expect(e.problems.map((p) => [p.line, p.column])).toEqual([
      [3, null],
      [4, null],
      [5, null],
    ]);
    expect(e.message).toMatch(/svar\.csv, linje 3: 7 felter, men overskriften har 8: "2;;par_med_boern;K;4;5;bolig"/);
    expect(e.message).toMatch(/svar\.csv, linje 4: 9 felter, men overskriften har 8; indeholder et felt ";"\? Sæt det i anførselstegn/);
    expect(e.message).toMatch(/svar\.csv, linje 5: 1 felt, men overskriften har 8; linjen er adskilt med ",", men overskriften med ";"/);
  });

  it("a quote that is never closed, and text after a closing quote", () => {
    const e = problems(file(`1${ROW}`, `2;;par_med_boern;K;4;5;"bolig"x;`, `3;;par_med_boern;K;4;5;bolig;"åben`, `4${ROW}`));
    expect(e.problems).toHaveLength(2);
    expect(e.message).toMatch(/svar\.csv, linje 3: tekst efter et afsluttende anførselstegn: "\\"bolig\\"x"/);
    expect(e.message).toMatch(/svar\.csv, linje 4: et anførselstegn \("\) åbnet på linje 4 lukkes aldrig/);
  });

  it("reports every problem, lists 20 and then '… og N flere', in line order", () => {
    const rows = Array.from({ length: 25 }, (_, i) => `${i + 1};;par_med_boern;K;${i % 2 ? 7 : 4};${i % 2 ? 5 : 9};;`);
    const e = problems(file(...rows));
    expect(e.problems).toHaveLength(25);
    expect(e.problems.map((p) => p.line)).toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
    const shown = e.message.split("\n");
    expect(shown[0]).toBe("svar.csv: 25 fejl i spørgeskemafilen, som derfor ikke er indlæst (formatet er beskrevet i data/survey/README.md)");
    expect(shown).toHaveLength(1 + 20 + 1);
    expect(shown[21]).toBe("  … og 5 flere");
  });
});

describe("importSurvey: accepted files", () => {
  it("a small file, checked by hand: BOM, CRLF, any column order and case, missing answers, an extra column, a quoted field with ';', quotes and a line break", () => {
    const text =
      "\uFEFFID;familietype;Koen;tilfreds_natur;tilfreds_bolig;grunde;kommentar;vaegt;ekstra\r\n" +
      "a1;par_med_boern;K;5;4;bolig|natur;;;x\r\n" +
      'a2;uden_boern;m;Ved ikke;2;;"Godt; men ""dyrt""\r\nog langt til toget";;y\r\n' +
      "\r\n" +
      "a3;PAR_MED_BOERN;M;;3;andet|bolig| |bolig;ved ikke;;z\r\n";
    const s = importSurvey(text, SCHEMA, "mine-svar.csv");
    expect(s.fileName).toBe("mine-svar.csv");
    expect(s.example).toBe(false);
    expect(s.respondents).toEqual([
      { id: "a1", weight: null, groups: { familietype: "par_med_boern", koen: "K" } },
      { id: "a2", weight: null, groups: { familietype: "uden_boern", koen: "M" } },
      { id: "a3", weight: null, groups: { familietype: "par_med_boern", koen: "M" } },
    ]);
    expect(s.answers).toEqual([
      { respondent: "a1", item: "tilfreds_bolig", value: 4 },
      { respondent: "a1", item: "tilfreds_natur", value: 5 },
      { respondent: "a2", item: "tilfreds_bolig", value: 2 },
      { respondent: "a3", item: "tilfreds_bolig", value: 3 },
    ]);
    expect(s.choices).toEqual([
      { respondent: "a1", question: "grunde", choice: "bolig" },
      { respondent: "a1", question: "grunde", choice: "natur" },
      { respondent: "a3", question: "grunde", choice: "andet" },
      { respondent: "a3", question: "grunde", choice: "bolig" },
    ]);
    expect(s.texts).toEqual([{ respondent: "a2", column: "kommentar", text: 'Godt; men "dyrt"\nog langt til toget' }]);
    expect(s.memberships).toEqual([
      { respondent: "a1", variable: "familietype", value: "par_med_boern" },
      { respondent: "a1", variable: "koen", value: "K" },
      { respondent: "a2", variable: "familietype", value: "uden_boern" },
      { respondent: "a2", variable: "koen", value: "M" },
      { respondent: "a3", variable: "familietype", value: "par_med_boern" },
      { respondent: "a3", variable: "koen", value: "M" },
    ]);
    expect(s.warnings).toEqual(['Kolonnen "ekstra" står ikke i skemaet og bliver ikke læst.', "1 tom linje i filen er sprunget over."]);
  });

  it("the same file as UTF-8 bytes with a BOM gives the same result", () => {
    const text = file("1;;par_med_boern;K;4;5;;Æbler på Ærø", "2;;uden_boern;M;1;2;natur;");
    const fromText = importSurvey(text, SCHEMA, "svar.csv");
    const fromBytes = importSurvey(new TextEncoder().encode(`\uFEFF${text}`), SCHEMA, "svar.csv");
    expect(fromBytes).toEqual(fromText);
    expect(fromBytes.texts).toEqual([{ respondent: "1", column: "kommentar", text: "Æbler på Ærø" }]);
  });

  it("a comma-separated file, with a quoted decimal-comma weight and a quoted field holding commas", () => {
    const text = [HEADER.replaceAll(";", ","), '1,"1,5",par_med_boern,K,4,5,bolig|natur,"Ja, tak"', "2,0.75,uden_boern,M,3,,,"].join("\n");
    const s = importSurvey(text, SCHEMA, "svar.csv");
    expect(s.respondents.map((r) => [r.id, r.weight])).toEqual([
      ["1", 1.5],
      ["2", 0.75],
    ]);
    expect(s.texts).toEqual([{ respondent: "1", column: "kommentar", text: "Ja, tak" }]);
    expect(s.answers).toHaveLength(3);
    // an unquoted decimal comma in a comma-separated file: a field too many, with a hint
    expect(problems([HEADER.replaceAll(";", ","), "1,1,5,par_med_boern,K,4,5,,"].join("\n")).message).toMatch(
      /svar\.csv, linje 2: 9 felter, men overskriften har 8; står der et decimaltal med komma \(fx 1,5\)\? Sæt det i anførselstegn/,
    );
  });

  it("problems after a quoted line break are reported on the right line", () => {
    const e = problems(file(`1${ROW}"to\r\nlinjer"`, `2;;par_med_boern;K;4;6;;`));
    expect(e.problems).toEqual([{ line: 4, column: "tilfreds_natur", message: "6 ligger uden for skalaen tilfredshed (1–5)" }]);
  });

  it("warns about optional columns that are missing, questions nobody answered and headerless columns", () => {
    const s = importSurvey("id;familietype;koen;tilfreds_bolig;tilfreds_natur;grunde;\n1;par_med_boern;K;4;;;\n", SCHEMA, "x.eksempel.csv");
    expect(s.example).toBe(false); // the name does not make a file example data; only the example's own rows do
    expect(s.warnings).toEqual([
      "Kolonne nr. 7 har ingen overskrift og bliver ikke læst.",
      "Kolonnen vaegt (vægte) findes ikke i filen; alle besvarelser tæller lige meget.",
      "Fritekstkolonnen kommentar findes ikke i filen.",
      "Spørgsmålet tilfreds_natur (Natur) har ingen svar i filen.",
      "Spørgsmålet grunde (Grunde) har ingen svar i filen.",
    ]);
    expect(s.respondents[0].weight).toBeNull();
  });
});

describe("parseSchema", () => {
  const base = () => ({
    title: "T",
    id: "id",
    groups: [{ column: "g", label: "G", values: { a: "A" } }],
    scales: { s5: { "1": "lav", "2": "middel", "3": "høj" } },
    items: [{ column: "x", label: "X", scale: "s5" }],
  });

  it("fills in defaults and keeps the order of codes", () => {
    const s = parseSchema({ ...base(), _note: "a comment" });
    expect(s).toEqual({
      title: "T",
      id: "id",
      weight: null,
      groups: [{ column: "g", label: "G", values: { a: "A" }, margin: null }],
      scales: { s5: { "1": "lav", "2": "middel", "3": "høj" } },
      missing: [""],
      items: [{ column: "x", label: "X", scale: "s5", topic: null }],
      multi: [],
      freeText: [],
    });
    // a parsed schema is valid input again (importSurvey re-checks it)
    expect(parseSchema(s)).toEqual(s);
  });

  it("names an unknown scale, duplicate columns, a group without values, a typo'd key and bad margins", () => {
    const json = {
      ...base(),
      weight: "x",
      groups: [
        { column: "g", label: "G" },
        { column: "alder", label: "Alder", values: { "20-34": "20–34", "30-": "30+", "80+": "80+" }, margin: "age" },
        { column: "koen", label: "Køn", values: { mand: "Mand", K: "Kvinde" }, margin: "sex" },
        { column: "omraade", label: "Område", values: { a: "A" }, margin: "area" },
      ],
      items: [
        { column: "x", label: "X", scale: "tilfredhed" },
        { column: "y", label: "Y", scale: "s5", topic: "t" },
        { column: "Y", label: "Y2", scale: "s5", topic: "t" },
        { column: "z", label: "Z", scael: "s5" },
      ],
    };
    const e = schemaProblems(json);
    const msgs = e.message;
    expect(msgs).toMatch(/^schema\.json: \d+ fejl i skemaet/);
    expect(msgs).toMatch(/schema\.json, kolonne x: "items" nr\. 1 \(x\): skalaen "tilfredhed" findes ikke under "scales" \(der er: s5\)/);
    expect(msgs).toMatch(/schema\.json, kolonne x: kolonnen "x" er brugt to gange i skemaet \("weight" og "items" nr\. 1\)/);
    expect(msgs).toMatch(/schema\.json, kolonne Y: kolonnen "Y" er brugt to gange i skemaet \("items" nr\. 2 og "items" nr\. 3\)/);
    expect(msgs).toMatch(/kolonne Y: "items" nr\. 3 \(Y\): emnet "t" har allerede et spørgsmål på skalaen "s5" \(y\)/);
    expect(msgs).toMatch(/schema\.json, kolonne g: "groups" nr\. 1 \(g\): "values" mangler/);
    expect(msgs).toMatch(
      /kolonne alder: "groups" nr\. 2 \(alder\): "30-", "80\+" er ikke blandt aldersgrupperne i befolkningstallene, som svarene vægtes til; brug "0-5", "6-16", "17-19", "20-34", "35-64", "65-79", "80-"/,
    );
    expect(msgs).toMatch(
      /kolonne koen: "groups" nr\. 3 \(koen\): "mand" er ikke blandt kønnene i befolkningstallene \(M = mand, K = kvinde\), som svarene vægtes til; brug "M", "K"/,
    );
    expect(msgs).toMatch(/kolonne omraade: .*"margin" skal være "age" eller "sex" \(fik "area"\)/);
    expect(msgs).toMatch(/kolonne z: "items" nr\. 4 \(z\): ukendt nøgle "scael"/);
    expect(msgs).toMatch(/kolonne z: "items" nr\. 4 \(z\): "scale" mangler/);
  });

  it("rejects scales that are not consecutive integers, missing markers that are answers, and a non-object", () => {
    const e = schemaProblems({
      ...base(),
      scales: { a: { "1": "x", "3": "y" }, b: { lav: "x", høj: "y" }, c: { "1": "x" }, s5: { "1": "a", "2": "b" } },
      missing: ["", "2"],
    });
    expect(e.message).toMatch(/skalaen "a": svarkoderne skal følge efter hinanden uden huller \(fik 1, 3\)/);
    expect(e.message).toMatch(/skalaen "b": svarkoderne skal være hele tal/);
    expect(e.message).toMatch(/skalaen "c": en skala skal have mindst to svarmuligheder/);
    expect(e.message).toMatch(/"missing" indeholder "2", som også er et svar på skalaen "s5"/);
    expect(schemaProblems([]).message).toMatch(/skemaet skal være et JSON-objekt/);
    expect(schemaProblems({}).problems.map((p) => p.message)).toEqual([
      'skemaet: "title" mangler',
      'skemaet: "id" mangler',
      expect.stringMatching(/^"scales" mangler/),
      '"items" mangler',
    ]);
  });

  it("margin categories are those of the population dataset the page rakes to", () => {
    expect(MARGIN_CATEGORIES.age).toEqual(AGE_BANDS.map((b) => b.id));
    expect(MARGIN_CATEGORIES.sex).toEqual(["M", "K"]);
  });

  it("the project's schema.json is valid: 5 groups (age and sex margins), 3 scales, 21 items, 1 multi, 1 free text", () => {
    const s = readSurveySchema();
    expect(s.groups.map((g) => [g.column, g.margin])).toEqual([
      ["familietype", null],
      ["tilflytter", null],
      ["aldersgruppe", "age"],
      ["koen", "sex"],
      ["lokalomraade", null],
    ]);
    expect(Object.keys(s.scales)).toEqual(["vigtighed", "tilfredshed", "enighed"]);
    expect(s.items).toHaveLength(21);
    // every topic has one importance and one satisfaction item
    const topics = new Map<string, string[]>();
    for (const i of s.items) if (i.topic) topics.set(i.topic, [...(topics.get(i.topic) ?? []), i.scale]);
    for (const scales of topics.values()) expect(scales.sort()).toEqual(["tilfredshed", "vigtighed"]);
    expect(s.multi.map((m) => m.column)).toEqual(["grunde"]);
    expect(s.freeText).toEqual(["kommentar"]);
  });
});

describe("the example file data/survey/eksempel.csv", () => {
  const schema = readSurveySchema();
  const bytes = readFileSync(EXAMPLE_PATH);

  it("imports cleanly from its bytes, as the page reads it: ~600 respondents, marked as example data", () => {
    const s = importSurvey(bytes, schema, "eksempel.csv", { exampleFingerprint: surveyFileFingerprint(bytes) });
    expect(s.example).toBe(true);
    expect(s.warnings).toEqual([]);
    expect(s.respondents).toHaveLength(RESPONDENTS);
    expect(RESPONDENTS).toBe(600);
    expect(s.respondents.every((r) => r.weight === null)).toBe(true);
    expect(s.memberships).toHaveLength(RESPONDENTS * schema.groups.length);
    const perArea = new Map<string, number>();
    for (const m of s.memberships) if (m.variable === "lokalomraade") perArea.set(m.value, (perArea.get(m.value) ?? 0) + 1);
    expect(perArea.get("torup")).toBe(3); // never shown (n < 5)
    expect(perArea.get("oelsted")).toBeGreaterThanOrEqual(15); // shown with a flag (n < 30)
    expect(perArea.get("oelsted")).toBeLessThan(30);
    // some answers are missing ("Ved ikke" or blank), most are not
    const cells = RESPONDENTS * schema.items.length;
    expect(s.answers.length).toBeLessThan(cells * 0.97);
    expect(s.answers.length).toBeGreaterThan(cells * 0.85);
    // reasons for moving only from newcomers; a few comments
    const newcomers = new Set(s.respondents.filter((r) => r.groups.tilflytter === "ja").map((r) => r.id));
    expect(s.choices.length).toBeGreaterThan(0);
    expect(s.choices.every((c) => newcomers.has(c.respondent))).toBe(true);
    expect(s.texts.length).toBeGreaterThan(5);
    expect(s.texts.length).toBeLessThan(RESPONDENTS * 0.1);
    expect(s.texts.some((t) => t.text.includes("\n") && t.text.includes(";") && t.text.includes('"'))).toBe(true);
  });

  it("is written as Danish Excel writes CSV UTF-8: BOM, ';', CRLF, 'Ved ikke' and blanks", () => {
    const text = bytes.toString("utf8");
    expect(text.startsWith("\uFEFFsvar_id;vaegt;familietype;")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n").length).toBeGreaterThan(RESPONDENTS);
    expect(text).toMatch(/;Ved ikke;/);
    expect(text).toMatch(/;;/);
    expect(text).not.toMatch(/\uFFFD/);
  });

  it("is regenerated byte for byte by the seeded generator", () => {
    const text = exampleSurveyCsv(schema);
    expect(text).toBe(bytes.toString("utf8"));
    expect(exampleSurveyCsv(schema, SEED)).toBe(text);
    expect(exampleSurveyCsv(schema, SEED + 1)).not.toBe(text);
  });
});

describe("the survey's code in src/lib/survey is pure (it runs in the browser, in loaders and in tests)", () => {
  const dir = join(projectRoot, "src/lib/survey");
  const lib = join(projectRoot, "src/lib");
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

  it("holds the import and the statistics", () => {
    expect(files).toEqual(expect.arrayContaining(["schema.ts", "decode.ts", "csv.ts", "suggest.ts", "fingerprint.ts", "import.ts", "stats.ts", "groups.ts"]));
  });

  it.each(files)("%s imports only from src/lib and uses neither node nor the DOM", (file) => {
    const source = readFileSync(join(dir, file), "utf8");
    const imports = [...source.matchAll(/\bfrom\s+"([^"]+)"|\bimport\s*\(\s*"([^"]+)"|^import\s+"([^"]+)"/gm)].map((m) => m[1] ?? m[2] ?? m[3]);
    for (const path of imports) {
      expect(path.startsWith("./") || path.startsWith("../"), `${file}: ${path}`).toBe(true);
      expect(resolve(dir, path).startsWith(lib + sep), `${file}: ${path}`).toBe(true);
    }
    expect(source).not.toMatch(/\bprocess\.|\brequire\(|\bBuffer\b/);
    expect(source).not.toMatch(/\b(?:document|window|navigator|localStorage)\.|\bHTMLElement\b/);
  });
});

describe("column suggestions: only plausible look-alikes, nearest first", () => {
  it("edit distance counts an adjacent swap as one edit", () => {
    expect(editDistance("skole", "skole")).toBe(0);
    expect(editDistance("skole", "skolen")).toBe(1);
    expect(editDistance("skole", "skloe")).toBe(1);
    expect(editDistance("skole", "bolig")).toBe(4);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("a slip of a letter, case, spaces or æ/ø/å is suggested; another column is not", () => {
    const file = ["svar_id", "tilfreds_skolen", "vigtig_skole", "tilfreds_bolig", "Køn", "Tilfreds Natur", "kommentar"];
    expect(columnSuggestions("tilfreds_skole", file)).toEqual(["tilfreds_skolen"]);
    expect(columnSuggestions("koen", file)).toEqual(["Køn"]);
    expect(columnSuggestions("tilfreds_natur", file)).toEqual(["Tilfreds Natur"]);
    expect(columnSuggestions("tilfreds_dagtilbud", file)).toEqual([]);
    expect(columnSuggestions("vigtig_job", file)).toEqual([]);
    // short names allow one edit only
    expect(columnSuggestions("id", ["ids", "nr", "x"])).toEqual(["ids"]);
    expect(columnSuggestions("koen", ["kom", "alder"])).toEqual([]);
  });

  it("several look-alikes come nearest first, at most three", () => {
    expect(columnSuggestions("tilfreds_skole", ["tilfreds_skoler_x", "tilfreds_skolen", "tilfreds-skole"])).toEqual([
      "tilfreds-skole",
      "tilfreds_skolen",
      "tilfreds_skoler_x",
    ]);
    expect(columnSuggestions("tilfreds_skole", ["tilfreds_skole1", "tilfreds_skole2", "tilfreds_skole3", "tilfreds_skole4"])).toHaveLength(3);
  });

  it("an optional column's look-alike is named in the warning", () => {
    const s = importSurvey("id;vægt;familietype;koen;tilfreds_bolig;tilfreds_natur;grunde;kommentarer\r\n1;;par_med_boern;K;4;5;;\r\n", SCHEMA, "svar.csv");
    expect(s.warnings).toEqual([
      'Kolonnen "vægt" står ikke i skemaet og bliver ikke læst (mente du "vaegt"?).',
      'Kolonnen "kommentarer" står ikke i skemaet og bliver ikke læst (mente du "kommentar"?).',
      'Kolonnen vaegt (vægte) findes ikke i filen (mente du "vægt"?); alle besvarelser tæller lige meget.',
      'Fritekstkolonnen kommentar findes ikke i filen (mente du "kommentarer"?).',
      "Spørgsmålet grunde (Grunde) har ingen svar i filen.",
    ]);
  });
});

/** Records of a CSV text (quotes, doubled quotes, line breaks in quoted fields); for re-writing a file in a test. */
function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) (row.push(field), (field = ""));
    else if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      ((row = []), (field = ""));
    } else field += c;
  }
  if (field !== "" || row.length) rows.push([...row, field]);
  return rows;
}

describe("the example survey is recognised by its content, not its name", () => {
  const schema = readSurveySchema();
  const bytes = new Uint8Array(readFileSync(EXAMPLE_PATH));
  const text = new TextDecoder().decode(bytes);
  const fingerprint = surveyFileFingerprint(bytes)!;
  const asExample = (input: string | Uint8Array, name: string) => importSurvey(input, schema, name, { exampleFingerprint: fingerprint }).example;

  it("the build's fingerprint (src/data/survey/eksempel-fingerprint.json.ts) is the one importSurvey computes of the file", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/data/survey/eksempel-fingerprint.json.ts"], {
      cwd: projectRoot,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toEqual({ fingerprint });
    expect(fingerprint).toMatch(new RegExp(`^${RESPONDENTS}-[0-9a-f]{16}$`));
    expect(importSurvey(bytes, schema, "eksempel.csv").fingerprint).toBe(fingerprint);
  }, 60_000);

  it("the example under any name is example data, also saved again with LF, commas or without BOM", () => {
    expect(asExample(bytes, "eksempel.csv")).toBe(true);
    expect(asExample(bytes, "spoergeskema-2025.csv")).toBe(true);
    expect(asExample(text.replace(/^\uFEFF/, "").replaceAll("\r\n", "\n"), "kopi.csv")).toBe(true);
    // as Excel writes "CSV UTF-8 (kommasepareret)": commas, only fields with a comma, quote or line break quoted
    const asComma = parseCsv(text.replace(/^\uFEFF/, ""), ";")
      .map((r) => r.map((f) => (/[",\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(","))
      .join("\r\n");
    expect(asComma).not.toBe(text);
    expect(asExample(asComma, "komma.csv")).toBe(true);
  });

  it("a real file never is: a part of the example, one answer changed, or no fingerprint to compare with", () => {
    const lines = text.split("\r\n");
    expect(asExample(`${lines.slice(0, 301).join("\r\n")}\r\n`, "eksempel.csv")).toBe(false);
    const header = lines[0].replace(/^\uFEFF/, "").split(";");
    const col = header.indexOf("vigtig_bolig");
    const row = lines[5].split(";");
    row[col] = row[col] === "5" ? "4" : "5";
    expect(asExample([...lines.slice(0, 5), row.join(";"), ...lines.slice(6)].join("\r\n"), "eksempel.csv")).toBe(false);
    expect(importSurvey(bytes, schema, "eksempel.csv").example).toBe(false);
    expect(importSurvey(bytes, schema, "eksempel.csv", { exampleFingerprint: null }).example).toBe(false);
  });
});
