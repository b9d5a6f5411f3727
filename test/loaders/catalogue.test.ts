/**
 * The catalogue of tables (loaders/catalogue.ts) against what the loaders really ask for.
 *
 * Every loader that src/data/*.ts runs with a StatBank client is run here on a recording transport:
 * it answers tableinfo for the tables of the catalogue (built from the catalogue's own variables
 * and codes, areas from the stored FOLK1A tableinfo) and "table not found" for any other table,
 * and records every tableinfo, data and listing request. Every loader runs twice: once with every
 * data request answered "table not found", and once answered with no rows (so that a request a
 * loader makes only after a first table answered, such as BY2 after FOLK1A, is recorded too).
 * A loader that asks for a table, variable or value spec the catalogue does not list, or whose
 * dataset says that a variable or code is missing (one the catalogue's tableinfo lacks), fails the
 * test with the loader's name.
 *
 * Also checked: each table's datasets are exactly the loaders that asked for it; the pages of
 * each dataset are the pages that read it (src/*.md, through src/sql/*.sql); and every
 * "confirmed" evidence is really in the stored tableinfo or extract it cites.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CATALOGUE,
  DATASETS,
  MIRROR_ONLY_FILES,
  catalogueEntry,
  isConfirmed,
  mirrorOnlyFile,
  unconfirmedAssumptions,
  type CatalogueTable,
  type VariableNeed,
} from "../../loaders/catalogue.ts";
import type { Dataset } from "../../loaders/run.ts";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { MirrorGapError } from "../../loaders/statbank/errors.ts";
import { isTimeVariable, parsePeriod } from "../../loaders/statbank/period.ts";
import { resolveSelection, type Query } from "../../loaders/statbank/query.ts";
import type { DataResult, SourceDescription, TableInfo, TableListing, TableVariable, Transport } from "../../loaders/statbank/transport.ts";
import { thinLoaders } from "../helpers.ts";
import { mirrorDir, projectRoot } from "../paths.ts";

const folk1aInfo = JSON.parse(readFileSync(join(mirrorDir, "tableinfo", "FOLK1A.json"), "utf8")) as TableInfo;
const areaValues = folk1aInfo.variables.find((v) => v.id === "OMRÅDE")!.values;
const AREA_ROLES = new Set(["area", "residence", "workplace", "destination", "origin"]);
const SAMPLE_PERIODS = { quarter: ["2024K1", "2025K1"], month: ["2025M12", "2026M01"], year: ["2024", "2025"] };
const isExplicit = (spec: string) => !/[*<>()]/.test(spec);

/** A tableinfo made of the catalogue's own expectations (the loader's id of each variable). */
function catalogueInfo(table: string, t: CatalogueTable): TableInfo {
  const variables: TableVariable[] = t.variables.map((v) => {
    const time = v.role === "time";
    let values: { id: string; text: string }[];
    if (time) values = SAMPLE_PERIODS[t.frequency].map((id) => ({ id, text: id }));
    else if (AREA_ROLES.has(v.role)) values = areaValues;
    else {
      const codes = new Set([...v.select, ...(v.needs ?? []).flatMap((n) => n.codes)].filter(isExplicit));
      if (v.role === "age") for (let a = 0; a <= 100; a++) codes.add(String(a));
      if (v.role === "town") codes.add("10100101");
      values = [...codes].map((id) => ({ id, text: id }));
    }
    return { id: v.ids[0], text: v.role, elimination: true, time, values };
  });
  return { id: table, text: t.purpose, unit: "Antal", updated: "", variables };
}

/** A mirror-only file's tableinfo: its variables with the codes the loader names. */
function fileInfo(table: string, variables: Record<string, string[]>): TableInfo {
  return {
    id: table,
    text: table,
    unit: "Antal",
    updated: "",
    variables: Object.entries(variables).map(([id, specs]) => ({
      id,
      text: id,
      elimination: true,
      time: id.toUpperCase() === "TID",
      values: (id.toUpperCase() === "TID" ? ["2025"] : specs.filter(isExplicit).concat(["X"])).map((c) => ({ id: c, text: c })),
    })),
  };
}

