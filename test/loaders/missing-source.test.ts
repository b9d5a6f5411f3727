/**
 * What the loaders do when the source lacks something, through the HTTP transport against the API
 * stand-in (test/standin/server.ts) and on mirror folders: the source lacks a table, a variable or
 * a code -> the dataset is written, empty or partial, and says "Data mangler" naming the table;
 * the data is wrong or the API fails otherwise -> the loader fails with the named error.
 *
 * The loaders under test are found in src/data/*.ts (every thin loader that runs a StatBank
 * loader from loaders/tables), so a new loader is covered without editing this file.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingTable } from "../../loaders/provenance.ts";
import type { Dataset } from "../../loaders/run.ts";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { StatbankApiError, StatbankHttpError, StatbankParseError, StatbankQueryError } from "../../loaders/statbank/errors.ts";
import { HttpTransport } from "../../loaders/statbank/http.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import { StatbankValidationError } from "../../loaders/statbank/validate.ts";
import { income } from "../../loaders/tables/income.ts";
import { indicators } from "../../loaders/tables/indicators.ts";
import { movements } from "../../loaders/tables/movements.ts";
import { municipalities } from "../../loaders/tables/municipalities.ts";
import { populationMonthly } from "../../loaders/tables/population.ts";
import { mirrorDir, projectRoot } from "../paths.ts";
import { startStandin, type Standin } from "../standin/server.ts";
import { rows, thinLoaders } from "../helpers.ts";

const live = (api: Standin) => new StatbankClient(new HttpTransport({ baseUrl: api.url, log: () => {} }));
const mirrorTables = readdirSync(mirrorDir)
  .filter((f) => f.endsWith(".csv"))
  .map((f) => f.slice(0, -4));

/** Every thin loader in src/data that runs a StatBank loader: file -> the loader function. */
async function statbankLoaders(): Promise<[string, (client: StatbankClient) => Promise<Dataset>][]> {
  const out: [string, (client: StatbankClient) => Promise<Dataset>][] = [];
  for (const { file, text } of thinLoaders().filter((l) => !l.file.endsWith(".json.ts"))) {
    const imported = /import \{ (\w+) \} from "(?:\.\.\/)+loaders\/tables\/(\w+)\.ts"/.exec(text);
    const runs = /run(?:Arrow|Partitioned)Loader\((\w+)[,)]/.exec(text);
    if (!imported || !runs || runs[1] !== imported[1]) continue;
    const module = await import(join(projectRoot, "loaders/tables", `${imported[2]}.ts`));
    out.push([file, module[imported[1]]]);
  }
  return out;
}

