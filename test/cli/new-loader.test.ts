/**
 * npm run new-loader (loaders/cli/scaffold.ts). The scaffold writes into a temporary copy of the
 * project (node_modules symlinked), where the generated test is run, the generated files are
 * type-checked and the site is built from the shared mirror. The built dataset is compared with
 * the mirror file, split by hand on ';'.
 *
 * The table: FOLK1A, because its default selection (the totals of KØN, ALDER and CIVILSTAND) is a
 * real subset of the file and no loader or dataset is named after it. What the mirror holds of it
 * grows from round to round, so every expectation is read from the file at test time: the rows
 * of the default selection, the codes it lacks (if any), and a real gap found in the file (a
 * combination of codes held for some periods only) for a second FOLK1A loader whose generated
 * selection is narrowed to it, as the generated loader invites. STRAF42 is scaffolded from the
 * real live-API tableinfo on a local stand-in of the API (a table without an area variable,
 * totals found by their text).
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readArrow } from "../../loaders/arrow.ts";
import { makeFixture, planSelection, registerDataset, runNewLoaderCli, totalValue } from "../../loaders/cli/scaffold.ts";
import type { TableInfo } from "../../loaders/statbank/transport.ts";
import { geoDir, mirrorDir, projectRoot, sharedDir } from "../paths.ts";
import { withApi } from "./api.ts";
import { absentTable, byPeriod, combinationGap, mirrorFile, mirrorTables } from "./mirror.ts";

const mirror = resolve(mirrorDir);
const EXCLUDED = new Set(["node_modules", "dist", ".git", "src/.observablehq", "test-results", "bench-results"]);

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the project without node_modules (symlinked), dist, .git, caches and results. */
function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "new-loader-"));
  tempDirs.push(dir);
  cpSync(projectRoot, dir, {
    recursive: true,
    filter: (src) => !EXCLUDED.has(relative(projectRoot, src).split("\\").join("/")),
  });
  symlinkSync(join(projectRoot, "node_modules"), join(dir, "node_modules"));
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Text without terminal colours. */
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "");

/** Environment for a child process: without the variables of this vitest run. */
function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS"));
  delete env.STATBANK_MIRROR;
  delete env.STATBANK_API;
  delete env.FORCE_COLOR;
  return { ...env, NO_COLOR: "1", ...extra };
}

async function spawn(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeout = 600_000): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(cmd, args, { cwd, env: childEnv(env), timeout, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" });
    return { code: 0, stdout: plain(stdout), stderr: plain(stderr) };
  } catch (e) {
    const err = e as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return { code: typeof err.code === "number" ? err.code : -1, stdout: plain(err.stdout ?? ""), stderr: plain(`${err.stderr ?? ""}\n${err.message}`) };
  }
}

/** runNewLoaderCli in this process, output captured. */
async function scaffold(argv: string[], root: string, env: NodeJS.ProcessEnv): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runNewLoaderCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: root,
    env,
    root,
  });
  return { code, stdout, stderr };
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, "")) as T;
}

const straf42Info = () => readJson<TableInfo>(join(sharedDir, "statbank-api", "table_info_straf42_da.body"));