interface Call {
  loader: string;
  mode: Mode;
  kind: "tableinfo" | "data" | "tables";
  table?: string;
  query?: Query;
}

type Mode = "not-found" | "no-rows";

class RecordingTransport implements Transport {
  readonly source: SourceDescription = { kind: "mirror", location: "(recording transport)" };
  readonly calls: Call[] = [];
  loader = "";
  mode: Mode = "not-found";

  private notFound(table: string): MirrorGapError {
    return new MirrorGapError(table, this.source.location, [{ variable: null, codes: [], reason: "table-not-in-mirror" }]);
  }

  async tableInfo(table: string): Promise<TableInfo> {
    this.calls.push({ loader: this.loader, mode: this.mode, kind: "tableinfo", table });
    const entry = catalogueEntry(table);
    if (entry) return catalogueInfo(table.toUpperCase(), entry);
    const file = mirrorOnlyFile(table);
    if (file) return fileInfo(table, file.variables);
    throw this.notFound(table);
  }

  async data(query: Query): Promise<DataResult> {
    this.calls.push({ loader: this.loader, mode: this.mode, kind: "data", table: query.table, query });
    if (this.mode === "not-found") throw this.notFound(query.table);
    // The table, with none of the rows asked for: the columns are the variables named (TID for time).
    const dimensions = Object.keys(query.variables).map((k) => (isTimeVariable(k) ? "TID" : k));
    return {
      extract: { table: query.table.toUpperCase(), dimensions, rows: [], source: this.source.location },
      gaps: [],
      requestedCells: 0,
      absentMeansZero: true,
    };
  }

  async tables(): Promise<TableListing[]> {
    this.calls.push({ loader: this.loader, mode: this.mode, kind: "tables" });
    return CATALOGUE.map((t) => ({
      id: t.pattern ? `${t.id.replace(/yy$/, "")}26` : t.id,
      text: t.purpose,
      unit: "Antal",
      updated: "",
      firstPeriod: "",
      latestPeriod: "",
      active: true,
      variables: t.variables.map((v) => v.ids[0]),
    }));
  }
}

/** The loaders src/data/*.ts runs with a StatBank client: dataset name, module and function. */
function clientLoaders(): { dataset: string; module: string; fn: string }[] {
  const out: { dataset: string; module: string; fn: string }[] = [];
  for (const { dataset, text } of thinLoaders()) {
    const imports = new Map<string, string>();
    for (const m of text.matchAll(/import\s*\{([^}]+)\}\s*from\s*"(?:\.\.\/)+(loaders\/tables\/[\w.]+\.ts)"/g)) {
      for (const name of m[1]
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean))
        imports.set(name, m[2]);
    }
    for (const m of text.matchAll(/run(?:Arrow|Json|Partitioned)Loader\((\w+)[,)]/g)) {
      if (imports.has(m[1])) out.push({ dataset, module: imports.get(m[1])!, fn: m[1] });
    }
  }
  return out;
}

const loaders = clientLoaders();
const transport = new RecordingTransport();
/** Per mode, per dataset: what the loader returned, or the message it failed with. */
const outputs = { "not-found": new Map<string, unknown>(), "no-rows": new Map<string, unknown>() };
const failures = new Map<string, string>();

beforeAll(async () => {
  const client = new StatbankClient(transport);
  for (const mode of ["not-found", "no-rows"] as const) {
    transport.mode = mode;
    for (const l of loaders) {
      transport.loader = l.dataset;
      const mod = (await import(join(projectRoot, l.module))) as Record<string, (c: StatbankClient) => Promise<unknown>>;
      try {
        outputs[mode].set(l.dataset, await mod[l.fn](client));
      } catch (e) {
        failures.set(`${l.dataset} (${mode})`, (e as Error).message);
      }
    }
  }
}, 120_000);

