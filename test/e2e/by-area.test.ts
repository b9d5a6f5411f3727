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
    ["/befolkning", ["population_ages"]],
    ["/flytninger", ["analyses/top_flows", "analyses/flows_by_zone", "analyses/migration_summary", "analyses/migration_effectiveness", "analyses/age_profile"]],
    ["/tilflyttere", ["analyses/top_flows", "analyses/flows_by_zone", "analyses/families_proxy"]],
  ])("%s fetches %j (at least) for Aarhus only, and the next municipality's ahead when the picker gets focus", async (path, datasets) => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}${path}?kommune=751`, { waitUntil: "networkidle" });
    await expect.poll(() => w.page.locator("figure.chart-card svg").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await w.page.waitForLoadState("networkidle");
    const first = slices(w.requests);
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
