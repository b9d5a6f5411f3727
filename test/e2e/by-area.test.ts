/**
 * Pages that show one municipality's detail fetch only that municipality's slice of the datasets
 * cut per municipality (src/lib/byArea.ts): never the whole file, never another municipality's
 * slice, until the planner reaches for the picker (then the municipalities next to it in the list
 * are fetched ahead) or chooses another municipality.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readArrow } from "../../loaders/arrow.ts";
import { HEAD_BYTES, schemaLength } from "../../src/lib/arrowHead.ts";
import { byAreaFiles, municipalityCodes } from "../../loaders/byAreaFiles.ts";
import config from "../../observablehq.config.ts";
import { geoDir, projectRoot } from "../paths.ts";
import { openPage } from "./browser.ts";
import { finish, useSite } from "./harness.ts";

const harness = useSite();

/** The per-municipality files a page asked for, as "<dataset>/<code>" or "analyses/<analysis>/<code>" ("…/all" for a whole file). */
const slices = (requests: string[]) =>
  requests
    .map((u) => /\/data\/by-area\/((?:analyses\/)?\w+)\/(all|\d{3})[.\w]*\.arrow/.exec(new URL(u).pathname))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}/${m[2]}`);
const codeOf = (s: string) => s.split("/").at(-1)!;
const nameOf = (s: string) => s.split("/").slice(0, -1).join("/");

describe("a page for one municipality downloads only that municipality's detail", () => {
  it.each([
    // the scorecard: the goal indicators of the municipality and its neighbours, in its one file
    ["/", ["indicators"]],
    ["/befolkning", ["population_ages", "towns"]],
    ["/lokalsamfund", ["towns"]],
    ["/prognose", ["projection", "population_agegroups"]],
    [
      "/flytninger",
      ["analyses/top_flows", "analyses/flows_by_zone", "analyses/migration_summary", "analyses/group_migration_effectiveness", "analyses/age_profile"],
    ],
    ["/tilflyttere", ["analyses/top_flows", "analyses/flows_by_zone", "analyses/families_proxy"]],
  ])("%s fetches %j (at least) for Aarhus only, and the next municipality's ahead when the picker gets focus", async (path, datasets) => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}${path}?kommune=751`, { waitUntil: "networkidle" });
    // (the scorecard draws goal cards, the other pages charts)
    await expect.poll(() => w.page.locator("figure.chart-card svg, [data-testid=goal-card]").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await w.page.waitForLoadState("networkidle");
    const first = slices(w.requests);
    // nor the whole dataset's file under its old name, /_file/data/<name>.<hash>.arrow
    const whole = new RegExp(`/_file/data/(${datasets.join("|")})\\.[0-9a-f]{8}\\.arrow$`);
    expect(w.requests.filter((u) => whole.test(new URL(u).pathname))).toEqual([]);
    for (const d of datasets) expect(first, d).toContain(`${d}/751`);
    // nothing of any other municipality, and no whole file
    expect(first.filter((s) => codeOf(s) !== "751")).toEqual([]);
    const names = [...new Set(first.map(nameOf))];

    // reaching for the picker fetches the neighbours in the list ahead: the same files, for them
    const select = w.page.locator("select[name=kommune]");
    const codes = await select.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const i = codes.indexOf("751");
    const ahead = [codes[i - 1], codes[i + 1]];
    await select.focus();
    await w.page.waitForLoadState("networkidle");
    await expect.poll(() => new Set(slices(w.requests))).toEqual(new Set([...first, ...ahead.flatMap((c) => names.map((n) => `${n}/${c}`))]));

    // choosing one of them needs no new download of its files; only the next ones ahead are fetched
    const before = w.requests.length;
    await select.selectOption(ahead[1]);
    await expect.poll(() => new URL(w.page.url()).searchParams.get("kommune")).toBe(ahead[1]);
    await w.page.waitForLoadState("networkidle");
    for (const s of slices(w.requests.slice(before))) expect([codes[i + 2], "751"], s).toContain(codeOf(s));
    expect(slices(w.requests).some((s) => s.endsWith("/all"))).toBe(false);
    await finish(w);
  });
});

