/**
 * Pages that show one municipality's detail fetch only that municipality's slice of the datasets
 * cut per municipality (src/lib/byArea.ts): never the whole file, never another municipality's
 * slice, until the planner reaches for the picker (then the municipalities next to it in the list
 * are fetched ahead) or chooses another municipality.
 */
import { describe, expect, it } from "vitest";
import { openPage } from "./browser.ts";
import { finish, useSite } from "./harness.ts";

const harness = useSite();

/** The per-municipality files a page asked for, as "<dataset>/<code>" (and "<dataset>/all" for a whole file). */
const slices = (requests: string[]) =>
  requests
    .map((u) => /\/data\/by-area\/(\w+)\/(all|\d{3})[.\w]*\.arrow/.exec(new URL(u).pathname))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}/${m[2]}`);

describe("a page for one municipality downloads only that municipality's detail", () => {
  it.each([
    ["/befolkning", ["population_ages"]],
    ["/flytninger", ["flow_pairs", "population_ages", "migration_ages"]],
    ["/tilflyttere", ["flow_pairs"]],
  ])("%s fetches %j for Aarhus only, and the next municipality's when chosen", async (path, datasets) => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}${path}?kommune=751`, { waitUntil: "networkidle" });
    await expect.poll(() => w.page.locator("figure.chart-card svg").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await w.page.waitForLoadState("networkidle");
    const first = slices(w.requests);
    expect(new Set(first)).toEqual(new Set(datasets.map((d) => `${d}/751`)));

    // reaching for the picker fetches the neighbours in the list ahead
    const select = w.page.locator("select[name=kommune]");
    const codes = await select.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const i = codes.indexOf("751");
    await select.focus();
    await w.page.waitForLoadState("networkidle");
    const ahead = [codes[i - 1], codes[i + 1]];
    await expect
      .poll(() => new Set(slices(w.requests)))
      .toEqual(new Set([...datasets.map((d) => `${d}/751`), ...ahead.flatMap((c) => datasets.map((d) => `${d}/${c}`))]));

    // choosing one of them needs no new download of it, and nothing of any other municipality
    const before = w.requests.length;
    await select.selectOption(ahead[1]);
    await expect.poll(() => new URL(w.page.url()).searchParams.get("kommune")).toBe(ahead[1]);
    await w.page.waitForLoadState("networkidle");
    const after = slices(w.requests.slice(before));
    for (const s of after) expect([...datasets.map((d) => `${d}/${codes[i + 2]}`), ...datasets.map((d) => `${d}/751`)], s).toContain(s);
    expect(slices(w.requests).some((s) => s.endsWith("/all"))).toBe(false);
    await finish(w);
  });
});
