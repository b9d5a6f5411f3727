import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { tableFromArrays, tableToIPC } from "apache-arrow";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { thinLoaders } from "../helpers.ts";
import { projectRoot } from "../paths.ts";
import { ANALYSES } from "../../src/lib/analyses.ts";
import { axeViolations } from "./axe.ts";
import { openPage } from "./browser.ts";
import { finish, shots, useSite } from "./harness.ts";
import { danishThousands, populationRowsFromMirror } from "./mirrorFacts.ts";

const harness = useSite();

const editor = (page: Page) => page.getByLabel("Forespørgsel (SQL, DuckDB)");
const status = (page: Page) => page.getByTestId("run-status");
const resultRows = (page: Page) => page.getByTestId("result-table").locator("tbody tr");

/** Wait until the run in progress has finished (result or error shown). */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => status(page).textContent(), { timeout: 60_000 }).toMatch(/rækker? på|fejlede/);
}

/** Whether the page has started DuckDB-wasm (db.ts records its start-up time then). */
const duckdbStarted = (page: Page) => page.evaluate(() => (globalThis as { __duckdbStartMs?: number }).__duckdbStartMs !== undefined);

/** Save the result's CSV and return its lines (BOM kept on the first). */
async function resultCsv(page: Page): Promise<string[]> {
  const [csv] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    page.locator(".wb-download").getByRole("button", { name: "CSV" }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe("sql-resultat.csv");
  return readFileSync(await csv.path(), "utf8").split("\r\n");
}

async function runSql(page: Page, sql: string): Promise<void> {
  await editor(page).fill(sql);
  await page.getByRole("button", { name: "Kør" }).click();
  await settled(page);
}

async function open(path = "/arbejdsbord") {
  const w = await openPage(harness.browser(), harness.site().url);
  await w.page.goto(`${harness.site().url}${path}`, { waitUntil: "networkidle" });
  return w;
}

describe("SQL workbench (arbejdsbord) on the mirror", () => {
  it("lists every dataset with its columns before DuckDB starts", async () => {
    const w = await open();
    await expect
      .poll(() => w.page.locator("details[data-table=population] summary").textContent(), { timeout: 15_000 })
      .toContain(`${danishThousands(populationRowsFromMirror().length)} rækker`);
    // one entry per Arrow loader in src/data (every dataset the site builds)
    const loaders = thinLoaders().filter((l) => !l.file.endsWith(".json.ts")).length;
    expect(await w.page.locator(".wb-list details[data-table]").count()).toBe(loaders);
    await w.page.locator("details[data-table=population] summary").click();
    const body = w.page.locator("details[data-table=population] .wb-table-body");
    expect(await body.locator("tbody th").allTextContents()).toEqual(["area", "year", "population"]);
    expect(await body.locator("tbody td code").allTextContents()).toEqual(["VARCHAR", "SMALLINT", "INTEGER"]);
    expect(await body.textContent()).toContain("FOLK1A");
    // DuckDB is not started by the page itself
    expect(w.requests.some((u) => u.endsWith(".wasm"))).toBe(false);
    await finish(w);
  });

  it("counts the population rows that FOLK1A.csv gives, and one municipality's newest figure", async () => {
    const mirror = populationRowsFromMirror();
    const odense = mirror.filter((r) => r.area === "461").sort((a, b) => b.year - a.year)[0];
    const w = await open("/arbejdsbord?kommune=461");
    await runSql(w.page, "SELECT count(*) AS n FROM population");
    expect(await resultRows(w.page).first().locator("td").allTextContents()).toEqual([danishThousands(mirror.length)]);
    await runSql(w.page, `SELECT year, population FROM population WHERE area = :kommune ORDER BY year DESC LIMIT 1`);
    expect(await resultRows(w.page).first().locator("td").allTextContents()).toEqual([String(odense.year), danishThousands(odense.population)]);
    expect(await status(w.page).textContent()).toContain(":kommune = '461' (Odense)");
    // the whole result as CSV: semicolons, BOM, one line per row
    await runSql(w.page, "SELECT area, year, population FROM population ORDER BY area, year");
    expect(await w.page.getByTestId("page-status").textContent()).toBe(
      `Række 1–50 af ${danishThousands(mirror.length)} · side 1 af ${Math.ceil(mirror.length / 50)}`,
    );
    await w.page.getByRole("button", { name: "Næste side" }).click();
    expect(await w.page.getByTestId("page-status").textContent()).toMatch(/^Række 51–100 af/);
    const [csv] = await Promise.all([w.page.waitForEvent("download"), w.page.locator(".wb-download").getByRole("button", { name: "CSV" }).click()]);
    expect(csv.suggestedFilename()).toBe("sql-resultat.csv");
    const lines = readFileSync(await csv.path(), "utf8").split("\r\n");
    expect(lines[0]).toBe("\uFEFFarea;year;population");
    expect(lines.length - 2).toBe(mirror.length);
    const first = [...mirror].sort((a, b) => a.area.localeCompare(b.area) || a.year - b.year)[0];
    expect(lines[1]).toBe(`${first.area};${first.year};${first.population}`);
    await finish(w);
  });

  it("shows DuckDB's message for a syntax error and selects the place in the editor", async () => {
    const w = await open();
    const sql = "SELECT area,\n       population\nFORM population";
    await runSql(w.page, sql);
    const error = w.page.getByTestId("query-error");
    const text = await error.textContent();
    expect(text).toContain("syntax error");
    expect(text).toContain("LINE 3:");
    expect(text).toContain("linje 3");
    expect(text?.match(/LINE 3:/g)).toHaveLength(1);
    const selected = await editor(w.page).evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd));
    expect(["FORM", "population"]).toContain(selected);
    expect(await editor(w.page).evaluate((t: HTMLTextAreaElement) => t.selectionStart)).toBe(sql.lastIndexOf(selected));
    await w.page.screenshot({ path: join(shots, "e2e-arbejdsbord-fejl.png"), fullPage: true });
    expect(await axeViolations(w.page)).toEqual([]);
    await finish(w);
  });

  it("keeps the query in the URL; a link or a reload shows it but runs it only on Kør", async () => {
    const w = await open("/arbejdsbord?kommune=751");
    const sql = "SELECT area, population\nFROM population\nWHERE year = 2024 AND area = :kommune";
    await runSql(w.page, sql);
    const expected = populationRowsFromMirror().find((r) => r.area === "751" && r.year === 2024)!;
    expect(await resultRows(w.page).first().locator("td").allTextContents()).toEqual(["751", danishThousands(expected.population)]);
    expect(new URL(w.page.url()).searchParams.get("q")).toBe(sql);
    // reload: the query is in the editor, not run, until Kør
    await w.page.reload({ waitUntil: "networkidle" });
    expect(await editor(w.page).inputValue()).toBe(sql);
    await w.page.waitForTimeout(1500);
    expect(await status(w.page).textContent()).toBe("Forespørgslen fra linket er ikke kørt endnu – tryk Kør.");
    expect(await w.page.getByTestId("result-table").count()).toBe(0);
    expect(await duckdbStarted(w.page)).toBe(false);
    await w.page.getByRole("button", { name: "Kør" }).click();
    await settled(w.page);
    expect(await resultRows(w.page).first().locator("td").allTextContents()).toEqual(["751", danishThousands(expected.population)]);
    // Ctrl+Enter runs too
    await editor(w.page).fill("SELECT 1 + 1 AS to");
    await editor(w.page).press("Control+Enter");
    await expect.poll(() => resultRows(w.page).first().locator("td").allTextContents(), { timeout: 30_000 }).toEqual(["2"]);
    await finish(w);
  });

  it("a shared ?q= link does not run before the click: no result, no DuckDB, nothing fetched for it", async () => {
    // the case: a link whose query would keep the page busy
    const sql = "SELECT count(*) AS n FROM range(5000000)";
    const w = await open(`/arbejdsbord?q=${encodeURIComponent(sql)}`);
    expect(await editor(w.page).inputValue()).toBe(sql);
    await w.page.waitForTimeout(2000);
    expect(await status(w.page).textContent()).toContain("ikke kørt endnu – tryk Kør");
    expect(await w.page.getByTestId("result-table").count()).toBe(0);
    expect(await duckdbStarted(w.page)).toBe(false);
    expect(w.requests.filter((u) => /\.wasm$|duckdb-browser/.test(u))).toEqual([]);
    await w.page.getByRole("button", { name: "Kør" }).click();
    await settled(w.page);
    expect(await resultRows(w.page).first().locator("td").allTextContents()).toEqual(["5.000.000"]);
    expect(w.requests.some((u) => u.endsWith(".wasm"))).toBe(true);
    await finish(w);
  });

  it("writes nets and differences with their sign and kroner whole, as the pages do", async () => {
    const w = await open();
    await runSql(w.page, "SELECT 22 AS netto, -5 AS forskel, 0 AS net, 22 AS tilflyttede, 164289.33 AS disponibel_indkomst_kr");
    expect(await resultRows(w.page).first().locator("td").allTextContents()).toEqual(["+22", "−5", "±0", "22", "164.289"]);
    await finish(w);
  });

  it("writes formula cells to the CSV as text and keeps negative numbers numbers", async () => {
    const w = await open();
    await runSql(
      w.page,
      "SELECT '=1+1' AS formel, '@SUM(A1)' AS at, -168 AS tal, -1.5 AS decimaltal, '-168' AS tekst, '=HYPERLINK(\"http://x.invalid\";\"klik\")' AS link",
    );
    // on screen the text is as DuckDB gave it
    expect(await resultRows(w.page).first().locator("td").allTextContents()).toEqual([
      "=1+1",
      "@SUM(A1)",
      "−168",
      "−1,5",
      "-168",
      '=HYPERLINK("http://x.invalid";"klik")',
    ]);
    const lines = await resultCsv(w.page);
    expect(lines[0]).toBe("\uFEFFformel;at;tal;decimaltal;tekst;link");
    expect(lines[1]).toBe(`'=1+1;'@SUM(A1);-168;-1,5;-168;"'=HYPERLINK(""http://x.invalid"";""klik"")"`);
    await finish(w);
  });

  it("shows at most 10.000 rows and says so; the CSV runs the query again for all of them", async () => {
    const w = await open();
    const t0 = Date.now();
    await runSql(w.page, "SELECT range AS i, 'række ' || range AS tekst FROM range(5000000)");
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(await status(w.page).textContent()).toMatch(/^Viser de første 10\.000 af mindst 10\.001 rækker på /);
    expect(await w.page.getByTestId("truncated-note").textContent()).toContain("viser de første 10.000 af mindst 10.001 rækker");
    expect(await w.page.getByTestId("page-status").textContent()).toBe("Række 1–50 af 10.000 · side 1 af 200");
    await runSql(w.page, "SELECT range AS i FROM range(25000) ORDER BY i");
    expect(await w.page.locator(".wb-download").textContent()).toContain(
      "alle rækker, højst 1.048.575 (så mange, som Excel kan åbne): forespørgslen køres igen",
    );
    const lines = await resultCsv(w.page);
    expect(lines.length - 2).toBe(25_000);
    expect(lines[25_000]).toBe("24999");
    await expect.poll(() => status(w.page).textContent()).toContain("CSV-filen har alle 25.000 rækker");
    // a result under the cap is downloaded from what is on screen
    await runSql(w.page, "SELECT range AS i FROM range(3)");
    expect(await w.page.getByTestId("truncated-note").count()).toBe(0);
    expect(await resultCsv(w.page)).toEqual(["\uFEFFi", "0", "1", "2", ""]);
    await finish(w);
  });

  it("the CSV of a runaway result stops at Excel's row limit, and Stop ends a CSV download under way", async () => {
    const w = await open();
    const downloads: string[] = [];
    w.page.on("download", (d) => downloads.push(d.suggestedFilename()));
    await runSql(w.page, "SELECT range AS i FROM range(1000000000000)");
    await w.page.locator(".wb-download").getByRole("button", { name: "CSV" }).click();
    await expect
      .poll(() => status(w.page).textContent(), { timeout: 10_000, interval: 50 })
      .toMatch(/^Henter alle rækker til CSV-filen … [\d.]+ indtil videre/);
    const pressed = Date.now();
    await w.page.getByRole("button", { name: "Stop", exact: true }).click();
    await expect.poll(() => status(w.page).textContent(), { timeout: 1000, interval: 20 }).toBe("Hentningen af alle rækker er stoppet.");
    expect(Date.now() - pressed).toBeLessThan(1000);
    await runSql(w.page, "SELECT range AS i FROM range(2000000)");
    expect(downloads).toEqual([]);
    const lines = await resultCsv(w.page);
    expect(lines.length - 2).toBe(1_048_575);
    expect(lines.at(-2)).toBe("1048574");
    await expect
      .poll(() => status(w.page).textContent())
      .toContain("CSV-filen har de første 1.048.575 rækker – så mange, som Excel kan åbne; resultatet har flere.");
    await finish(w);
  });

  it("Stop ends SELECT count(*) FROM range(10000000000) and an endless query within a second; the page stays responsive and the next query runs", async () => {
    const w = await open();
    // DuckDB-wasm's worker logs each query it cancelled
    const cancelled: string[] = [];
    w.page.on("console", (m) => {
      if (m.text().includes("query was canceled")) cancelled.push(m.text());
    });
    const stop = w.page.getByRole("button", { name: "Stop", exact: true });
    const run = w.page.getByRole("button", { name: "Kør", exact: true });
    await runSql(w.page, "SELECT 1 AS klar"); // DuckDB started
    expect(await stop.isDisabled()).toBe(true);

    /** Start `sql`, do `meanwhile`, press Stop: the page says so within a second, and DuckDB cancelled it. */
    async function runAndStop(sql: string, meanwhile?: () => Promise<void>): Promise<void> {
      const before = cancelled.length;
      await editor(w.page).fill(sql);
      await run.click();
      await expect.poll(() => status(w.page).textContent(), { interval: 20 }).toBe("Kører …");
      expect(await stop.isEnabled()).toBe(true);
      expect(await run.isDisabled()).toBe(true);
      await meanwhile?.();
      const pressed = Date.now();
      await stop.click();
      await expect.poll(() => status(w.page).textContent(), { timeout: 1000, interval: 20 }).toBe("Forespørgslen er stoppet.");
      expect(Date.now() - pressed).toBeLessThan(1000);
      expect(await w.page.getByTestId("query-stopped").count()).toBe(1);
      expect(await w.page.getByTestId("result-table").count()).toBe(0);
      expect(await stop.isDisabled()).toBe(true);
      // DuckDB itself ended it (not only the page), within the second
      await expect.poll(() => cancelled.length, { timeout: 1000, interval: 20 }).toBe(before + 1);
      expect(Date.now() - pressed).toBeLessThan(1000);
    }

    // the query (about 1.5 s of work for DuckDB-wasm here), stopped while it runs
    await runAndStop("SELECT count(*) FROM range(10000000000)");
    // an endless one (10^15 rows): the page answers while DuckDB works in its worker
    await runAndStop("SELECT count(*) FROM range(1000000000000000)", async () => {
      await w.page.waitForTimeout(1500);
      const t = Date.now();
      await w.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      expect(Date.now() - t).toBeLessThan(500);
      await editor(w.page).press("End"); // the editor takes keys
      expect(await status(w.page).textContent()).toBe("Kører …");
    });
    const pressed = Date.now();
    // DuckDB has let go: the next queries come back at once, on the same DuckDB (no restart)
    await runSql(w.page, "SELECT 42 AS svar");
    expect(await resultRows(w.page).first().locator("td").allTextContents()).toEqual(["42"]);
    expect(Date.now() - pressed).toBeLessThan(5000);
    await runSql(w.page, "SELECT count(*) AS n FROM population WHERE year = 2024 AND area = '461'");
    expect(await resultRows(w.page).first().locator("td").allTextContents()).toEqual(["1"]);
    expect(await status(w.page).textContent()).not.toContain("startet forfra");
    await finish(w);
  });

  it("Stop restarts DuckDB when a query cannot be interrupted, and the analyst's files come back", async () => {
    const w = await open();
    await w.page
      .getByLabel("Åbn egen fil (CSV eller Arrow)")
      .setInputFiles([{ name: "tal.csv", mimeType: "text/csv", buffer: Buffer.from("kode;vaerdi\r\n101;1,5\r\n461;2,5\r\n", "utf8") }]);
    await expect.poll(() => w.page.getByTestId("file-status").textContent(), { timeout: 60_000 }).toContain("tal.csv er tabellen tal");
    // one call of one function, about a minute long: DuckDB answers no cancel until it returns
    await editor(w.page).fill("SELECT levenshtein(repeat('a', 200000), repeat('b', 200000)) AS d");
    await w.page.getByRole("button", { name: "Kør", exact: true }).click();
    await expect.poll(() => status(w.page).textContent()).toBe("Kører …");
    await w.page.waitForTimeout(1000);
    const stopped = Date.now();
    await w.page.getByRole("button", { name: "Stop", exact: true }).click();
    await expect.poll(() => status(w.page).textContent(), { timeout: 1000, interval: 50 }).toMatch(/^Forespørgslen er stoppet\./);
    await expect.poll(() => status(w.page).textContent(), { timeout: 30_000 }).toContain("startet forfra; dine egne filer er læst ind igen");
    // a fresh DuckDB, closed off again, with the file and the datasets
    await runSql(w.page, "SELECT sum(vaerdi) AS s, current_setting('enable_external_access') AS ekstern FROM tal");
    expect(await resultRows(w.page).first().locator("td").allTextContents()).toEqual(["4", "falsk"]);
    await runSql(w.page, "SELECT count(*) AS n FROM population WHERE year = 2024 AND area = '461'");
    expect(await resultRows(w.page).first().locator("td").allTextContents()).toEqual(["1"]);
    expect(Date.now() - stopped).toBeLessThan(60_000);
    await finish(w);
  });

  it("reads local CSV files (UTF-8 and Windows-1252) and Arrow files into tables, says Parquet cannot be read, and sends nothing", async () => {
    const w = await open();
    await w.page.waitForLoadState("networkidle");
    const csv = Buffer.from("\uFEFFkommune;vaerdi;navn\r\n101;1,5;København\r\n461;2,5;Odense\r\n", "utf8");
    const ansi = Buffer.from("navn;antal\r\nÆrø;3\r\nSønderborg;4\r\n", "latin1");
    // an Arrow IPC file (not stream) with a dictionary-encoded text column, as apache-arrow writes it
    const arrowFile = Buffer.from(tableToIPC(tableFromArrays({ kode: ["101", "461", "751"], vaerdi: Float64Array.from([1.25, 2.5, 4]) }), "file"));
    const conn = await (await DuckDBInstance.create(":memory:")).connect();
    const parquetPath = join(shots, "wb-test.parquet");
    await conn.run(`COPY (SELECT 1 AS a) TO '${parquetPath}' (FORMAT parquet)`);
    conn.closeSync();
    await w.page.getByLabel("Åbn egen fil (CSV eller Arrow)").setInputFiles([
      { name: "Mine tal.csv", mimeType: "text/csv", buffer: csv },
      { name: "ansi.csv", mimeType: "text/csv", buffer: ansi },
      { name: "tal.parquet", mimeType: "application/octet-stream", buffer: readFileSync(parquetPath) },
      { name: "koder.arrow", mimeType: "application/octet-stream", buffer: arrowFile },
    ]);
    const fileStatus = w.page.getByTestId("file-status");
    await expect.poll(() => fileStatus.locator("p").count(), { timeout: 60_000 }).toBe(4);
    expect(await fileStatus.textContent()).toContain("Mine tal.csv er tabellen mine_tal: 2 rækker, 3 kolonner");
    expect(await fileStatus.textContent()).toContain("ansi.csv er tabellen ansi: 2 rækker");
    expect(await fileStatus.textContent()).toContain("Parquet-filer kan ikke læses her");
    expect(await fileStatus.textContent()).toContain("koder.arrow er tabellen koder: 3 rækker, 2 kolonner");
    expect(await w.page.locator("details[data-table=mine_tal] tbody td code").allTextContents()).toEqual(["BIGINT", "DOUBLE", "VARCHAR"]);
    await runSql(w.page, "SELECT sum(vaerdi) AS i_alt, count(*) AS n, string_agg(navn, ', ' ORDER BY navn) AS navne FROM mine_tal");
    expect(await resultRows(w.page).first().locator("td").allTextContents()).toEqual(["4", "2", "København, Odense"]);
    await runSql(w.page, "SELECT sum(koder.vaerdi) AS s FROM koder JOIN mine_tal ON mine_tal.kommune = koder.kode::INTEGER");
    expect(await resultRows(w.page).first().locator("td").allTextContents()).toEqual(["3,75"]);
    await runSql(w.page, "SELECT navn FROM ansi ORDER BY antal");
    expect(await resultRows(w.page).locator("td").allTextContents()).toEqual(["Ærø", "Sønderborg"]);
    expect(await w.page.locator("figure[data-testid=result-chart] figcaption").count()).toBe(0); // no number to draw
    // nothing may be read from outside: a URL in the SQL is refused by DuckDB, not fetched
    await runSql(w.page, "SELECT * FROM read_csv('https://example.com/x.csv')");
    expect(await w.page.getByTestId("query-error").textContent()).toMatch(/Permission Error|disabled/);
    await finish(w);
  });

  it("runs every example query on the mirror: rows and a chart, the map for all municipalities", async () => {
    const w = await open("/arbejdsbord?kommune=461");
    const ids = await w.page.locator("#wb-example option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(ids).toEqual(["folketal", "familier", "tilflytning", "indkomst", "kort"]);
    const counts: Record<string, number> = {};
    for (const id of ids) {
      await w.page.locator("#wb-example").selectOption(id);
      await expect.poll(() => w.page.getByTestId("result-table").count(), { timeout: 60_000 }).toBe(1);
      await settled(w.page);
      expect(await w.page.getByTestId("query-error").count()).toBe(0);
      counts[id] = await resultRows(w.page).count();
      await expect.poll(() => w.page.locator("figure[data-testid=result-chart] svg").count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await w.page.locator("figure[data-testid=result-chart] figcaption").textContent()).toMatch(/Kilde: Danmarks Statistik, /);
    }
    expect(Object.values(counts).every((n) => n > 0)).toBe(true);
    expect(counts.tilflytning).toBe(10);
    // the map example: one row per municipality, the map chosen, source line naming both tables
    expect(await w.page.locator(".wb-chart-controls select").first().inputValue()).toBe("map");
    expect(await w.page.locator("figure[data-testid=result-chart] figcaption").textContent()).toContain("FOLK1A, FLY66");
    await w.page.screenshot({ path: join(shots, "e2e-arbejdsbord-kort.png"), fullPage: true });
    expect(await axeViolations(w.page)).toEqual([]);
    await finish(w);
  });

  it("opens each page analysis as a starting point that runs", async () => {
    const w = await open();
    const files = await w.page.locator("#wb-analysis option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    // every analysis the registry offers to the workbench, in its order
    expect(files).toEqual(Object.keys(ANALYSES).filter((n) => ANALYSES[n as keyof typeof ANALYSES].workbench));
    for (const file of files) {
      await w.page.locator("#wb-analysis").selectOption(file);
      await expect.poll(() => editor(w.page).inputValue()).toContain(`src/sql/${file}.sql`);
      await w.page.getByRole("button", { name: "Kør" }).click();
      await settled(w.page);
      expect(await w.page.getByTestId("query-error").count(), file).toBe(0);
    }
    await finish(w);
  });
});