describe("a source without any table: every StatBank dataset is written empty and says what is missing", () => {
  let api: Standin;
  beforeAll(async () => {
    api = await startStandin({ mirror: mirrorDir, removeTables: mirrorTables });
  });
  afterAll(() => api.close());

  it("finds the thin loaders", async () => {
    const names = (await statbankLoaders()).map(([f]) => f);
    expect(names).toEqual(
      expect.arrayContaining([
        "population.arrow.ts",
        "movements.arrow.ts",
        "flows.arrow.ts",
        "income.arrow.ts",
        "by-area/indicators.zip.ts",
        "by-area/towns.zip.ts",
        "town_summaries.arrow.ts",
      ]),
    );
  });

  it("each loader returns an empty dataset naming the tables (no throw)", async () => {
    const client = live(api);
    for (const [file, build] of await statbankLoaders()) {
      const ds = await build(client);
      expect(ds.meta.rows, file).toBe(0);
      expect(ds.meta.status, file).toBe("missing");
      expect(ds.meta.missing.length, file).toBeGreaterThan(0);
      for (const m of ds.meta.missing) expect(m.table, file).toMatch(/[A-ZÆØÅ]+[0-9]+/); // names a table (indicators: "data/forecasts + FOLK1A")
    }
  }, 60_000);

  it('the API\'s "Tabel findes ikke" becomes "hele tabellen" with the API\'s message', async () => {
    const ds = await movements(live(api));
    expect(ds.meta.missing).toEqual([
      { table: "BEV107", what: "hele tabellen", detail: "StatBank API 400 EXTRACT-NOTFOUND (BEV107): Tabel findes ikke: BEV107" },
    ]);
  });

  it("the municipality list comes from the geography folder and says that FOLK1A is missing", async () => {
    const list = await municipalities(live(api));
    const fromFolk1a = await municipalities(new StatbankClient(new MirrorTransport(mirrorDir)));
    expect(list.municipalities).toEqual(fromFolk1a.municipalities);
    expect(list.regions).toEqual(fromFolk1a.regions);
    expect(list.missing).toEqual([{ table: "FOLK1A", what: "hele tabellen", detail: expect.stringContaining("Tabel findes ikke: FOLK1A") }]);
    expect(list.source).toMatch(/^Kommunelisten fra kommuner\.csv \(FOLK1A mangler/);
  });
});

describe("a renamed variable", () => {
  let api: Standin;
  let lost: Standin;
  beforeAll(async () => {
    api = await startStandin({ mirror: mirrorDir, renameVariables: { INDKP101: { KOEN: "KØN" } } });
    lost = await startStandin({ mirror: mirrorDir, renameVariables: { INDKP101: { INDKOMSTTYPE: "XYZ" } } });
  });
  afterAll(async () => {
    await api.close();
    await lost.close();
  });

  it("found under its new id (KOEN called KØN): the same rows as the mirror's, and the dataset says what was adapted", async () => {
    const ds = await income(live(api));
    const viaMirror = await income(new StatbankClient(new MirrorTransport(mirrorDir)));
    expect(ds.meta.rows).toBeGreaterThan(0);
    expect(rows(ds)).toEqual(rows(viaMirror));
    expect(ds.meta.notes).toContain("INDKP101: variablen KOEN hedder nu KØN i tabellen (et kendt navn for samme variabel); indlæseren har brugt KØN.");
    expect(ds.meta.sources[0].query.variables).toHaveProperty("KØN", ["MOK"]);
    const ind = await indicators(live(api));
    expect(ind.meta.missing.filter((m) => m.table === "INDKP101" && /income_disposable/.test(m.what))).toEqual([]);
  });

  it('found neither by id nor by role: "variablen INDKOMSTTYPE findes ikke; tabellen har …" (from the table\'s tableinfo), not a failed build', async () => {
    const ds = await income(live(lost));
    expect(ds.meta.rows).toBe(0);
    expect(ds.meta.missing).toEqual([
      {
        table: "INDKP101",
        what: "variablen INDKOMSTTYPE findes ikke; tabellen har OMRÅDE, ENHED, KOEN, XYZ, Tid",
        detail: expect.stringMatching(/^INDKP101 has no variable INDKOMSTTYPE \(expected INDKOMSTTYPE; the table has/),
        variable: "INDKOMSTTYPE",
      },
    ]);
    const ind = await indicators(live(lost));
    expect(ind.meta.missing.filter((m) => m.table === "INDKP101").map((m) => m.what)).toEqual([
      "indikatoren income_disposable",
      "indikatoren income_disposable_index",
      "indikatoren taxable_income_per_resident",
    ]);
    expect(ind.meta.rows).toBeGreaterThan(0);
  });

  it('the API\'s own answer "Kan ikke finde variablen" is read the same way', async () => {
    // A CSV request is sent even when the variable is not in tableinfo: the API answers it.
    const err = await new HttpTransport({ baseUrl: api.url, format: "CSV", log: () => {} })
      .data({ table: "INDKP101", variables: { KOEN: ["MOK"], Tid: ["(1)"] } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(StatbankApiError);
    expect(missingTable(err)).toEqual([
      {
        table: "INDKP101",
        what: "variablen KOEN findes ikke",
        detail: "StatBank API 400 EXTRACT-NOTFOUND (INDKP101): Kan ikke finde variablen: KOEN",
        variable: "KOEN",
      },
    ]);
  });
});

describe("codes the source does not have", () => {
  let api: Standin;
  beforeAll(async () => {
    api = await startStandin({ mirror: mirrorDir });
  });
  afterAll(() => api.close());

  it("live, gaps allowed: the code is left out and named, the rest is the mirror's (INDKP101 has no 290 here)", async () => {
    const viaApi = await income(live(api));
    const viaMirror = await income(new StatbankClient(new MirrorTransport(mirrorDir)));
    expect(rows(viaApi)).toEqual(rows(viaMirror));
    expect(viaApi.meta.rows).toBeGreaterThan(0);
    expect(viaApi.meta.missing).toContainEqual(
      expect.objectContaining({ table: "INDKP101", what: "skattepligtig indkomst (INDKOMSTTYPE 290)", codes: ["290"] }),
    );
    expect(viaApi.meta.sources[0].source.kind).toBe("live");
  });

  it('the API\'s "Kan ikke finde værdien: X (VAR)" names the variable and the code', () => {
    const err = new StatbankApiError("EXTRACT-NOTFOUND", "Kan ikke finde værdien: 999999 (OMRÅDE)", 400, "FOLK1A");
    expect(missingTable(err)).toEqual([{ table: "FOLK1A", what: "OMRÅDE=999999 findes ikke", detail: err.message, variable: "OMRÅDE", codes: ["999999"] }]);
  });

  it("a code the loader needs (no gaps allowed): an empty dataset that names it, live and on a mirror", async () => {
    // FOLK1AM by sex only: the loader asks for KØN=TOT.
    const dir = tempDir();
    const lines = readFileSync(join(mirrorDir, "FOLK1AM.csv"), "utf8").trim().split(/\r?\n/);
    writeFileSync(join(dir, "FOLK1AM.csv"), [lines[0], ...lines.slice(1, 200).map((l) => l.replace(";TOT;", ";1;"))].join("\n") + "\n");
    const other = await startStandin({ mirror: dir });
    try {
      const viaApi = await populationMonthly(live(other));
      expect(viaApi.meta.rows).toBe(0);
      expect(viaApi.meta.missing).toEqual([expect.objectContaining({ table: "FOLK1AM", what: "KØN=TOT findes ikke", variable: "KØN", codes: ["TOT"] })]);
    } finally {
      await other.close();
    }
    const viaMirror = await populationMonthly(new StatbankClient(new MirrorTransport(dir)));
    expect(viaMirror.meta.rows).toBe(0);
    // The mirror names every code of the selection it then has no row for; KØN=TOT is among them.
    expect(viaMirror.meta.missing).toContainEqual(expect.objectContaining({ table: "FOLK1AM", what: "KØN=TOT", variable: "KØN", codes: ["TOT"] }));
  });
});

describe("what is not a gap in the source still fails the loader", () => {
  it("missingTable: only the source's not-found answers, never corrupt data or a failing API", () => {
    for (const e of [
      new StatbankValidationError("BEV107", "POST /v1/data BEV107", 3, "INDHOLD", "539.542", "thousands separator"),
      new StatbankParseError("POST /v1/data BEV107", 2, "3 fields, expected 5"),
      new StatbankHttpError("POST /v1/data (BEV107) failed after 6 attempts", 500, 6),
      new StatbankApiError("REQUEST-LIMIT", "Forespørgslen på op mod 4.800.600 celler er over begrænsningen", 400, "FLY66"),
      new StatbankApiError("EXTRACT-NOTALLOWED", "Der skal vælges værdier for variabel: OMRÅDE", 400, "FLY66"),
      new StatbankQueryError("FOLK1A", 'malformed range ">=x<"'),
      new Error("FAM44N: unknown FAMTYP code(s) X"),
    ]) {
      expect(missingTable(e), e.message).toBeNull();
    }
  });

  it("an API answer with a thousands separator in a count stops the loader, naming table and value", async () => {
    const api = await fakeApi({
      tableinfo: {
        id: "BEV107",
        text: "Befolkningens udvikling",
        unit: "Antal",
        updated: "",
        variables: [
          { id: "OMRÅDE", text: "område", elimination: true, time: false, values: [{ id: "260", text: "Halsnæs" }] },
          { id: "BEVÆGELSE", text: "bevægelse", elimination: false, time: false, values: [{ id: "B05", text: "Tilflyttede" }] },
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
          { id: "Tid", text: "tid", elimination: false, time: true, values: [{ id: "2019", text: "2019" }] },
        ],
      },
      data: "OMRÅDE;BEVÆGELSE;KØN;TID;INDHOLD\r\n260;B05;M;2019;1.202\r\n260;B05;K;2019;1119\r\n",
    });
    try {
      await expect(movements(new StatbankClient(new HttpTransport({ baseUrl: api.url, log: () => {} })))).rejects.toThrow(
        /BEV107: .*line 2, column INDHOLD: .*1\.202/,
      );
    } finally {
      await api.close();
    }
  });
});

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "missing-source-"));
  mkdirSync(dir, { recursive: true });
  temps.push(dir);
  return dir;
}

/** A server that answers /tableinfo with `tableinfo` and /data with `data`, whatever is asked. */
async function fakeApi(answers: { tableinfo: unknown; data: string }): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(async (req, res) => {
    for await (const _ of req);
    if (req.url?.endsWith("/tableinfo")) {
      res.writeHead(200, { "content-type": "text/json; charset=utf-8" });
      res.end(JSON.stringify(answers.tableinfo));
    } else {
      res.writeHead(200, { "content-type": "text/csv; charset=utf-8" });
      res.end(answers.data);
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
