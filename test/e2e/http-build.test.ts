/**
 * The whole site built through the HTTP transport: `scripts/build.mjs` in a copy of the project
 * (node_modules symlinked; the project's own dist/, which the other e2e files use, is never
 * touched) with STATBANK_API pointing at the API stand-in (test/standin/server.ts) serving the
 * mirror, and no STATBANK_MIRROR. Two builds, no more:
 *
 * 1. The stand-in serves the whole mirror. The site must equal the mirror build (the project's
 *    dist/, made by the e2e global setup): the same dataset files, and in each Arrow file the same
 *    rows, value for value. The one difference is derived from the mirror build itself: rows that
 *    came from a mirror's third-party file (`FOLK1A_agegroups`, `FRKM126_agegroups`, named in the
 *    `source` column) are not in the API, so through the API those rows are absent, and a dataset
 *    made of them only is empty and says what is missing.
 * 2. The stand-in lacks FLY66 ("Tabel findes ikke: FLY66"), calls INDKP101's KOEN "KØN" (a
 *    known id for the same variable: the loader asks the table first and adapts) and AFSTB4's
 *    SOCIO "XYZ" (no id or role the loader knows). The build must still succeed; the datasets
 *    built from FLY66 and AFSTB4 are empty and say "Data mangler" naming the table (what exactly is
 *    derived from build 1's provenance); those built from INDKP101 equal build 1 and say in their
 *    notes what was adapted; every other dataset equals build 1; every page renders in Chromium
 *    without an error, every card that shows FLY66 or AFSTB4 in its source line in the mirror
 *    build (chart cards and the scorecard's goal cards) shows a .data-mangler note naming that
 *    table, and every card that shows INDKP101 shows what it showed in the mirror build.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { readArrow } from "../../loaders/arrow.ts";
import type { DatasetMeta } from "../../loaders/provenance.ts";
import { mirrorDir, projectRoot } from "../paths.ts";
import { startStandin } from "../standin/server.ts";
import { launchBrowser, openPage, serveDir } from "./browser.ts";

const REMOVED = "FLY66";
/** Renamed to an id the catalogue knows for it: the loader adapts. */
const ADAPTED = { table: "INDKP101", from: "KOEN", to: "KØN" };
/** Renamed beyond recognition: the loader cannot find it. */
const LOST = { table: "AFSTB4", from: "SOCIO", to: "XYZ" };
/** A mirror's files that are not StatBank tables (the API never has them). */
const THIRD_PARTY = /_agegroups$/i;

const EXCLUDED = new Set(["node_modules", "dist", ".git", "src/.observablehq", "test-results", "bench-results", ".build-staging", ".build-cache-aside"]);
let copy = "";
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

/** A copy of the project without node_modules (symlinked), dist, .git, caches and results. */
function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "http-build-"));
  cpSync(projectRoot, dir, { recursive: true, filter: (src) => !EXCLUDED.has(relative(projectRoot, src).split("\\").join("/")) });
  symlinkSync(join(projectRoot, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** `node scripts/build.mjs` in `dir` against the API at `api`: asynchronous, so the stand-in in this process can answer. */
async function build(dir: string, api: string): Promise<{ code: number; output: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS"));
  delete env.STATBANK_MIRROR;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["scripts/build.mjs"], {
      cwd: dir,
      env: { ...env, STATBANK_API: api, NO_COLOR: "1" },
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, output: `${stdout}\n${stderr}` };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof err.code === "number" ? err.code : -1, output: `${err.stdout ?? ""}\n${err.stderr ?? ""}\n${err.message}` };
  }
}

interface Built {
  /** Path under _file/data without the content hash: "population.arrow", "survey/schema.json". */
  name: string;
  meta?: DatasetMeta;
  /** Arrow: column -> values (nulls kept); JSON: the parsed value. */
  columns?: Record<string, unknown[]>;
  json?: unknown;
}

