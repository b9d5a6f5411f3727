/**
 * `npm run doctor` (loaders/cli/doctor.ts):
 *
 * - on the mirror (test/paths.ts mirrorDir): every catalogue table the mirror has a file for says
 *   OK or names the differences its file really has, the others say they are not in the mirror,
 *   and the exit code follows the front-page rule. Every expectation is worked out here from the
 *   mirror's files by a plain split on ';', never from a fixed picture of them;
 * - the built site: the newest period against dist/_file/data/*.arrow provenance, or "no built site";
 * - through the HTTP transport against the API stand-in (test/standin/server.ts) serving the mirror:
 *   the same verdicts as the mirror; then with a table removed and a variable renamed;
 * - the exit-code rule on a complete mirror made here from the catalogue's own codes, served by the
 *   stand-in: 0 when every table is there, 0 when a table the front page does not need is removed and
 *   one of its variables renamed, 1 when the same happens to front-page tables.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toArrowIPC } from "../../loaders/arrow.ts";
import { CATALOGUE, MIRROR_ONLY_FILES, catalogueEntry, type CatalogueEntry, type VariableNeed } from "../../loaders/catalogue.ts";
import { runDoctorCli } from "../../loaders/cli/doctor.ts";
import type { DatasetMeta } from "../../loaders/provenance.ts";
import type { TableInfo } from "../../loaders/statbank/transport.ts";
import { startStandin, type Standin } from "../standin/server.ts";
import { mirrorDir, projectRoot } from "../paths.ts";
import { mirrorFile, mirrorTables } from "./mirror.ts";

const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temp.push(d);
  return d;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Per catalogue table id: its line. */
  lines: Map<string, Line>;
}

interface Line {
  id: string;
  frontPage: boolean;
  status: string;
  text: string;
}

const LINE = /^(\S+?)(\*?)\s+(OK|CHANGED|PARTIAL|UNUSABLE|MISSING|ERROR)\s+(?:\d+\.\d\d s|–)\s+(.*)$/;

async function doctor(argv: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runDoctorCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: projectRoot,
    env,
  });
  const lines = new Map<string, Line>();
  for (const l of stdout.split("\n")) {
    const m = LINE.exec(l);
    if (!m) continue;
    const entry = catalogueEntry(m[1]);
    if (entry) lines.set(entry.id, { id: m[1], frontPage: m[2] === "*", status: m[3], text: m[4] });
  }
  return { code, stdout, stderr, lines };
}

const emptyDist = () => tempDir("doctor-dist-");

// ---------------------------------------------------------------------------------------------
// What the mirror's files say, worked out independently of the doctor

/** The mirror file of a catalogue table (a vintage family: its newest matching file), or null. */
function fileOf(dir: string, entry: CatalogueEntry): string | null {
  const tables = mirrorTables(dir);
  if (!entry.pattern) return tables.find((t) => t.toUpperCase() === entry.id.toUpperCase()) ?? null;
  const re = new RegExp(entry.pattern, "i");
  return (
    tables
      .filter((t) => re.test(t))
      .sort()
      .at(-1) ?? null
  );
}