describe("pages that fetch the municipality's files while their modules load (preloadAreaFiles in the config's head)", () => {
  // the pages and their lists, read from the built HTML
  const pages: string[] = config.pages.map((p: { path: string }) => p.path);
  const early = pages
    .map((path) => {
      const html = readFileSync(join(projectRoot, "dist", `${path.slice(1) || "index"}.html`), "utf8");
      const m = /<script>preloadAreaFiles\((\[[^\]]*\])\);<\/script>/.exec(html);
      return m ? ([path, JSON.parse(m[1]) as string[]] as const) : null;
    })
    .filter((x) => x !== null);

  it("at least the migration page does it, and every file it names exists for every municipality", () => {
    expect(early.map(([p]) => p)).toContain("/flytninger");
    const codes = municipalityCodes(geoDir);
    for (const [, files] of early)
      for (const f of files)
        expect(
          codes.filter((c) => !existsSync(join(projectRoot, "dist/data/by-area", f, `${c}.arrow`))),
          f,
        ).toEqual([]);
  });

  it.each(early)(
    "%s asks once for each of %j for the chosen municipality (the preload is the page's own fetch), for the default without ?kommune=, and for no code that is not three digits",
    async (path, files) => {
      const site = harness.site().url;
      const siteJson = readdirSync(join(projectRoot, "dist/_file/data")).find((f) => /^site\.[0-9a-f]+\.json$/.test(f))!;
      const defaultKommune = JSON.parse(readFileSync(join(projectRoot, "dist/_file/data", siteJson), "utf8")).defaultKommune as string;
      for (const [query, code] of [
        ["?kommune=751", "751"],
        ["", defaultKommune],
        ["?kommune=..%2F..%2Fx", null],
      ] as const) {
        const w = await openPage(harness.browser(), site);
        await w.page.goto(`${site}${path}${query}`, { waitUntil: "networkidle" });
        await expect.poll(() => w.page.locator("figure.chart-card svg").count(), { timeout: 30_000 }).toBeGreaterThan(0);
        await w.page.waitForLoadState("networkidle");
        const asked = slices(w.requests);
        if (code)
          for (const f of files)
            expect(
              asked.filter((s) => s === `${f}/${code}`),
              `${path}${query}: ${f}`,
            ).toHaveLength(1);
        if (code) {
          // asked for by the preload link the head's function added (initiator "link"), not by the
          // page's own fetch once its modules had run ("fetch"): the page then used that response
          const initiators = await w.page.evaluate(
            ([list, c]) =>
              list.map((file) =>
                (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
                  .filter((e) => e.name.includes(`/data/by-area/${file}/${c}.`))
                  .map((e) => e.initiatorType)
                  .join(","),
              ),
            [files, code] as const,
          );
          expect(initiators, `${path}${query}`).toEqual(files.map(() => "link"));
        }
        // an invalid code becomes no path; the page itself then shows the default municipality
        expect(
          w.requests.filter((u) => new URL(u).pathname.includes("/by-area/") && !/\/(\d{3}|all)(\.[0-9a-f]+)?\.arrow$/.test(new URL(u).pathname)),
          `${path}${query}`,
        ).toEqual([]);
        if (code) await finish(w);
        else await w.page.context().close();
      }
    },
  );
});

describe("the build writes every per-municipality file", () => {
  it("dist has one file per municipality for every dataset and analysis cut per municipality, each with its own slice", () => {
    // scripts/build.mjs writes them from the loaders' archives (loaders/byAreaFiles.ts), not Framework
    const files = byAreaFiles(municipalityCodes(geoDir));
    expect(files.length).toBeGreaterThan(98 * 10);
    for (const f of files) {
      const { table, meta } = readArrow(new Uint8Array(readFileSync(join(projectRoot, "dist", f.path))));
      expect(meta.rows, f.path).toBe(table.numRows);
      // each slice says which municipality it is (an empty slice too: no rows is a gap the page names)
      expect(meta.slice?.value, f.path).toBe(f.path.match(/(\d{3})\.arrow$/)![1]);
    }
  });
});