/** Every file of a built site's _file/data, read. */
function datasets(dist: string): Map<string, Built> {
  const root = join(dist, "_file", "data");
  const out = new Map<string, Built>();
  const walk = (dir: string) => {
    for (const f of readdirSync(dir).sort()) {
      const path = join(dir, f);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const name = relative(root, path).replace(/\.[0-9a-f]{8}(\.[^.]+)$/, "$1");
      if (f.endsWith(".arrow")) {
        const { table, meta } = readArrow(readFileSync(path));
        const columns = Object.fromEntries(table.schema.fields.map((field) => [field.name, [...table.getChild(field.name)!]]));
        out.set(name, { name, meta, columns });
      } else if (f.endsWith(".json")) {
        out.set(name, { name, json: JSON.parse(readFileSync(path, "utf8")) });
      } else {
        out.set(name, { name });
      }
    }
  };
  walk(root);
  return out;
}

const rowCount = (b: Built) => Object.values(b.columns ?? {})[0]?.length ?? 0;

/** The columns without the rows where `drop(row index)` holds. */
function without(columns: Record<string, unknown[]>, drop: (i: number) => boolean): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v.filter((_, i) => !drop(i))]));
}

/** The JSON datasets read from StatBank (the others come from the project's own files). */
const STATBANK_JSON = new Set(["municipalities.json"]);

/** The municipality list without what depends on the time and kind of the fetch. */
function stableJson(value: unknown): unknown {
  const { municipalities, regions } = value as { municipalities: unknown; regions: unknown };
  return { municipalities, regions };
}

interface Card {
  title: string;
  source: string;
  mangler: string;
}

interface PageState {
  errors: string[];
  cellErrors: string[];
  cards: Card[];
}

/** Open a page, wait until its cards stop changing, and read them. */
async function readPage(browser: Browser, base: string, path: string): Promise<PageState> {
  const w = await openPage(browser, base);
  await w.page.goto(`${base}${path}`, { waitUntil: "networkidle" });
  const snapshot = () =>
    w.page.evaluate(() =>
      // Chart cards, and the scorecard's goal cards (their source line names the table as well).
      [...document.querySelectorAll("figure.chart-card, article.goal-card")].map((f) => ({
        title: f.querySelector(".card-title, .goal-title")?.textContent?.trim() ?? "",
        source: f.querySelector(".source")?.textContent?.trim() ?? "",
        mangler: [...f.querySelectorAll(".data-mangler")].map((m) => m.textContent?.replace(/\s+/g, " ").trim()).join(" | "),
      })),
    );
  let cards = await snapshot();
  for (let same = 0, tries = 0; same < 3 && tries < 60; tries++) {
    await w.page.waitForTimeout(500);
    const next = await snapshot();
    same = JSON.stringify(next) === JSON.stringify(cards) ? same + 1 : 0;
    cards = next;
  }
  const cellErrors = await w.page.evaluate(() => [...document.querySelectorAll(".observablehq--error")].map((e) => e.textContent ?? ""));
  const state = { errors: [...w.consoleErrors, ...w.externalRequests.map((u) => `external request ${u}`)], cellErrors, cards };
  await w.page.context().close();
  return state;
}