/** The missing parts a loader's output names (a dataset's meta.missing, or the municipality list's missing). */
function missingOf(out: unknown): { table: string; what: string }[] {
  const o = out as { meta?: { missing?: { table: string; what: string }[] }; missing?: { table: string; what: string }[] };
  return o.meta?.missing ?? o.missing ?? [];
}

/** The catalogue variable a query key names, or undefined. */
function variableOf(t: CatalogueTable, key: string): VariableNeed | undefined {
  return t.variables.find((v) => v.ids.some((id) => id.toUpperCase() === key.toUpperCase()));
}

describe("the catalogue lists everything the loaders ask StatBank for", () => {
  it("finds the loaders of src/data (every dataset the catalogue names among them)", () => {
    expect(loaders.length).toBeGreaterThan(10);
    const datasets = new Set(loaders.map((l) => l.dataset));
    for (const name of Object.keys(DATASETS)) expect(datasets.has(name), `catalogue dataset ${name} has no src/data/${name}.*.ts run with a client`).toBe(true);
  });

  it("every loader runs to its end on a source that has none of the tables, and on one whose tables have no rows", () => {
    expect(Object.fromEntries(failures)).toEqual({});
  });

  it("every table asked for is in the catalogue (or is a mirror-only third-party file)", () => {
    const unknown = transport.calls
      .filter((c) => c.table !== undefined && !catalogueEntry(c.table) && !mirrorOnlyFile(c.table))
      .map((c) => `${c.loader}: ${c.kind} ${c.table}`);
    expect(unknown).toEqual([]);
  });

  it("every variable and value spec of every data request is in the catalogue", () => {
    const problems: string[] = [];
    const dataCalls = transport.calls.filter((c) => c.kind === "data");
    expect(dataCalls.length).toBeGreaterThan(10);
    for (const { loader, query } of dataCalls) {
      const entry = catalogueEntry(query!.table);
      if (!entry) {
        const file = mirrorOnlyFile(query!.table)!;
        for (const [key, specs] of Object.entries(query!.variables)) {
          const listed = Object.entries(file.variables).find(([id]) => id.toUpperCase() === key.toUpperCase())?.[1];
          if (!listed) problems.push(`${loader}: ${query!.table} variable ${key} is not in MIRROR_ONLY_FILES`);
          else for (const s of specs) if (!listed.includes(s)) problems.push(`${loader}: ${query!.table} ${key}=${s} is not in MIRROR_ONLY_FILES`);
        }
        continue;
      }
      for (const [key, specs] of Object.entries(query!.variables)) {
        const v = variableOf(entry, key);
        if (!v) {
          problems.push(`${loader}: ${entry.id} variable ${key} is not in the catalogue (it lists ${entry.variables.map((x) => x.ids.join("/")).join(", ")})`);
          continue;
        }
        for (const s of specs) {
          const listed = v.select.some((x) => x.toUpperCase() === s.toUpperCase());
          const onePeriod = entry.perPeriod && v.role === "time" && parsePeriod(s) !== null;
          if (!listed && !onePeriod)
            problems.push(`${loader}: ${entry.id} ${key}=${s} is not in the catalogue's select (${v.select.join(", ") || "left out"})`);
        }
      }
      // A variable the catalogue says the loader sends, but the request leaves out (a CSV may leave out only those with select []).
      for (const v of entry.variables) {
        const sent = Object.keys(query!.variables).some((k) => v.ids.some((id) => id.toUpperCase() === k.toUpperCase()));
        if (!sent && v.select.length > 0 && entry.lookup === "fixed")
          problems.push(`${loader}: ${entry.id} request leaves out ${v.ids[0]}, which the catalogue says it selects`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("every loader's dataset says only that whole tables are missing (no variable or code the catalogue lacks)", () => {
    const problems: string[] = [];
    for (const [dataset, out] of outputs["not-found"]) {
      for (const m of missingOf(out)) if (m.what !== "hele tabellen" && !/^indikatoren /.test(m.what)) problems.push(`${dataset}: ${m.table}: ${m.what}`);
    }
    for (const [dataset, out] of outputs["no-rows"]) {
      for (const m of missingOf(out)) if (/findes ikke/.test(m.what)) problems.push(`${dataset} (no rows): ${m.table}: ${m.what}`);
    }
    expect(problems).toEqual([]);
  });

  it("the second run reaches requests the first cannot (it asks at least as much)", () => {
    const asked = (mode: Mode) =>
      new Set(transport.calls.filter((c) => c.mode === mode && c.kind === "data").map((c) => `${c.loader}|${c.table!.toUpperCase()}`));
    const first = asked("not-found");
    const second = asked("no-rows");
    for (const k of first) expect(second.has(k), k).toBe(true);
  });

  it("each table's datasets are exactly the loaders that asked for it; planned tables are asked by none", () => {
    const askedBy = new Map<string, Set<string>>();
    for (const c of transport.calls) {
      const entry = c.table ? catalogueEntry(c.table) : undefined;
      const id = entry?.id ?? (c.table ? mirrorOnlyFile(c.table)?.standsFor : undefined);
      if (!id) continue;
      const set = askedBy.get(id) ?? new Set<string>();
      set.add(c.loader);
      askedBy.set(id, set);
    }
    // The projection loader finds its vintage in the table listing.
    for (const c of transport.calls.filter((x) => x.kind === "tables")) {
      const vintage = transport.calls.find((x) => x.loader === c.loader && x.table && catalogueEntry(x.table)?.pattern);
      if (vintage) askedBy.get(catalogueEntry(vintage.table!)!.id)!.add(c.loader);
    }
    for (const t of CATALOGUE) {
      const asked = [...(askedBy.get(t.id) ?? [])].sort();
      if (t.use === "planned") expect(asked, `${t.id} is read by ${asked.join(", ")}: mark it use "loader" and list its datasets`).toEqual([]);
      else expect([...t.datasets].sort(), `${t.id}: the datasets whose loaders ask for it`).toEqual(asked);
    }
  });
});

describe("the catalogue's pages and evidence", () => {
  it("each dataset's pages are the pages that read it (directly or through src/sql), plus /arbejdsbord", () => {
    const src = join(projectRoot, "src");
    const sqlUses = new Map<string, Set<string>>();
    for (const f of readdirSync(join(src, "sql")).filter((x) => x.endsWith(".sql"))) {
      const text = readFileSync(join(src, "sql", f), "utf8");
      const names = new Set([...text.matchAll(/\b(?:from|join)\s+([a-z_]+)/gi)].map((m) => m[1].toLowerCase()));
      sqlUses.set(f, new Set(Object.keys(DATASETS).filter((d) => names.has(d))));
    }
    const pagesOf = new Map<string, Set<string>>(Object.keys(DATASETS).map((d) => [d, new Set(["/arbejdsbord"])]));
    for (const f of readdirSync(src).filter((x) => x.endsWith(".md") && !["om-data.md", "arbejdsbord.md"].includes(x))) {
      const page = f === "index.md" ? "/" : `/${f.slice(0, -3)}`;
      const text = readFileSync(join(src, f), "utf8");
      const used = new Set<string>();
      for (const m of text.matchAll(/load(?:Area)?Dataset\("([a-z_]+)"|data\/([a-z_]+)\.(?:arrow|json)/g)) used.add(m[1] ?? m[2]);
      for (const m of text.matchAll(/sql\/([a-z_]+\.sql)/g)) for (const d of sqlUses.get(m[1]) ?? []) used.add(d);
      // an analysis computed at build time and read per municipality (loadAreaResult("top_flows", …))
      for (const m of text.matchAll(/loadAreaResult(?:Meta)?\("([a-z_]+)"/g)) for (const d of sqlUses.get(`${m[1]}.sql`) ?? []) used.add(d);
      for (const d of used) pagesOf.get(d)?.add(page);
    }
    for (const [d, use] of Object.entries(DATASETS)) expect([...use.pages].sort(), `pages of ${d}`).toEqual([...pagesOf.get(d)!].sort());
  });

  it("front-page tables are those of the datasets and indicators the front page reads", () => {
    for (const t of CATALOGUE.filter((x) => x.use === "loader")) {
      expect(t.frontPage, t.id).toBe(t.pages.includes("/") && !t.supplements);
    }
  });

  it("every 'confirmed' id and code is in the stored tableinfo or extract it cites", () => {
    const problems: string[] = [];
    const infoCodes = (table: string, id: string): string[] | null => {
      const path = join(mirrorDir, "tableinfo", `${table}.json`);
      if (!existsSync(path)) return null;
      const info = JSON.parse(readFileSync(path, "utf8")) as TableInfo;
      return info.variables.find((v) => v.id.toUpperCase() === id.toUpperCase())?.values.map((v) => v.id) ?? null;
    };
    const fileCodes = (table: string, id: string): string[] | null => {
      const path = join(mirrorDir, `${table}.csv`);
      if (!existsSync(path)) return null;
      const lines = readFileSync(path, "utf8")
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\n");
      const col = lines[0].split(";").findIndex((h) => h.toUpperCase() === id.toUpperCase());
      return col < 0 ? null : [...new Set(lines.slice(1).map((l) => l.split(";")[col]))];
    };
    for (const t of CATALOGUE) {
      const cited = (source: string) => /^tableinfo\/(\w+)\.json/.exec(source)?.[1] ?? /^(\w+)\.csv/.exec(source)?.[1] ?? t.id;
      for (const v of t.variables) {
        const check = (kind: string, source: string, codes: string[] | null) => {
          const table = cited(source);
          const id = v.ids[0];
          const have = kind === "tableinfo" ? infoCodes(table, id) : fileCodes(table, id);
          // A variable the loader leaves out of a CSV request is confirmed by its absence from the answer.
          if (have === null && !(kind === "extract" && v.select.length === 0)) problems.push(`${t.id} ${id}: not in ${source}`);
          for (const c of codes ?? []) {
            if (have && resolveSelection(id, have, [c], table).unmatched.length > 0) problems.push(`${t.id} ${id}=${c}: not in ${source}`);
          }
        };
        if (isConfirmed(v.evidence)) check(v.evidence.kind, v.evidence.source, null);
        for (const n of v.needs ?? []) if (isConfirmed(n.evidence)) check(n.evidence.kind, n.evidence.source, [n.codes[0]]);
        if (v.only && isConfirmed(v.only.evidence)) {
          const table = cited(v.only.evidence.source);
          const have = (v.only.evidence.kind === "tableinfo" ? infoCodes(table, v.ids[0]) : fileCodes(table, v.ids[0])) ?? [];
          const odd = have.filter((c) => !new RegExp(v.only!.pattern, "i").test(c));
          if (have.length === 0 || odd.length > 0)
            problems.push(`${t.id} ${v.ids[0]}: ${v.only.evidence.source} has codes outside "${v.only.what}": ${odd.slice(0, 5).join(", ")}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("lists the unconfirmed assumptions (never a confirmed one)", () => {
    const list = unconfirmedAssumptions();
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((a) => !isConfirmed(a.evidence))).toBe(true);
    // The tables without any real tableinfo or extract here have every variable among them.
    for (const id of ["PEND100", "AUK01", "FAM44N", "GF12", "RAS305"]) {
      const t = CATALOGUE.find((x) => x.id === id)!;
      for (const v of t.variables)
        expect(
          list.some((a) => a.table === id && a.variable === v.ids[0]),
          `${id} ${v.ids[0]}`,
        ).toBe(true);
    }
  });

  it("mirror-only files are not StatBank ids", () => {
    for (const f of MIRROR_ONLY_FILES) {
      expect(f.id).toMatch(/_/);
      expect(catalogueEntry(f.id)).toBeUndefined();
    }
  });
});