describe("pages that list datasets read each one's schema, not its rows", () => {
  it("Om data and the SQL workbench's table list fetch only the first bytes of every whole dataset file, and the row counts they show are the files' own", async () => {
    // what each whole dataset file of the build holds (its provenance's row count is its own)
    const dataDir = join(projectRoot, "dist/_file/data");
    const files = new Map<string, { file: string; size: number; rows: number }>();
    for (const f of readdirSync(dataDir).filter((f) => f.endsWith(".arrow"))) {
      const { table, meta } = readArrow(new Uint8Array(readFileSync(join(dataDir, f))));
      expect(meta.rows, f).toBe(table.numRows);
      files.set(f.replace(/\.[0-9a-f]{8}\.arrow$/, ""), { file: f, size: statSync(join(dataDir, f)).size, rows: table.numRows });
    }
    for (const path of ["/om-data", "/arbejdsbord"]) {
      const w = await openPage(harness.browser(), harness.site().url);
      const fetched: { name: string; range: string | undefined; bytes: number }[] = [];
      w.page.on("requestfinished", async (request) => {
        const m = /\/_file\/data\/(\w+)\.[0-9a-f]{8}\.arrow$/.exec(new URL(request.url()).pathname);
        if (!m) return;
        const body = await (await request.response())?.body().catch(() => null);
        fetched.push({ name: m[1], range: request.headers().range, bytes: body?.length ?? -1 });
      });
      await w.page.goto(`${harness.site().url}${path}?kommune=751`, { waitUntil: "networkidle" });
      if (path === "/om-data") await expect.poll(() => w.page.locator("[data-testid=datasets] tbody tr").count(), { timeout: 30_000 }).toBeGreaterThan(20);
      else await expect.poll(() => w.page.locator(".wb-table-title").filter({ hasNotText: "henter" }).count(), { timeout: 30_000 }).toBeGreaterThan(20);
      await w.page.waitForLoadState("networkidle");
      // peers and peer_indicators are read whole by Om data's "Lignende kommuner" (small files)
      const whole = fetched.filter((f) => !f.range && !(path === "/om-data" && /^peer/.test(f.name)));
      expect(whole, `${path} fetched whole dataset files`).toEqual([]);
      for (const f of fetched.filter((f) => f.range)) {
        // the first bytes, or exactly the schema's length when it is longer
        expect(f.range, f.name).toMatch(/^bytes=0-\d+$/);
        expect(f.bytes, f.name).toBeLessThanOrEqual(
          Math.min(Math.max(HEAD_BYTES, schemaLength(readFileSync(join(dataDir, files.get(f.name)!.file)))!), files.get(f.name)!.size),
        );
      }
      expect(fetched.filter((f) => f.range).length, path).toBeGreaterThan(15);
      // the row counts shown are each file's own
      // (the indicators dataset is cut per municipality: its whole file is data/by-area/indicators/all.<hash>.arrow)
      const indicatorsFile = readdirSync(join(dataDir, "by-area/indicators")).find((f) => /^all\.[0-9a-f]{8}\.arrow$/.test(f))!;
      const indicators = { rows: readArrow(new Uint8Array(readFileSync(join(dataDir, "by-area/indicators", indicatorsFile)))).table.numRows };
      const shown =
        path === "/om-data"
          ? w.page.locator("[data-testid=datasets] tbody tr", { has: w.page.locator("code", { hasText: /^indicators$/ }) }).locator("td.num")
          : w.page.locator("details[data-table=indicators] .wb-rows");
      await expect.poll(() => shown.textContent()).toContain(indicators.rows.toLocaleString("da-DK"));
      await finish(w);
    }
  });
});
