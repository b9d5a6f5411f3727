/**
 * The analysts' command line (npm run data) on the shared mirror in ../shared/statbank, and once
 * on a local server that answers like the live API. Expected values are read from the mirror
 * files by a plain split on ';', independently of the client.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { readArrow } from "../../loaders/arrow.ts";
import { runDataCli } from "../../loaders/cli/data.ts";
import { mirrorDir, projectRoot } from "../paths.ts";
import { withApi } from "./api.ts";
import {
  abbreviated,
  absentTable,
  byPeriod,
  combinationGap,
  danishQuarter,
  distinctOf,
  heldCodes,
  isTime,
  mirrorFile,
  mirrorTables,
  periodOrder,
  tableinfoOnly,
} from "./mirror.ts";

const mirror = resolve(mirrorDir);

/** Header and rows of a mirror file, split by hand. */
function rawFile(table: string): { header: string[]; rows: string[][] } {
  return mirrorFile(mirrorDir, table);
}

/** Distinct values of one column of a mirror file, in the order first seen. */
function distinct(table: string, column: string): string[] {
  return distinctOf(rawFile(table), column);
}

/** The tables the mirror has files for, and one it has no file for (real StatBank ids it lacked when this was written). */
const tablesInMirror = mirrorTables(mirrorDir);
const lackedTable = () => absentTable(mirrorDir, ["PEND100", "BY3", "BEV22", "FAM44N", "VAN1AAR", "AUK01", "PEND101", "VAN2AAR"]);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  cwd: string;
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "data-cli-"));
  tempDirs.push(d);
  return d;
}

/** runDataCli with captured output, in a fresh empty folder unless `cwd` is given. */
async function run(argv: string[], env: NodeJS.ProcessEnv = { STATBANK_MIRROR: mirrorDir }, cwd = tempDir()): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runDataCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env,
  });
  return { code, stdout, stderr, cwd };
}

const storedInfo = JSON.parse(readFileSync(join(mirrorDir, "tableinfo", "FOLK1A.json"), "utf8")) as {
  variables: Array<{ id: string; text: string; values: Array<{ id: string; text: string }> }>;
};
/** The stored FOLK1A tableinfo's variable for a column of the file (the file writes TID, the tableinfo Tid). */
const storedVariable = (column: string) => storedInfo.variables.find((v) => v.id.toUpperCase() === column.toUpperCase())!;
const manifest = JSON.parse(readFileSync(join(mirrorDir, "MANIFEST.json"), "utf8")) as { tables: Array<{ id: string; gaps?: string }> };
const squash = (s: string) => s.replace(/\s+/g, " ");

/**
 * What --info prints for one variable: its heading (wrapped lines joined), the value lines under
 * it (code, and text where one is shown) and the "… N more" line, if any.
 */
function infoBlock(stdout: string, variable: string): { heading: string; values: Array<{ id: string; text?: string }>; more?: string } {
  const start = stdout.indexOf(`\n  ${variable} (`);
  expect(start, `--info has no block for ${variable}`).toBeGreaterThanOrEqual(0);
  const end = stdout.indexOf("\n\n", start + 1);
  const lines = stdout.slice(start + 1, end < 0 ? undefined : end).split("\n");
  let i = 1;
  while (i < lines.length && /^ {6}/.test(lines[i])) i++;
  const heading = lines
    .slice(0, i)
    .map((l) => l.trim())
    .join(" ");
  const rest = lines.slice(i);
  const more = rest.find((l) => l.startsWith("    … "))?.trim();
  const values = rest
    .filter((l) => !l.startsWith("    … "))
    .map((l) => {
      const m = /^ {4}(\S+)(?: {2,}(.+))?$/.exec(l);
      expect(m, `not a value line: ${JSON.stringify(l)}`).not.toBeNull();
      return m![2] === undefined ? { id: m![1] } : { id: m![1], text: m![2] };
    });
  return { heading, values, more };
}