function matches(spec: string, code: string): boolean {
  if (!spec.includes("*")) return spec.toUpperCase() === code.toUpperCase();
  const re = new RegExp(
    `^${spec
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "i",
  );
  return re.test(code);
}

interface Expected {
  /** Texts the table's line must contain. */
  mentions: string[];
  status: "OK" | "PARTIAL" | "UNUSABLE";
  newest: string | null;
}

/** What the doctor must say of a table whose file the mirror has. */
function expectedFor(dir: string, entry: CatalogueEntry, table: string): Expected {
  const file = mirrorFile(dir, table);
  const header = file.header.slice(0, -1); // INDHOLD last
  const distinct = (col: number) => [...new Set(file.rows.map((r) => r[col]))];
  const mentions: string[] = [];
  let unusable = false;
  let partial = false;
  const claimed = new Set<number>();
  const column = (v: VariableNeed) => header.findIndex((h, i) => !claimed.has(i) && v.ids.some((id) => id.toUpperCase() === h.toUpperCase()));
  for (const v of entry.variables) {
    const col = column(v);
    if (col < 0) {
      if (v.select.length === 0) continue;
      mentions.push(`variable ${v.ids[0]}`);
      unusable = true;
      continue;
    }
    claimed.add(col);
    const codes = distinct(col);
    const lost = (v.needs ?? []).filter((n) => !n.codes.some((spec) => codes.some((c) => matches(spec, c))));
    for (const n of lost) {
      mentions.push(n.codes[0]);
      if (n.ifMissing === "empty") unusable = true;
      else partial = true;
    }
    if (lost.length > 1 && lost.length === (v.needs ?? []).length) unusable = true;
    if (v.only) {
      const re = new RegExp(v.only.pattern, "i");
      if (codes.some((c) => !re.test(c))) {
        mentions.push("cannot read");
        unusable = true;
      }
    }
    if (["area", "residence", "destination", "origin"].includes(v.role) && v.select.includes("*")) {
      const n = codes.filter((c) => /^\d{3}$/.test(c) && Number(c) >= 101 && Number(c) < 900 && c !== "411").length;
      if (n > 0 && n < 98) {
        mentions.push(`${n} of 98 municipalities`);
        partial = true;
      }
    }
  }
  header.forEach((h, i) => {
    if (claimed.has(i) || entry.lookup === "tableinfo") return;
    mentions.push(`new variable ${h}`);
    unusable = true;
  });
  const time = header.findIndex((h) => h.toUpperCase() === "TID");
  const newest = time < 0 ? null : (distinct(time).sort().at(-1) ?? null);
  return { mentions, status: unusable ? "UNUSABLE" : partial ? "PARTIAL" : "OK", newest };
}

/** The exit code the front-page rule gives for a mirror folder. */
function expectedExit(dir: string): number {
  for (const entry of CATALOGUE.filter((t) => t.use === "loader" && t.frontPage)) {
    const table = fileOf(dir, entry);
    if (!table || expectedFor(dir, entry, table).status === "UNUSABLE") return 1;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------

describe("npm run doctor on the mirror", () => {
  let run: Run;
  beforeAll(async () => {
    run = await doctor(["--mirror", mirrorDir, "--dist", emptyDist()], {});
  });

  it("prints one line per catalogue table, front-page tables marked", () => {
    expect([...run.lines.keys()].sort()).toEqual(CATALOGUE.map((t) => t.id).sort());
    for (const t of CATALOGUE) expect(run.lines.get(t.id)!.frontPage, t.id).toBe(t.use === "loader" && t.frontPage);
    expect(run.stdout).toContain("Built site: no built site");
  });

  it("a table the mirror has says OK or names the differences its file really has, and its newest period", () => {
    for (const entry of CATALOGUE) {
      const table = fileOf(mirrorDir, entry);
      if (!table) continue;
      const line = run.lines.get(entry.id)!;
      const expected = expectedFor(mirrorDir, entry, table);
      expect(line.status, `${entry.id}: ${line.text}`).toBe(expected.status);
      for (const m of expected.mentions) expect(line.text, entry.id).toContain(m);
      if (expected.newest) expect(line.text, entry.id).toContain(`newest ${expected.newest} (no built site)`);
      if (expected.status !== "OK" && entry.use === "loader") expect(line.text, entry.id).toMatch(/Data mangler|the loader stops|refuses/);
    }
  });

  it("a table the mirror lacks says it is not in the mirror, what the pages lose, and what the mirror keeps instead", () => {
    for (const entry of CATALOGUE) {
      if (fileOf(mirrorDir, entry)) continue;
      const line = run.lines.get(entry.id)!;
      expect(line.status, entry.id).toBe("MISSING");
      if (!entry.pattern) {
        expect(line.text).toContain(`not in the mirror (no ${entry.id}.csv)`);
        if (existsSync(join(mirrorDir, "tableinfo", `${entry.id}.json`))) expect(line.text).toContain(`stored tableinfo/${entry.id}.json`);
      }
      if (entry.use === "loader") {
        const page = entry.pages.find((p) => p !== "/arbejdsbord" && p !== "/") ?? entry.pages[0];
        expect(line.text, entry.id).toMatch(/Data mangler (\([^)]*\) )?på/);
        expect(line.text, entry.id).toContain(page);
      }
      for (const f of MIRROR_ONLY_FILES.filter((x) => x.standsFor === entry.id)) {
        const third = mirrorTables(mirrorDir).find((t) => new RegExp(f.pattern, "i").test(t));
        if (third) expect(line.text, entry.id).toContain(`${third}.csv`);
      }
    }
  });

  it("exits as the front-page rule says for this mirror, and names the unusable front-page tables", () => {
    expect(run.code).toBe(expectedExit(mirrorDir));
    const bad = [...run.lines.values()].filter((l) => l.frontPage && ["UNUSABLE", "MISSING", "ERROR"].includes(l.status)).map((l) => l.id);
    expect(run.code).toBe(bad.length > 0 ? 1 : 0);
    for (const id of bad) expect(run.stdout).toMatch(new RegExp(`Front page \\(/\\): unusable .*\\b${id}\\b`));
    expect(run.stderr).toBe("");
  });

  it("compares the newest period with the built site's provenance", async () => {
    const entry = CATALOGUE.find((t) => t.frontPage && fileOf(mirrorDir, t) && expectedFor(mirrorDir, t, fileOf(mirrorDir, t)!).newest)!;
    const newest = expectedFor(mirrorDir, entry, fileOf(mirrorDir, entry)!).newest!;
    const older = newest.replace(/^\d{4}/, (y) => String(Number(y) - 1));
    const dist = tempDir("doctor-dist-");
    mkdirSync(join(dist, "_file", "data"), { recursive: true });
    const meta = {
      dataset: "x",
      title: "x",
      status: "ok",
      sources: [{ table: entry.id, periods: [older] }],
      missing: [],
      columns: {},
      rows: 1,
      builtAt: "2026-01-02T03:04:05Z",
    } as unknown as DatasetMeta;
    writeFileSync(join(dist, "_file", "data", "x.0123abcd.arrow"), toArrowIPC({ a: { type: "int32", values: [1] } }, meta));
    const r = await doctor(["--mirror", mirrorDir, "--dist", dist], {});
    expect(r.stdout).toContain(`Built site: ${dist} (built 2026-01-02 03:04)`);
    expect(r.lines.get(entry.id)!.text).toContain(`newest ${newest} (newer than the built site's ${older})`);
    const other = CATALOGUE.find(
      (t) => t.id !== entry.id && t.use === "loader" && fileOf(mirrorDir, t) && expectedFor(mirrorDir, t, fileOf(mirrorDir, t)!).newest,
    );
    if (other) expect(r.lines.get(other.id)!.text).toContain("(not in the built site)");
  });

  it("a source that does not answer: the first table is an ERROR, the others are not asked, exit code 1", async () => {
    // A port that was free a moment ago: connections are refused.
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    const r = await doctor(["--dist", emptyDist()], { STATBANK_API: `http://127.0.0.1:${port}/v1` });
    const [first, ...rest] = CATALOGUE.map((t) => r.lines.get(t.id)!);
    expect(first.status).toBe("ERROR");
    expect(first.text).toContain("the tableinfo request failed");
    for (const l of rest) expect(l.text, l.id).toContain(`not asked: the source did not answer ${CATALOGUE[0].id}`);
    expect(r.code).toBe(1);
  });

  it("refuses unknown options with exit code 2", async () => {
    const r = await doctor(["--nonsense"], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--nonsense");
  });
});