describe("npm run new-loader FOLK1A in a copy of the project", () => {
  let copy = "";
  let first: Run;
  let straf: Run;
  const dataTs = () => readFileSync(join(copy, "src/components/data.ts"), "utf8");

  beforeAll(async () => {
    copy = projectCopy();
    first = await spawn("npm", ["run", "--silent", "new-loader", "--", "FOLK1A"], copy, { STATBANK_MIRROR: mirror });
    straf = await withApi((url) => scaffold(["STRAF42"], copy, { STATBANK_API: url }));
  }, 180_000);

  it("writes the loader, the thin loader, the test and its fixture, registers the dataset and says what next", () => {
    expect(first.stderr.replace(/npm warn.*\n?/g, "").trim()).toBe("");
    expect(first.code).toBe(0);
    for (const f of ["loaders/tables/folk1a.ts", "src/data/folk1a.arrow.ts", "test/loaders/folk1a.test.ts", "test/fixtures/loaders/folk1a/FOLK1A.csv"]) {
      expect(existsSync(join(copy, f)), f).toBe(true);
      expect(first.stdout).toContain(f);
    }
    expect(first.stdout).toContain("Default selection: FOLK1A OMRÅDE=* KØN=TOT ALDER=IALT CIVILSTAND=TOT Tid=*");
    expect(first.stdout).toContain("npx vitest run test/loaders/folk1a.test.ts");
    expect(first.stdout).toContain('loadDataset("folk1a")');
    expect(first.stdout).toMatch(/updated\s+src\/components\/data\.ts/);
    expect(readFileSync(join(copy, "src/data/folk1a.arrow.ts"), "utf8")).toBe(
      'import { runArrowLoader } from "../../loaders/run.ts";\nimport { folk1a } from "../../loaders/tables/folk1a.ts";\n\nawait runArrowLoader(folk1a);\n',
    );
    const data = dataTs();
    expect(data).toContain('  folk1a: () => FileAttachment("../data/folk1a.arrow").href,\n');
    expect(data).toContain("  folk1a: Folk1aRow;\n");
    expect(data).toContain('import type { Folk1aRow } from "../../loaders/tables/folk1a.ts";\n');
    // The fixture is a BULK/Code body: BOM, ";" and CRLF, INDHOLD last, one "..".
    const fixture = readFileSync(join(copy, "test/fixtures/loaders/folk1a/FOLK1A.csv"), "utf8");
    expect(fixture.startsWith("\uFEFFOMRÅDE;KØN;ALDER;CIVILSTAND;TID;INDHOLD\r\n")).toBe(true);
    expect(fixture.replace(/\r\n/g, "").includes("\n")).toBe(false);
    expect(fixture.split("\r\n").filter((l) => l.endsWith(";..")).length).toBe(1);
  });

  it("scaffolds STRAF42 from the live API's tableinfo: totals by code or by text, no area variable", () => {
    expect(straf.stderr).toBe("");
    expect(straf.code).toBe(0);
    expect(straf.stdout).toContain("Default selection: STRAF42 HERKOMST1=00 OVERTRÆD=TOT AFGØRELSE=000 ALDER=TOT KØN=TOT Tid=*");
    expect(straf.stdout).toContain("the live API http://127.0.0.1:");
    expect(dataTs()).toContain('  straf42: () => FileAttachment("../data/straf42.arrow").href,\n');
  });

  it("the generated tests pass as written", async () => {
    const r = await spawn("npx", ["vitest", "run", "test/loaders/folk1a.test.ts", "test/loaders/straf42.test.ts"], copy);
    expect(r.stdout + r.stderr).toMatch(/Tests\s+6 passed \(6\)/);
    expect(r.code).toBe(0);
  }, 180_000);

  it("the generated files and the registry type-check", async () => {
    const files = ["folk1a", "straf42"].flatMap((n) => [`loaders/tables/${n}.ts`, `src/data/${n}.arrow.ts`, `test/loaders/${n}.test.ts`]);
    writeFileSync(
      join(copy, "tsconfig.generated.json"),
      JSON.stringify({ extends: "./tsconfig.json", include: [...files, "src/components/data.ts", "src/env.d.ts"] }),
    );
    const r = await spawn(process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "tsconfig.generated.json"], copy);
    expect(r.stdout).toBe("");
    expect(r.code).toBe(0);
  }, 180_000);

  it("the build writes dist/_file/data/folk1a.<hash>.arrow with the mirror's rows for the default selection", async () => {
    // A second FOLK1A loader, its generated selection narrowed to a real gap of the file: one code
    // of every variable but time that the file holds for some of its periods and not for others.
    const file = mirrorFile(mirror, "FOLK1A");
    expect(file.header).toEqual(["OMRÅDE", "KØN", "ALDER", "CIVILSTAND", "TID", "INDHOLD"]);
    const gap = combinationGap(file);
    expect(gap, "FOLK1A.csv holds some combination for only part of its periods").toBeDefined();
    const gapped = await scaffold(["FOLK1A", "--name", "folk1a_gaps"], copy, { STATBANK_MIRROR: mirror });
    expect(gapped.stderr).toBe("");
    expect(gapped.code).toBe(0);
    const gapLoader = join(copy, "loaders/tables/folk1a_gaps.ts");
    let source = readFileSync(gapLoader, "utf8");
    for (const variable of file.header.slice(0, 4)) {
      const line = new RegExp(`^(\\s+)${variable}: \\[[^\\]\\n]*\\],$`, "m");
      expect(source, `the generated query selects ${variable}`).toMatch(line);
      source = source.replace(line, `$1${variable}: [${JSON.stringify(gap!.codes[variable])}],`);
    }
    writeFileSync(gapLoader, source);

    const r = await spawn(process.execPath, ["scripts/build.mjs"], copy, { STATBANK_MIRROR: mirror, GEO_DIR: resolve(geoDir) }, 900_000);
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    const dir = join(copy, "dist/_file/data");
    const builtFile = (name: string) => {
      const built = readdirSync(dir).filter((f) => new RegExp(`^${name}\\.[0-9a-f]{8}\\.arrow$`).test(f));
      expect(built, name).toHaveLength(1);
      return readArrow(readFileSync(join(dir, built[0])));
    };
    /** A built FOLK1A dataset's rows as area|period -> value, checking the other codes on the way. */
    const cells = (table: ReturnType<typeof builtFile>["table"], codes: string[]) => {
      const got = new Map<string, number | null>();
      for (const row of table.toArray() as Array<Record<string, unknown>>) {
        expect([row.koen, row.alder, row.civilstand]).toEqual(codes);
        got.set(`${row.area}|${row.period}`, row.value as number | null);
      }
      return got;
    };
    const { table, meta } = builtFile("folk1a");

    // Independently: the rows of FOLK1A.csv with KØN=TOT, ALDER=IALT, CIVILSTAND=TOT (every area and period).
    const lines = file.rows;
    const selected = lines.filter((x) => x[1] === "TOT" && x[2] === "IALT" && x[3] === "TOT");
    const expected = new Map(selected.map((x) => [`${x[0]}|${x[4]}`, Number(x[5])]));
    expect(expected.size).toBe(selected.length);

    expect(table.numRows).toBe(selected.length);
    expect(meta.rows).toBe(selected.length);
    expect(cells(table, ["TOT", "IALT", "TOT"])).toEqual(expected);
    expect(meta.sources[0].selection).toBe("FOLK1A OMRÅDE=* KØN=TOT ALDER=IALT CIVILSTAND=TOT Tid=*");
    // OMRÅDE=* and Tid=* ask for every area and period of the file; those without a single row of
    // totals are named as missing, and only then is the dataset partial.
    const lackingOf = (i: number) => {
      const withTotals = new Set(selected.map((x) => x[i]));
      return [...new Set(lines.map((x) => x[i]))].filter((c) => !withTotals.has(c)).sort();
    };
    const expectedMissing = [0, 4].map((i) => ({ variable: file.header[i], codes: lackingOf(i) })).filter((m) => m.codes.length > 0);
    expect(meta.missing.map((m) => ({ variable: m.variable, codes: m.codes?.slice().sort() }))).toEqual(expectedMissing);
    expect(meta.status).toBe(expectedMissing.length > 0 ? "partial" : "ok");

    // The narrowed loader: the rows of the gap's combination, and the periods it lacks as missing.
    const narrowed = builtFile("folk1a_gaps");
    const { codes, rows: held, lacking } = gap!;
    expect(narrowed.table.numRows).toBe(held.length);
    expect(narrowed.meta.rows).toBe(held.length);
    expect(cells(narrowed.table, [codes.KØN, codes.ALDER, codes.CIVILSTAND])).toEqual(new Map(held.map((x) => [`${x[0]}|${x[4]}`, Number(x[5])])));
    expect(held.every((x) => x[0] === codes.OMRÅDE)).toBe(true);
    expect(narrowed.meta.sources[0].selection).toBe(
      `FOLK1A ${file.header
        .slice(0, 4)
        .map((h) => `${h}=${codes[h]}`)
        .join(" ")} Tid=*`,
    );
    expect(narrowed.meta.status).toBe("partial");
    expect(narrowed.meta.missing).toHaveLength(1);
    expect(narrowed.meta.missing[0]).toMatchObject({ table: "FOLK1A", variable: "TID" });
    expect(narrowed.meta.missing[0].codes?.slice().sort(byPeriod)).toEqual(lacking);
    expect(lacking.every((t) => lines.some((x) => x[4] === t) && !held.some((x) => x[4] === t))).toBe(true);

    // STRAF42 is not in the mirror: its dataset is built empty and says so.
    expect(mirrorTables(mirror).map((t) => t.toUpperCase())).not.toContain("STRAF42");
    const empty = builtFile("straf42").meta;
    expect(empty.status).toBe("missing");
    expect(empty.missing[0]).toMatchObject({ table: "STRAF42", what: "hele tabellen" });
  }, 900_000);

  it("a second run refuses and names the files; --force rewrites them and keeps one registry entry", async () => {
    const before = dataTs();
    const again = await scaffold(["FOLK1A"], copy, { STATBANK_MIRROR: mirror });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('"folk1a" is taken: these already exist:');
    for (const f of [
      "loaders/tables/folk1a.ts",
      "src/data/folk1a.arrow.ts",
      "test/loaders/folk1a.test.ts",
      "test/fixtures/loaders/folk1a/FOLK1A.csv",
      'src/components/data.ts (FILES already has "folk1a")',
    ]) {
      expect(again.stderr).toContain(`  ${f}\n`);
    }
    expect(again.stderr).toContain("Nothing was written. Pick another name with --name (e.g. --name folk1a_data), or pass --force");
    expect(dataTs()).toBe(before);

    const forced = await scaffold(["FOLK1A", "--force"], copy, { STATBANK_MIRROR: mirror });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/overwritten\s+loaders\/tables\/folk1a\.ts/);
    expect(forced.stdout).toMatch(/unchanged \(already registers "folk1a"\)\s+src\/components\/data\.ts/);
    expect(dataTs()).toBe(before);
    expect(before.split('FileAttachment("../data/folk1a.arrow")').length - 1).toBe(1);
  });
});