describe("the site built through the HTTP transport against the API stand-in", () => {
  let mirrorBuild: Map<string, Built>;
  let first: Map<string, Built>;

  beforeAll(() => {
    mirrorBuild = datasets(join(projectRoot, "dist"));
    copy = projectCopy();
  });

  it("with the whole mirror behind the API: the same datasets and rows as the mirror build", async () => {
    const api = await startStandin({ mirror: mirrorDir });
    let result;
    try {
      result = await build(copy, api.url);
    } finally {
      await api.close();
    }
    expect(result.code, result.output.slice(-4000)).toBe(0);
    expect(result.output).toContain(`the live StatBank API (${api.url})`);
    first = datasets(join(copy, "dist"));
    expect([...first.keys()].sort()).toEqual([...mirrorBuild.keys()].sort());
    const thirdParty: string[] = [];
    for (const [name, mirror] of mirrorBuild) {
      const http = first.get(name)!;
      if (mirror.json !== undefined) {
        if (STATBANK_JSON.has(name)) expect(stableJson(http.json), name).toEqual(stableJson(mirror.json));
        continue;
      }
      if (!mirror.columns) continue;
      // Everything from StatBank came from the API (the stand-in), nothing from a mirror.
      for (const s of http.meta!.sources) {
        expect(s.source, `${name} ${s.table}`).toEqual({ kind: "live", location: api.url });
        expect(s.table, name).not.toMatch(THIRD_PARTY);
      }
      const source = mirror.columns.source as string[] | undefined;
      const fromThirdParty = (i: number) => THIRD_PARTY.test(String(source?.[i] ?? ""));
      const expected = without(mirror.columns, fromThirdParty);
      if (rowCount({ name, columns: expected }) < rowCount(mirror)) thirdParty.push(name);
      expect(http.meta!.rows, name).toBe(rowCount({ name, columns: expected }));
      expect(http.columns, name).toEqual(expected);
      expect(http.meta!.status === "missing", name).toBe(http.meta!.rows === 0);
      if (http.meta!.rows === 0) expect(http.meta!.missing.length, name).toBeGreaterThan(0);
    }
    // The mirror build does use third-party files (else this test would not test that rule).
    expect(thirdParty.length).toBeGreaterThan(0);
  }, 600_000);

  describe(`without ${REMOVED}, with ${ADAPTED.table}.${ADAPTED.from} renamed ${ADAPTED.to} and ${LOST.table}.${LOST.from} renamed ${LOST.to}`, () => {
    let second: Map<string, Built>;
    let output = "";

    beforeAll(async () => {
      expect(first, "the first build ran").toBeDefined();
      const api = await startStandin({
        mirror: mirrorDir,
        removeTables: [REMOVED],
        renameVariables: { [ADAPTED.table]: { [ADAPTED.from]: ADAPTED.to }, [LOST.table]: { [LOST.from]: LOST.to } },
      });
      let result;
      try {
        result = await build(copy, api.url);
      } finally {
        await api.close();
      }
      output = result.output;
      expect(result.code, result.output.slice(-4000)).toBe(0);
      second = datasets(join(copy, "dist"));
    }, 600_000);

    it("the build succeeds; the datasets of the lost tables say what is missing, those of the adapted one are whole and say what was adapted", () => {
      let emptied = 0;
      let adapted = 0;
      for (const [name, before] of first) {
        const after = second.get(name);
        expect(after, name).toBeDefined();
        if (!before.columns) continue;
        if (name.startsWith("compare_groups.")) {
          // Derived from the datasets, not from a table: its neighbours, regions and country are
          // unchanged, and its "lignende" groups are the similar municipalities as computed now
          // (the peers dataset, which names the lost tables).
          const keep = (c: Record<string, unknown[]>, same: boolean) => without(c, (i) => (c.kind[i] === "lignende") === same);
          expect(keep(after!.columns!, true), name).toEqual(keep(before.columns, true));
          const peersAfter = [...second].find(([n]) => n.startsWith("peers."))![1].columns!;
          const lignende = keep(after!.columns!, false);
          expect(lignende.area.map((a, i) => `${a} ${lignende.member[i]} ${lignende.rank[i]}`).sort(), name).toEqual(
            peersAfter.area.map((a, i) => `${a} ${peersAfter.peer[i]} ${peersAfter.rank[i]}`).sort(),
          );
          continue;
        }
        const tables = new Set(before.meta!.sources.map((s) => s.table));
        if (tables.has(ADAPTED.table)) {
          adapted++;
          const note = `${ADAPTED.table}: variablen ${ADAPTED.from} hedder nu ${ADAPTED.to} i tabellen (et kendt navn for samme variabel); indlæseren har brugt ${ADAPTED.to}.`;
          expect(after!.meta!.notes, name).toContain(note);
          expect(
            after!.meta!.missing.filter((m) => m.table === ADAPTED.table),
            name,
          ).toEqual(before.meta!.missing.filter((m) => m.table === ADAPTED.table));
        }
        const affected = [REMOVED, LOST.table].filter((t) => tables.has(t));
        if (affected.length === 0) {
          expect(after!.columns, name).toEqual(before.columns);
          continue;
        }
        const notes = after!.meta!.missing;
        for (const t of affected)
          expect(
            notes.some((m) => m.table.includes(t)),
            `${name} names ${t}`,
          ).toBe(true);
        if (tables.size === affected.length) {
          // Built from the affected tables only: empty, and the note says why.
          emptied++;
          expect(after!.meta!.rows, name).toBe(0);
          expect(after!.meta!.status, name).toBe("missing");
          const expected = affected.map((t) =>
            t === REMOVED
              ? { table: REMOVED, what: "hele tabellen", detail: expect.stringContaining(`Tabel findes ikke: ${REMOVED}`) }
              : {
                  table: LOST.table,
                  what: expect.stringMatching(new RegExp(`^variablen ${LOST.from} findes ikke; tabellen har .*\\b${LOST.to}\\b`)),
                  detail: expect.any(String),
                  variable: LOST.from,
                },
          );
          expect(notes, name).toEqual(expected);
        } else if (!before.columns.source) {
          // Derived from several tables at once (the similar municipalities): no row belongs to one
          // table, so the dataset is not "ok" and names what is missing (checked above).
          expect(after!.meta!.status, name).not.toBe("ok");
        } else {
          // Built from other tables too (indicators): the rows of the affected tables are gone, the rest is unchanged.
          const source = before.columns.source as string[];
          expect(source, `${name} has a source column`).toBeDefined();
          expect(after!.columns, name).toEqual(without(before.columns, (i) => affected.includes(source[i])));
        }
      }
      expect(emptied).toBeGreaterThanOrEqual(5); // flows, flow_pairs, migration_ages, migration_totals, commuting_distance
      expect(adapted).toBeGreaterThanOrEqual(2); // income, indicators
      // The build's summary names them too.
      expect(output).toMatch(new RegExp(`data mangler: ${REMOVED}: hele tabellen`));
      expect(output).toMatch(new RegExp(`data mangler: ${LOST.table}: variablen ${LOST.from} findes ikke`));
      expect(output).toMatch(new RegExp(`tilpasset: ${ADAPTED.table}: variablen ${ADAPTED.from} hedder nu ${ADAPTED.to}`));
    });

    it('every page renders, and each card that uses one of the tables says "Data mangler" naming it', async () => {
      const pages = readdirSync(join(copy, "dist"))
        .filter((f) => f.endsWith(".html"))
        .map((f) => (f === "index.html" ? "/" : `/${f.slice(0, -5)}`));
      expect(pages.length).toBeGreaterThanOrEqual(8);
      const reference = await serveDir(join(projectRoot, "dist"));
      const site = await serveDir(join(copy, "dist"));
      const browser = await launchBrowser();
      // Every problem on every page is collected, so that one run names them all.
      const problems: string[] = [];
      let checked = 0;
      try {
        for (const path of pages) {
          const mirror = await readPage(browser, reference.url, path);
          const http = await readPage(browser, site.url, path);
          problems.push(...http.errors.map((e) => `${path}: ${e}`), ...http.cellErrors.map((e) => `${path}: error in a cell: ${e}`));
          for (const card of mirror.cards.filter((c) => new RegExp(`\\b${ADAPTED.table}\\b`).test(c.source))) {
            checked++;
            const now = http.cards.find((c) => c.title === card.title);
            if (!now) problems.push(`${path}: the card "${card.title}" (${ADAPTED.table}) is not shown`);
            else if (now.mangler !== card.mangler)
              problems.push(
                `${path}: the card "${card.title}" (${ADAPTED.table}, adapted) says ${JSON.stringify(now.mangler)}, the mirror build ${JSON.stringify(card.mangler)}`,
              );
          }
          for (const table of [REMOVED, LOST.table]) {
            for (const card of mirror.cards.filter((c) => new RegExp(`\\b${table}\\b`).test(c.source))) {
              checked++;
              const now = http.cards.find((c) => c.title === card.title);
              if (!now)
                problems.push(
                  `${path}: the card "${card.title}" (${table}) is not shown (${http.cards.length} cards on the page, ${mirror.cards.length} in the mirror build)`,
                );
              else if (!new RegExp(`Data mangler:.*\\b${table}\\b`).test(now.mangler))
                problems.push(`${path}: the card "${card.title}" does not say "Data mangler" naming ${table} (note: ${JSON.stringify(now.mangler)})`);
            }
          }
        }
      } finally {
        await browser.close();
        await site.close();
        await reference.close();
      }
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    }, 600_000);
  });
});