describe("npm run data -- --info", () => {
  it("describes a table the mirror holds: its variables and the values of the file, texts from the stored tableinfo", async () => {
    const r = await run(["--info", "FOLK1A"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const { header } = rawFile("FOLK1A");
    expect(header).toEqual(["OMRÅDE", "KØN", "ALDER", "CIVILSTAND", "TID", "INDHOLD"]);
    expect(r.stdout).toMatch(/^FOLK1A: Befolkningen den 1\. i kvartalet$/m);
    expect(r.stdout).toMatch(/^Unit: Antal$/m);
    expect(r.stdout).toContain(`Source: mirror ${mirror}`);
    // what MANIFEST.json says the file lacks, word for word
    const gaps = manifest.tables.find((t) => t.id === "FOLK1A")!.gaps!;
    expect(squash(r.stdout)).toContain(squash(`lacks: ${gaps}`));

    const areaText = new Map(storedVariable("OMRÅDE").values.map((v) => [v.id, v.text]));
    expect(areaText.get("000")).toBe("Hele landet");
    expect(distinct("FOLK1A", "OMRÅDE")).toContain("000");
    expect(r.stdout).toMatch(/^ {4}000 {2}Hele landet$/m);

    // Every variable: how many codes the file holds, what the stored tableinfo has that the file
    // lacks (and the reverse), and the first 20 codes in the mirror's order with their texts.
    // Expected from the file and tableinfo/FOLK1A.json, whatever they hold today.
    const file = rawFile("FOLK1A");
    for (const column of file.header.slice(0, -1)) {
      const stored = storedVariable(column);
      const time = isTime(column);
      const full = stored.values.map((v) => (time ? danishQuarter(v.id) : v.id));
      const texts = new Map(stored.values.map((v) => [time ? danishQuarter(v.id) : v.id, v.text]));
      const held = heldCodes(file, column, full);
      const lacking = full.filter((c) => !held.includes(c));
      const extra = held.filter((c) => !full.includes(c));
      const n = held.length;
      let heading = `${column} (${stored.text})${time ? ", time" : ""}: ${n} value${n === 1 ? "" : "s"} in the mirror`;
      if (time && n > 1) heading += `, ${held[0]}–${held.at(-1)}`;
      const notes = [`the stored tableinfo has ${full.length}`];
      if (lacking.length > 0) notes.push(`not in the mirror: ${abbreviated(lacking, 12)}`);
      if (extra.length > 0) notes.push(`in the mirror but not in the stored tableinfo: ${abbreviated(extra, 12)}`);
      heading += ` (${notes.join("; ")})`;

      const block = infoBlock(r.stdout, column);
      expect(block.heading, column).toBe(heading);
      const shown = held.slice(0, 20);
      expect(
        block.values.map((v) => v.id),
        column,
      ).toEqual(shown);
      expect(
        block.values.map((v) => v.text),
        column,
      ).toEqual(shown.map((c) => (texts.has(c) && texts.get(c) !== c ? texts.get(c) : undefined)));
      expect(block.more, column).toBe(n > 20 ? `… ${n - 20} more (--all lists every value)` : undefined);
    }
    // Periods are listed in time order, whatever the file's row order.
    const periods = distinct("FOLK1A", "TID").sort(byPeriod);
    const tidBlock = r.stdout.slice(r.stdout.indexOf("TID (tid)"));
    const listed = [...tidBlock.matchAll(/^ {4}(\d{4}K\d)$/gm)].map((m) => m[1]);
    expect(listed).toEqual(periods.slice(0, 20));
    expect(r.stdout).toContain("Kilde: Danmarks Statistik, FOLK1A");
  });

  it("--all lists every value", async () => {
    const r = await run(["--info", "FOLK1A", "--all"]);
    expect(r.code).toBe(0);
    const block = r.stdout.slice(r.stdout.indexOf("OMRÅDE (område)"), r.stdout.indexOf("KØN (køn)"));
    const listed = [...block.matchAll(/^ {4}(\d{3}) /gm)].map((m) => m[1]);
    expect(new Set(listed)).toEqual(new Set(distinct("FOLK1A", "OMRÅDE")));
    expect(r.stdout).not.toContain("more (--all");
  });

  it("describes a mirror table without stored tableinfo from the file alone", async () => {
    const r = await run(["--info", "afstb4"]);
    expect(r.code).toBe(0);
    const municipalities = distinct("AFSTB4", "BOPOMR");
    expect(r.stdout).toContain(`BOPOMR (bopomr): ${municipalities.length} values in the mirror`);
    expect(distinct("AFSTB4", "SOCIO")).toEqual(["02"]);
    expect(r.stdout).toMatch(/SOCIO \(socio\): 1 value in the mirror\n {4}02\n/);
    expect(r.stdout).toContain("No tableinfo/AFSTB4.json");
    expect(r.stdout).toMatch(/^Unit: Km$/m);
  });

  it("names a table the mirror lacks, the mirror folder and the tables it has (exit 1)", async () => {
    const absent = lackedTable();
    const r = await run(["--info", absent]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${absent} is not in the mirror ${mirror} (there is no ${absent}.csv)`);
    expect(r.stderr).toContain(`Tables in the mirror: ${tablesInMirror.join(", ")}`);
  });

  it("suggests similar ids, and says when the mirror has only the tableinfo", async () => {
    const typo = await run(["--info", "FOLK1B"]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/Similar tables in the mirror: FOLK1A, FOLK1AM/);
    // A table whose tableinfo the mirror stores without its rows (FRKM126 when it has none).
    const candidates = tableinfoOnly(mirrorDir);
    expect(candidates.length, "tableinfo/ holds a table the mirror has no rows of").toBeGreaterThan(0);
    const id = candidates.includes("FRKM126") ? "FRKM126" : candidates[0];
    const infoOnly = await run(["--info", id]);
    expect(infoOnly.code).toBe(1);
    expect(existsSync(join(mirrorDir, "tableinfo", `${id}.json`))).toBe(true);
    expect(infoOnly.stderr).toContain(`The mirror has its tableinfo (tableinfo/${id}.json) but no rows of ${id}.`);
  });
});

describe("npm run data -- TABLE VAR=specs", () => {
  it("writes a selection to Arrow with the mirror's values and the provenance in the schema and beside the file", async () => {
    // Two areas whose totals the file holds in every one of its periods from 2015K1 on (101 and
    // 461 when they do), so that Tid=>=2015K1 is a selection without gaps.
    const { rows } = rawFile("FOLK1A");
    const isTotal = (x: string[]) => x[1] === "TOT" && x[2] === "IALT" && x[3] === "TOT";
    const from = periodOrder("2015K1");
    const matched = distinct("FOLK1A", "TID").filter((t) => periodOrder(t) >= from);
    const complete = distinct("FOLK1A", "OMRÅDE").filter((a) => {
      const held = new Set(rows.filter((x) => x[0] === a && isTotal(x)).map((x) => x[4]));
      return matched.every((t) => held.has(t));
    });
    const areas = [...["101", "461"].filter((a) => complete.includes(a)), ...complete.filter((a) => a !== "101" && a !== "461")].slice(0, 2).sort();
    expect(areas, "two areas with totals in every period from 2015K1").toHaveLength(2);

    const selection = `OMRÅDE=${areas.join(",")}`;
    const r = await run(["FOLK1A", selection, "KØN=TOT", "ALDER=IALT", "CIVILSTAND=TOT", "Tid=>=2015K1", "--out", "out/folk.arrow"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const path = join(r.cwd, "out", "folk.arrow");
    expect(r.stdout).toContain(`wrote ${path} (arrow)`);

    const expected = rows
      .filter((x) => areas.includes(x[0]) && isTotal(x) && periodOrder(x[4]) >= from)
      .map((x) => [x[0], x[4], Number(x[5])] as [string, string, number]);
    expect(expected).toHaveLength(areas.length * matched.length); // every period from 2015K1 for both areas, once

    const { table, meta } = readArrow(readFileSync(path));
    expect(table.schema.fields.map((f) => f.name)).toEqual(["OMRÅDE", "KØN", "ALDER", "CIVILSTAND", "TID", "INDHOLD"]);
    expect(String(table.schema.fields.at(-1)!.type)).toBe("Float64");
    const got = table.toArray().map((row) => [row.OMRÅDE, row.TID, row.INDHOLD]);
    // Rows in the table's order: areas as the stored tableinfo lists them, then periods in time order.
    const areaRank = new Map(storedVariable("OMRÅDE").values.map((v, i) => [v.id, i]));
    expect(got).toEqual(expected.sort((a, b) => areaRank.get(a[0])! - areaRank.get(b[0])! || byPeriod(a[1], b[1])));
    expect(table.toArray().every((row) => row.KØN === "TOT" && row.ALDER === "IALT" && row.CIVILSTAND === "TOT")).toBe(true);
    expect(meta.sources[0].table).toBe("FOLK1A");
    expect(meta.sources[0].source).toMatchObject({ kind: "mirror", location: mirror });
    expect(meta.status).toBe("ok");
    expect(meta.rows).toBe(expected.length);

    const sidecar = JSON.parse(readFileSync(`${path}.provenance.json`, "utf8"));
    expect(sidecar).toMatchObject({
      table: "FOLK1A",
      title: "Befolkningen den 1. i kvartalet",
      unit: "Antal",
      selection: `FOLK1A ${selection} KØN=TOT ALDER=IALT CIVILSTAND=TOT TID=>=2015K1`,
      source: { kind: "mirror", location: mirror },
      rows: expected.length,
      gaps: [],
      attribution: "Kilde: Danmarks Statistik, FOLK1A",
      format: "arrow",
      file: "folk.arrow",
    });
    expect(sidecar.periods).toEqual(matched.sort(byPeriod));
    expect(Number.isNaN(Date.parse(sidecar.fetchedAt))).toBe(false);
  });

  it("applies patterns and nth rules, and writes TABLE.arrow in the current folder by default", async () => {
    const r = await run(["FOLK1AM", "OMRÅDE=461", "KØN=TOT", "ALDER=IALT", "Tid=2022*,(1)"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(r.cwd).sort()).toEqual(["FOLK1AM.arrow", "FOLK1AM.arrow.provenance.json"]);
    const { rows } = rawFile("FOLK1AM");
    const newest = rows
      .map((x) => x[3])
      .sort()
      .at(-1)!; // months are zero-padded
    const expected = rows.filter((x) => x[0] === "461" && (x[3].startsWith("2022") || x[3] === newest)).map((x) => [x[3], Number(x[4])]);
    expect(expected).toHaveLength(13);
    const { table } = readArrow(readFileSync(join(r.cwd, "FOLK1AM.arrow")));
    expect(table.toArray().map((row) => [row.TID, row.INDHOLD])).toEqual(expected.sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  });

  it("writes CSV like the API's BULK answer: ';', header of codes and INDHOLD, decimal point", async () => {
    const r = await run(["AFSTB4", "BOPOMR=461,751", "SOCIO=02", "KØN=TOT", "Tid=(-n+3)", "--format", "csv"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const text = readFileSync(join(r.cwd, "AFSTB4.csv"), "utf8");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("BOPOMR;SOCIO;KØN;TID;INDHOLD");
    const { rows } = rawFile("AFSTB4");
    const years = [...new Set(rows.map((x) => x[3]))].sort().slice(-3);
    const expected = rows.filter((x) => ["461", "751"].includes(x[0]) && years.includes(x[3]));
    expect(expected).toHaveLength(6);
    const got = lines.slice(1).map((l) => l.split(";"));
    expect(got.map((x) => [x[0], x[1], x[2], x[3], Number(x[4])])).toEqual(
      expected.map((x) => [x[0], x[1], x[2], x[3], Number(x[4])]).sort((a, b) => `${a[0]}${a[3]}`.localeCompare(`${b[0]}${b[3]}`)),
    );
    expect(got.every((x) => /^\d+(\.\d+)?$/.test(x[4]))).toBe(true);
    const sidecar = JSON.parse(readFileSync(join(r.cwd, "AFSTB4.csv.provenance.json"), "utf8"));
    expect(sidecar).toMatchObject({ table: "AFSTB4", unit: "Km", format: "csv", rows: 6, periods: years, csv: { delimiter: ";", decimal: "." } });
  });

  it("takes the format from --out's extension and refuses a contradiction", async () => {
    const ok = await run(["AFSTB4", "BOPOMR=101", "SOCIO=02", "KØN=TOT", "Tid=(1)", "--out", "x.csv"]);
    expect(ok.code).toBe(0);
    expect(readFileSync(join(ok.cwd, "x.csv"), "utf8")).toMatch(/^BOPOMR;SOCIO;KØN;TID;INDHOLD\n101;02;TOT;\d{4};[\d.]+\n$/);
    const clash = await run(["AFSTB4", "BOPOMR=101", "SOCIO=02", "KØN=TOT", "Tid=(1)", "--out", "x.csv", "--format", "arrow"]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain("--format arrow contradicts --out x.csv");
    expect(readdirSync(clash.cwd)).toEqual([]);
  });

  it("a mirror that lacks codes is an error unless --allow-gaps, which writes what it holds and lists the gaps", async () => {
    // A real gap, found in the file: one code of every variable but time (totals where the file
    // has such a gap) that the file holds for some of its periods and not for others.
    const file = rawFile("FOLK1A");
    const gap = combinationGap(file);
    expect(gap, "FOLK1A.csv holds some combination for only part of its periods").toBeDefined();
    const { codes, rows: held, lacking } = gap!;
    expect(held.length).toBeGreaterThan(0);
    expect(lacking.length).toBeGreaterThan(0);
    expect(lacking.every((t) => distinct("FOLK1A", "TID").includes(t) && !held.some((x) => x[4] === t))).toBe(true);
    expect(file.header).toEqual(["OMRÅDE", "KØN", "ALDER", "CIVILSTAND", "TID", "INDHOLD"]);
    const args = ["FOLK1A", ...file.header.slice(0, 4).map((h) => `${h}=${codes[h]}`), "Tid=*"];

    const strict = await run(args);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`TID=${abbreviated(lacking, 12)}: the mirror holds these codes, but not together with the rest of the selection`);
    expect(strict.stderr).toContain("--allow-gaps");
    expect(readdirSync(strict.cwd)).toEqual([]);

    const lenient = await run([...args, "--allow-gaps"]);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain(`data mangler (--allow-gaps): FOLK1A TID=${abbreviated(lacking, 12, ",")} (not in mirror)`);
    const { table, meta } = readArrow(readFileSync(join(lenient.cwd, "FOLK1A.arrow")));
    expect(table.numRows).toBe(held.length);
    const got = table.toArray().map((row) => [row.OMRÅDE, row.KØN, row.ALDER, row.CIVILSTAND, row.TID, row.INDHOLD]);
    expect(got).toEqual(held.map((x) => [x[0], x[1], x[2], x[3], x[4], Number(x[5])]).sort((a, b) => byPeriod(String(a[4]), String(b[4]))));
    expect(meta.status).toBe("partial");
    const sidecar = JSON.parse(readFileSync(join(lenient.cwd, "FOLK1A.arrow.provenance.json"), "utf8"));
    expect(sidecar.gaps).toEqual([{ variable: "TID", codes: lacking, reason: "not-in-mirror" }]);
  });
});

describe("npm run data: wrong table, variable or code", () => {
  it("a wrong code lists the valid codes of that variable", async () => {
    const r = await run(["FOLK1A", "OMRÅDE=101", "KØN=X", "ALDER=IALT", "CIVILSTAND=TOT", "Tid=(1)"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("KØN=X: not a code of FOLK1A KØN");
    const line = /Valid codes of KØN in the mirror \((\d+)\): (.*)$/m.exec(r.stderr)!;
    expect(new Set(line[2].split(", "))).toEqual(new Set(distinct("FOLK1A", "KØN")));
    expect(Number(line[1])).toBe(3);
    expect(r.stderr).toContain("Nothing was written.");
    expect(readdirSync(r.cwd)).toEqual([]);
  });

  it("a wrong code among very many valid ones gets an abbreviated list", async () => {
    const r = await run(["AFSTB4", "BOPOMR=999", "SOCIO=02", "KØN=TOT", "Tid=(1)"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("BOPOMR=999: not in the mirror");
    const municipalities = distinct("AFSTB4", "BOPOMR");
    const line = /Valid codes of BOPOMR in the mirror \((\d+)\): (.*)$/m.exec(r.stderr)!;
    expect(Number(line[1])).toBe(municipalities.length);
    const listed = line[2].split(", … (")[0].split(", ");
    expect(listed).toHaveLength(40);
    expect(listed.every((c) => municipalities.includes(c))).toBe(true);
    expect(line[2]).toContain(`… (${municipalities.length} in all)`);
    expect(readdirSync(r.cwd)).toEqual([]);
  });

  it("a wrong variable lists the table's variable ids", async () => {
    const r = await run(["FOLK1A", "KOMMUNE=101", "KØN=TOT", "ALDER=IALT", "CIVILSTAND=TOT", "Tid=(1)"]);
    expect(r.code).toBe(1);
    const ids = rawFile("FOLK1A").header.slice(0, -1);
    expect(r.stderr).toContain("FOLK1A has no variable KOMMUNE.");
    expect(r.stderr).toContain(`The variables of FOLK1A are: ${ids.map((id) => `${id} (${id.toLowerCase()})`).join(", ")}`);
    expect(readdirSync(r.cwd)).toEqual([]);
  });

  it("a variable left out is named with its codes", async () => {
    const r = await run(["FOLK1A", "OMRÅDE=101", "KØN=TOT", "ALDER=IALT"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Select values for every variable of FOLK1A; missing: CIVILSTAND, TID.");
    // Each with the codes the file holds, in the mirror's order, the first 10 of them.
    const file = rawFile("FOLK1A");
    const civilstand = storedVariable("CIVILSTAND");
    const marital = heldCodes(
      file,
      "CIVILSTAND",
      civilstand.values.map((v) => v.id),
    );
    expect(r.stderr).toContain(`  CIVILSTAND (${civilstand.text}): ${abbreviated(marital, 10)}\n`);
    expect(r.stderr).toContain(`  TID (${storedVariable("TID").text}): ${abbreviated(heldCodes(file, "TID"), 10)}\n`);
    expect(readdirSync(r.cwd)).toEqual([]);
  });

  it("a wrong table names it and the mirror, a malformed spec names the spec", async () => {
    const table = await run(["NOSUCH1", "OMRÅDE=101"]);
    expect(table.code).toBe(1);
    expect(table.stderr).toContain(`NOSUCH1 is not in the mirror ${mirror}`);
    expect(table.stderr).toContain(`Tables in the mirror: ${tablesInMirror.join(", ")}`);
    expect(readdirSync(table.cwd)).toEqual([]);
    const spec = await run(["FOLK1A", "OMRÅDE=101", "KØN=TOT", "ALDER=IALT", "CIVILSTAND=TOT", "Tid=(x)"]);
    expect(spec.code).toBe(1);
    expect(spec.stderr).toContain('malformed nth rule "(x)"');
    expect(readdirSync(spec.cwd)).toEqual([]);
  });

  it("usage: --help prints examples, a bad option or no table exits 2", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Examples:");
    expect(help.stdout).toContain("npm run data -- --info TABLE");
    expect((await run([])).code).toBe(2);
    const bad = await run(["FOLK1A", "--bogus"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--bogus'");
    expect((await run(["FOLK1A", "OMRÅDE"])).stderr).toContain('"OMRÅDE" is not VAR=specs');
  });

  it("--mirror DIR is resolved against the current folder", async () => {
    // The mirror under test, as a path relative to the project (../shared/statbank in CI).
    const r = await run(["--info", "BEV107", "--mirror", relative(projectRoot, mirrorDir)], {}, projectRoot);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Source: mirror ${mirror}`);
  });
});

// ---------------------------------------------------------------------------------------------
// The live path: a local server that answers like api.statbank.dk (test/cli/api.ts)

describe("npm run data on the live API (local stand-in)", () => {
  it("--info shows tableinfo; a selection is checked against it before any data request; missing values stay null", async () => {
    await withApi(async (url, dataBodies) => {
      const env = { STATBANK_API: url };
      const info = await run(["--info", "STRAF42"], env);
      expect(info.code).toBe(0);
      expect(info.stdout).toContain("STRAF42: Strafferetlige afgørelser");
      expect(info.stdout).toContain(`Source: live API ${url}`);
      expect(info.stdout).toContain("KØN (køn): 4 values\n");

      const wrong = await run(["STRAF42", "HERKOMST1=99", "OVERTRÆD=TOT", "AFGØRELSE=000", "ALDER=TOT", "KØN=TOT", "Tid=2023"], env);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain("STRAF42 HERKOMST1 has no code 99.");
      expect(wrong.stderr).toContain("Valid codes of HERKOMST1 (7): 00, 80, 81, 82, 83, 84, 85");
      expect(dataBodies).toHaveLength(0);

      const ok = await run(["STRAF42", "herkomst1=00,80", "OVERTRÆD=TOT", "AFGØRELSE=000", "ALDER=TOT", "KØN=TOT", "tid=2023"], env);
      expect(ok.stderr).toBe("");
      expect(ok.code).toBe(0);
      expect(dataBodies).toHaveLength(1);
      expect((dataBodies[0] as { variables: Array<{ code: string }> }).variables.map((v) => v.code)).toEqual([
        "HERKOMST1",
        "OVERTRÆD",
        "AFGØRELSE",
        "ALDER",
        "KØN",
        "Tid",
      ]);
      const { table, meta } = readArrow(readFileSync(join(ok.cwd, "STRAF42.arrow")));
      expect(table.toArray().map((r) => [r.HERKOMST1, r.INDHOLD])).toEqual([
        ["00", 233454],
        ["80", null],
      ]);
      expect(meta.sources[0].source).toEqual({ kind: "live", location: url });

      const absent = await run(["--info", "STRAF4"], env);
      expect(absent.code).toBe(1);
      expect(absent.stderr).toContain("has no table STRAF4: Tabellen STRAF4 blev ikke fundet (EXTRACT-NOTFOUND)");
      expect(absent.stderr).toContain("Similar tables: STRAF40, STRAF42");
    });
  });
});

// ---------------------------------------------------------------------------------------------

const execFileP = promisify(execFile);

describe("the npm script", () => {
  it("npm run data -- --info runs scripts/data.ts on the mirror", async () => {
    const { stdout } = await execFileP("npm", ["run", "--silent", "data", "--", "--info", "BEV107"], {
      cwd: projectRoot,
      env: { ...process.env, STATBANK_MIRROR: mirrorDir },
    });
    expect(stdout).toContain("BEV107: Befolkningens udvikling");
    expect(stdout).toContain(`Source: mirror ${mirror}`);
    const movements = distinct("BEV107", "BEVÆGELSE");
    expect(stdout).toContain(`BEVÆGELSE (bevægelse): ${movements.length} values in the mirror`);
  });

  it("npx tsx scripts/data.ts exits non-zero for a table the mirror lacks", async () => {
    const absent = lackedTable();
    const error = await execFileP("npx", ["tsx", "scripts/data.ts", "--info", absent], {
      cwd: projectRoot,
      env: { ...process.env, STATBANK_MIRROR: mirrorDir },
    }).catch((e: { code: number; stderr: string }) => e);
    expect("code" in error && error.code).toBe(1);
    expect((error as { stderr: string }).stderr).toContain(`${absent} is not in the mirror ${mirror} (there is no ${absent}.csv)`);
  });
});