describe("npm run new-loader errors", () => {
  let copy = "";
  beforeAll(() => {
    copy = projectCopy();
  });
  const unchanged = () => {
    expect(readFileSync(join(copy, "src/components/data.ts"), "utf8")).toBe(readFileSync(join(projectRoot, "src/components/data.ts"), "utf8"));
    expect(readdirSync(join(copy, "loaders/tables")).sort()).toEqual(readdirSync(join(projectRoot, "loaders/tables")).sort());
  };

  it("a table the mirror does not have: the mirror's tables, the similar ones first, and nothing written", async () => {
    // An id one edit from FOLK1A that the mirror has no file for.
    const absent = absentTable(mirror, ["FOLK1B", "FOLK1C", "FOLK1D", "FOLK1E"]);
    expect(absent).toMatch(/^FOLK1[B-E]$/);
    const r = await scaffold([absent], copy, { STATBANK_MIRROR: mirror });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${absent} is not in the mirror ${mirror} (there is no ${absent}.csv).`);
    expect(r.stderr).toMatch(/Similar tables in the mirror: FOLK1A, FOLK1AM\b/);
    expect(r.stderr).toContain(`Tables in the mirror: ${mirrorTables(mirror).join(", ")}`);
    unchanged();
  });

  it("a table the API does not have: its error and the similar ids of its table list", async () => {
    const r = await withApi((url) => scaffold(["straf41"], copy, { STATBANK_API: url }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("has no table STRAF41: Tabellen STRAF41 blev ikke fundet (EXTRACT-NOTFOUND)");
    expect(r.stderr).toContain("Similar tables: STRAF40, STRAF42");
    unchanged();
  });

  it("a name that clashes with an existing loader: the files and the registry entry are named, nothing is written", async () => {
    const r = await scaffold(["FOLK1A", "--name", "income"], copy, { STATBANK_MIRROR: mirror });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("  loaders/tables/income.ts\n  src/data/income.arrow.ts\n");
    expect(r.stderr).toContain('  src/components/data.ts (FILES already has "income")\n');
    expect(r.stderr).toContain("--name folk1a)");
    unchanged();
  });

  it("a name that clashes with a dataset cut per municipality names its ZIP loader", async () => {
    const r = await scaffold(["FOLK1A", "--name", "towns"], copy, { STATBANK_MIRROR: mirror });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("  loaders/tables/towns.ts\n");
    expect(r.stderr).toContain("  src/data/by-area/towns.zip.ts\n");
    expect(r.stderr).toContain('  src/components/data.ts (FILES already has "towns")\n');
    unchanged();
  });

  it("usage errors exit 2", async () => {
    expect((await scaffold([], copy, {})).code).toBe(2);
    const bad = await scaffold(["FOLK1A", "--name", "Folk-1"], copy, {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--name "Folk-1": use lower-case letters, digits and _');
    expect((await scaffold(["FOLK1A", "--nmae", "x"], copy, {})).code).toBe(2);
    expect((await scaffold(["FOLK1A;rm", "-rf"], copy, {})).code).toBe(2);
    unchanged();
  });
});

describe("default selection", () => {
  it("STRAF42 (live tableinfo): the total of every variable, by its code or the first value's text", () => {
    const plan = planSelection(straf42Info());
    expect(plan.map((p) => [p.key, p.column, p.role, p.specs])).toEqual([
      ["HERKOMST1", "herkomst1", "total", ["00"]], // "I alt"
      ["OVERTRÆD", "overtraed", "total", ["TOT"]],
      ["AFGØRELSE", "afgoerelse", "total", ["000"]], // "Afgørelsestype i alt"
      ["ALDER", "alder", "total", ["TOT"]],
      ["KØN", "koen", "total", ["TOT"]],
      ["Tid", "period", "time", ["*"]],
    ]);
  });

  it("INDKP101 (stored tableinfo): the area variable whole, the first unit, MOK, the first income type (a later 'total' is a subtotal)", () => {
    const info = readJson<TableInfo>(join(mirror, "tableinfo", "INDKP101.json"));
    expect(planSelection(info).map((p) => [p.key, p.column, p.role, p.specs])).toEqual([
      ["OMRÅDE", "area", "area", ["*"]],
      ["ENHED", "enhed", "unit", ["101"]],
      ["KOEN", "koen", "total", ["MOK"]],
      ["INDKOMSTTYPE", "indkomsttype", "first", ["100"]],
      ["Tid", "period", "time", ["*"]],
    ]);
    const types = info.variables.find((v) => v.id === "INDKOMSTTYPE")!;
    expect(types.values.find((v) => /total/i.test(v.text))?.id).toBe("105"); // "2 Pre-tax Income, total": not the default
    expect(totalValue(types)).toBeUndefined();
  });

  it("a small variable without a total is kept whole; two area variables keep their own names", () => {
    const info: TableInfo = {
      id: "FLYT",
      text: "Flytninger",
      unit: "Antal",
      updated: "",
      variables: [
        { id: "TILKOMMUNE", text: "tilflytningskommune", elimination: true, time: false, values: [{ id: "101", text: "København" }] },
        { id: "FRAKOMMUNE", text: "fraflytningskommune", elimination: true, time: false, values: [{ id: "147", text: "Frederiksberg" }] },
        {
          id: "KØN",
          text: "køn",
          elimination: true,
          time: false,
          values: [
            { id: "M", text: "Mænd" },
            { id: "K", text: "Kvinder" },
          ],
        },
        { id: "Tid", text: "tid", elimination: false, time: true, values: [{ id: "2024", text: "2024" }] },
      ],
    };
    expect(planSelection(info).map((p) => [p.column, p.role, p.specs])).toEqual([
      ["tilkommune", "area", ["*"]],
      ["frakommune", "area", ["*"]],
      ["koen", "all", ["*"]],
      ["period", "time", ["*"]],
    ]);
  });

  it("the fixture keeps the selected code and one the selection leaves out, the newest two periods, one '..'", () => {
    const f = makeFixture(planSelection(straf42Info()));
    // 5 variables with a total and another code, 2 periods: 2^5 * 2 rows; the totals keep 1 row per period.
    expect(f.rows).toHaveLength(64);
    expect(f.expected.map((r) => [r.herkomst1, r.overtraed, r.afgoerelse, r.alder, r.koen, r.period])).toEqual([
      ["00", "TOT", "000", "TOT", "TOT", "2023"],
      ["00", "TOT", "000", "TOT", "TOT", "2024"],
    ]);
    expect(f.rows.filter((r) => r.indhold === "..")).toHaveLength(1);
    expect(f.expected.map((r) => r.value)).toEqual([1000, null]);
  });
});

describe("registering a dataset in data.ts", () => {
  const source = [
    'import { FileAttachment } from "observablehq:stdlib";',
    'import type { DatasetMeta } from "../../loaders/provenance.ts";',
    "",
    "const FILES = {",
    '  population: () => FileAttachment("../data/population.arrow").href,',
    '  towns: () => FileAttachment("../data/towns.arrow").href',
    "} as const;",
    "",
    "export interface AgeRow { age: number }",
    "",
    "export interface DatasetRows {",
    "  population: { area: string };",
    "  towns: { town: string }",
    "}",
    "",
  ].join("\n");
  const entry = { name: "folk1a", rowType: "Folk1aRow", from: "../../loaders/tables/folk1a.ts" };

  it("adds the file, the row type and its import; a second time changes nothing", () => {
    const once = registerDataset(source, entry);
    expect(once.changed).toBe(true);
    expect(once.text).toBe(
      source
        .replace(
          '"observablehq:stdlib";\nimport type { DatasetMeta } from "../../loaders/provenance.ts";',
          '"observablehq:stdlib";\nimport type { DatasetMeta } from "../../loaders/provenance.ts";\nimport type { Folk1aRow } from "../../loaders/tables/folk1a.ts";',
        )
        .replace("href\n} as const;", 'href,\n  folk1a: () => FileAttachment("../data/folk1a.arrow").href\n} as const;')
        .replace("  towns: { town: string }\n}", "  towns: { town: string }\n  folk1a: Folk1aRow;\n}"),
    );
    expect(registerDataset(once.text, entry)).toEqual({ text: once.text, changed: false });
  });

  it("imports the row type under another name when data.ts already declares it", () => {
    const r = registerDataset(source, { name: "ages", rowType: "AgeRow", from: "../../loaders/tables/ages.ts" });
    expect(r.text).toContain('import type { AgeRow as AgeDatasetRow } from "../../loaders/tables/ages.ts";');
    expect(r.text).toContain("  ages: AgeDatasetRow;\n");
  });

  it("says so when there is no registry to add to", () => {
    expect(() => registerDataset("export const x = 1;\n", entry)).toThrow(/no `const FILES = \{ … \}` registry found; nothing was written/);
  });
});