describe("npm run doctor through the HTTP transport, against the API stand-in serving the mirror", () => {
  let plain: Run;
  let mirrorRun: Run;
  let api: Standin;
  beforeAll(async () => {
    mirrorRun = await doctor(["--mirror", mirrorDir, "--dist", emptyDist()], {});
    api = await startStandin({ mirror: mirrorDir });
    plain = await doctor(["--dist", emptyDist()], { STATBANK_API: api.url });
  });
  afterAll(() => api?.close());

  it("gives every table the mirror's verdict; tables the stand-in lacks are 'Tabel findes ikke'", () => {
    expect(plain.stdout).toContain(`StatBank API ${api.url}`);
    for (const t of CATALOGUE) {
      expect(plain.lines.get(t.id)?.status, `${t.id}: ${plain.lines.get(t.id)?.text}`).toBe(mirrorRun.lines.get(t.id)!.status);
      if (plain.lines.get(t.id)!.status === "MISSING" && !t.pattern) expect(plain.lines.get(t.id)!.text).toContain(`Tabel findes ikke: ${t.id}`);
    }
    expect(plain.code).toBe(mirrorRun.code);
    expect(api.requests.some((r) => r.path === "/v1/tableinfo")).toBe(true);
  });

  it("with one table removed and one variable renamed, the two lines say so and the exit code follows", async () => {
    // A front-page table the mirror has, to remove; another table the mirror has with an OMRÅDE, to rename.
    const present = CATALOGUE.filter((t) => t.use === "loader" && !t.pattern && fileOf(mirrorDir, t));
    const removed = present.find((t) => t.frontPage)!;
    const renamed = present.find((t) => t.id !== removed.id && mirrorFile(mirrorDir, fileOf(mirrorDir, t)!).header.includes("OMRÅDE"))!;
    const changed = await startStandin({ mirror: mirrorDir, removeTables: [removed.id], renameVariables: { [renamed.id]: { OMRÅDE: "KOMMUNE" } } });
    try {
      const r = await doctor(["--dist", emptyDist()], { STATBANK_API: changed.url });
      const gone = r.lines.get(removed.id)!;
      expect(gone.status).toBe("MISSING");
      expect(gone.text).toContain(`Tabel findes ikke: ${removed.id}`);
      expect(gone.text).toContain("Data mangler på");
      // KOMMUNE names an area: the loader finds it by its role and asks for it (loaders/tables/fitQuery.ts).
      const moved = r.lines.get(renamed.id)!;
      expect(moved.status).toBe(plain.lines.get(renamed.id)!.status === "OK" ? "CHANGED" : plain.lines.get(renamed.id)!.status);
      expect(moved.text).toContain("variable OMRÅDE is now KOMMUNE (found by its role, area) → the loader asks for KOMMUNE and reads it as OMRÅDE");
      for (const t of CATALOGUE.filter((x) => x.id !== removed.id && x.id !== renamed.id)) {
        expect(r.lines.get(t.id)!.status, t.id).toBe(plain.lines.get(t.id)!.status);
      }
      expect(r.code).toBe(1); // a front-page table is gone
    } finally {
      await changed.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The exit-code rule on a complete mirror

/** A mirror with a file for every catalogue table, made of the catalogue's own codes (values 1). */
function completeMirror(): string {
  const dir = tempDir("doctor-mirror-");
  const folk1a = JSON.parse(readFileSync(join(mirrorDir, "tableinfo", "FOLK1A.json"), "utf8")) as TableInfo;
  const municipalities = folk1a.variables
    .find((v) => v.id === "OMRÅDE")!
    .values.map((v) => v.id)
    .filter((c) => /^\d{3}$/.test(c) && c !== "000" && !c.startsWith("08") && c !== "411");
  const periods = { quarter: ["2025K1", "2026K1"], month: ["2025M12", "2026M01"], year: ["2024", "2025"] };
  for (const t of CATALOGUE) {
    const id = t.pattern ? t.id.replace(/yy$/, "26") : t.id;
    const columns = t.variables.filter((v) => v.select.length > 0);
    const codesOf = (v: VariableNeed): string[] => {
      if (v.role === "time") return periods[t.frequency];
      if (["area", "residence", "workplace", "destination", "origin"].includes(v.role)) return [...municipalities, ...(v.needs ?? []).map((n) => n.codes[0])];
      const codes = new Set([...v.select, ...(v.needs ?? []).map((n) => n.codes[0])].filter((c) => !/[*<>()]/.test(c)));
      if (codes.size === 0) codes.add(v.role === "sex" ? "M" : v.role === "town" ? "10100101" : "1");
      if (v.role === "sex" && v.select.includes("*")) codes.add("K");
      return [...codes];
    };
    let rows: string[][] = [[]];
    for (const v of columns) rows = rows.flatMap((r) => codesOf(v).map((c) => [...r, c]));
    const header = [...columns.map((v) => (v.role === "time" ? "TID" : v.ids[0])), "INDHOLD"];
    writeFileSync(join(dir, `${id}.csv`), [header.join(";"), ...rows.map((r) => [...r, "1"].join(";"))].join("\n") + "\n");
  }
  return dir;
}

describe("npm run doctor's exit code on a complete mirror served by the stand-in", () => {
  let dir: string;
  beforeAll(() => {
    dir = completeMirror();
  });

  const withStandin = async (options: { removeTables?: string[]; renameVariables?: Record<string, Record<string, string>> }) => {
    const api = await startStandin({ mirror: dir, ...options });
    try {
      return await doctor(["--dist", emptyDist()], { STATBANK_API: api.url });
    } finally {
      await api.close();
    }
  };

  it("every table OK: exit code 0", async () => {
    expect(readdirSync(dir).length).toBe(CATALOGUE.length);
    const r = await withStandin({});
    for (const t of CATALOGUE) expect(r.lines.get(t.id)?.status, `${t.id}: ${r.lines.get(t.id)?.text}`).toBe("OK");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Front page (/): all");
  });

  /** Roles the loaders also recognise by a variable's codes (areas, sexes, ages, periods). */
  const BY_CODES = new Set(["time", "sex", "age", "area", "residence", "workplace", "destination", "origin"]);
  /** A variable the loader asks for whose role only its id tells (BEVÆGELSE, CIVILSTAND …). */
  const namedOnly = (t: (typeof CATALOGUE)[number]) => t.variables.find((v) => !BY_CODES.has(v.role) && v.select.length > 0);

  it("a table the front page does not need removed, one of another renamed beyond recognition: the two lines say so, exit code 0", async () => {
    const others = CATALOGUE.filter((t) => t.use === "loader" && !t.frontPage && !t.pattern && t.lookup === "fixed");
    const renamed = others.find(namedOnly)!;
    const removed = others.find((t) => t !== renamed)!;
    const variable = namedOnly(renamed)!.ids[0];
    const r = await withStandin({ removeTables: [removed.id], renameVariables: { [renamed.id]: { [variable]: "XYZ" } } });
    expect(r.lines.get(removed.id)!.status).toBe("MISSING");
    expect(r.lines.get(removed.id)!.text).toContain(`Tabel findes ikke: ${removed.id}`);
    expect(r.lines.get(removed.id)!.text).toContain(`Data mangler på ${removed.pages.filter((p) => p !== "/arbejdsbord")[0]}`);
    expect(r.lines.get(renamed.id)!.status).toBe("UNUSABLE");
    expect(r.lines.get(renamed.id)!.text).toMatch(new RegExp(`variable ${variable} \\(\\S+\\) not found; the table has .*\\bXYZ\\b.* → .*Data mangler`));
    for (const t of CATALOGUE.filter((x) => x !== removed && x !== renamed)) expect(r.lines.get(t.id)!.status, t.id).toBe("OK");
    expect(r.code).toBe(0);
  });

  it("a front-page table removed: exit code 1; its variable renamed beyond recognition: exit code 1; renamed recognisably: CHANGED, exit code 0", async () => {
    const front = CATALOGUE.filter((t) => t.use === "loader" && t.frontPage && t.lookup === "fixed");
    const removed = await withStandin({ removeTables: [front[0].id] });
    expect(removed.lines.get(front[0].id)!.status).toBe("MISSING");
    expect(removed.code).toBe(1);
    expect(removed.stdout).toContain(`Front page (/): unusable ${front[0].id}`);
    const table = front.find(namedOnly)!;
    const variable = namedOnly(table)!.ids[0];
    const renamed = await withStandin({ renameVariables: { [table.id]: { [variable]: "XYZ" } } });
    expect(renamed.lines.get(table.id)!.status).toBe("UNUSABLE");
    expect(renamed.lines.get(table.id)!.text).toContain(`variable ${variable}`);
    expect(renamed.code).toBe(1);
    // A sex variable under a new id: the loader recognises it by its codes (M/K, 1/2, TOT …) and adapts.
    const withSex = front.find((t) => t.variables.some((v) => v.role === "sex" && v.select.length > 0))!;
    const sex = withSex.variables.find((v) => v.role === "sex")!.ids[0];
    const adapted = await withStandin({ renameVariables: { [withSex.id]: { [sex]: "KØNNET" } } });
    expect(adapted.lines.get(withSex.id)!.status).toBe("CHANGED");
    expect(adapted.lines.get(withSex.id)!.text).toContain(
      `variable ${sex} is now KØNNET (found by its role, sex) → the loader asks for KØNNET and reads it as ${sex}`,
    );
    expect(adapted.code).toBe(0);
  });
});
