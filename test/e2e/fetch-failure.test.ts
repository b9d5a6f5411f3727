/**
 * A per-municipality file that cannot be fetched (network error, HTTP 404) or read (a truncated
 * Arrow file) is visibly missing on the cards drawn from it: "Data mangler" naming the file and
 * why (src/components/data.ts), never Framework's error box for a cell that threw, and every other
 * card of the page still drawn. The failure is not remembered for good: asking again later (the
 * planner chooses the municipality again) fetches the file again.
 */
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openPage, type WatchedPage } from "./browser.ts";
import { finish, shots, useSite } from "./harness.ts";

const harness = useSite();

/** The card (figure) whose title contains `title`. */
const cardTitled = (page: Page, title: string | RegExp) => page.locator("figure.chart-card").filter({ has: page.locator(".card-title", { hasText: title }) });

/** The card's "Data mangler" note, "" when it has none. */
const manglerOf = async (card: Locator) => (await card.locator(".data-mangler").allTextContents()).join(" ").replace(/\s+/g, " ");

/** Open `path`, with `block` deciding for each per-municipality file (path from the site's root) how to fail it, or null to serve it. */
async function openBlocked(
  path: string,
  block: (file: string) => "abort" | "404" | "truncate" | null,
): Promise<{ w: WatchedPage; failed: Set<string>; warnings: string[]; resourceErrors: string[] }> {
  const w = await openPage(harness.browser(), harness.site().url);
  const failed = new Set<string>();
  const warnings: string[] = [];
  const resourceErrors: string[] = [];
  w.page.on("console", (msg) => {
    if (msg.type() === "warning") warnings.push(msg.text());
    // the browser's own line for a failed request, at the file's URL: expected here
    if (msg.type() === "error" && msg.text().startsWith("Failed to load resource") && /\/data\/by-area\//.test(msg.location().url))
      resourceErrors.push(msg.location().url);
  });
  // both URLs the data layer tries (/data/by-area/… and /_file/data/by-area/…)
  await w.page.route(/\/data\/by-area\/.*\.arrow(\?|$)/, async (route) => {
    const file = /data\/by-area\/.*\.arrow/.exec(new URL(route.request().url()).pathname)![0];
    const how = block(file);
    if (how === null) return route.fallback();
    failed.add(file);
    if (how === "abort") return route.abort("failed");
    if (how === "404") return route.fulfill({ status: 404, contentType: "text/plain", body: "not found" });
    // the real file cut off inside its first message: served whole-looking (200), unreadable
    const response = await route.fetch();
    const body = await response.body();
    return route.fulfill({ response, body: body.subarray(0, Math.floor(body.length / 4)) });
  });
  await w.page.goto(`${harness.site().url}${path}`, { waitUntil: "networkidle" });
  return { w, failed, warnings, resourceErrors };
}

/** No cell threw: Framework shows a rejected cell as an inspector with class observablehq--error. */
async function expectNoErrorBox(page: Page): Promise<void> {
  expect(await page.locator(".observablehq--error").count()).toBe(0);
  expect(await page.locator(".observablehq--error").allTextContents()).toEqual([]);
}

/** finish(w) after taking out the browser's own "Failed to load resource" lines for the failed files (checked by the caller). */
async function finishExpectingFailures(w: WatchedPage, resourceErrors: string[]): Promise<void> {
  const expected = resourceErrors.length;
  const resource = w.consoleErrors.filter((e) => e.startsWith("Failed to load resource"));
  expect(resource.length).toBe(expected);
  w.consoleErrors.splice(0, w.consoleErrors.length, ...w.consoleErrors.filter((e) => !e.startsWith("Failed to load resource")));
  await finish(w);
}

describe("a per-municipality file that cannot be fetched shows 'Data mangler', not an error", () => {
  it("/lokalsamfund: the towns file of Halsnæs fails on the network; its cards name it, the other cards are drawn, and choosing Halsnæs again later fetches it again", async () => {
    const towns = "data/by-area/towns/260.arrow";
    let blocked = true;
    const { w, failed, warnings, resourceErrors } = await openBlocked("/lokalsamfund?kommune=260", (file) => (blocked && file === towns ? "abort" : null));
    const page = w.page;
    const townsCard = cardTitled(page, "Byer og landdistrikter i Halsnæs");
    await expect.poll(() => manglerOf(townsCard), { timeout: 30_000 }).toContain(towns);
    expect([...failed]).toEqual([towns]);

    // the card says what is missing and why, in Danish, and draws nothing from the file
    const note = (await townsCard.locator(".data-mangler").textContent())!.replace(/\s+/g, " ");
    expect(note).toContain("Data mangler:");
    expect(note).toContain(`${towns} (filen kunne ikke hentes, netværksfejl)`);
    expect(await townsCard.locator(".card-body").count()).toBe(0);
    expect(await page.getByTestId("towns-table").count()).toBe(0);
    // every card drawn from the towns file names it; none shows a number for Halsnæs from nowhere
    for (const title of ["Andel i landdistrikter og små byer, Halsnæs", "Hvor stor er byen, man bor i? Halsnæs"]) {
      await expect.poll(() => manglerOf(cardTitled(page, title)), { timeout: 10_000 }).toContain(towns);
      expect(await cardTitled(page, title).locator(".card-body").count(), title).toBe(0);
    }
    await expect.poll(() => page.getByTestId("town-count").textContent()).toBe("data mangler");
    await expect.poll(() => page.getByTestId("rural-share").textContent()).toBe("–");

    // no cell threw
    await expectNoErrorBox(page);
    // the whole country's size classes (town_summaries) are drawn; their Halsnæs column is from
    // the towns file, so the card names it and the column shows "–", never 0 %
    const national = page.getByTestId("national-size-classes");
    await expect.poll(() => national.locator("tbody tr").count(), { timeout: 30_000 }).toBeGreaterThan(3);
    const rows = await national.locator("tbody tr").count();
    expect(await national.locator("tbody tr td:nth-of-type(4)").allTextContents()).toEqual(Array(rows).fill("–"));
    expect(await national.locator("tbody tr td:nth-of-type(3)").allTextContents()).toContainEqual(expect.stringMatching(/%$/));
    await expect.poll(() => manglerOf(cardTitled(page, "Byer og landsbyer i hele landet efter størrelse"))).toContain(towns);
    // the cards from the municipality's own files (example communities and ambassadors) are drawn and do not name it
    for (const title of [
      "Lokalsamfund i Halsnæs",
      "Succeskriteriet for landsbyambassadørerne, Halsnæs",
      "Henvendelser fra tilflyttere pr. lokalsamfund, Halsnæs",
    ]) {
      const other = cardTitled(page, title);
      await expect.poll(() => other.locator(".card-body").count(), { timeout: 30_000 }).toBe(1);
      expect(await manglerOf(other), title).not.toContain(towns);
    }
    // the page's own note, for whoever looks in the console
    expect(warnings.some((t) => t.includes(towns) && t.includes("netværksfejl"))).toBe(true);
    await page.screenshot({ path: join(shots, "e2e-fetch-failure-lokalsamfund-260.png"), fullPage: true });

    // the failure is not kept: once the file can be fetched, choosing Halsnæs again draws its towns
    blocked = false;
    const select = page.locator("select[name=kommune]");
    await select.selectOption("250");
    await expect.poll(() => cardTitled(page, "Byer og landdistrikter i Frederikssund").locator(".card-body").count(), { timeout: 30_000 }).toBe(1);
    // (a failed file is answered as missing for 10 s, so that every cell of the page reads the same)
    await page.waitForTimeout(10_500);
    await select.selectOption("260");
    await expect.poll(() => page.getByTestId("towns-table").locator("tbody tr").count(), { timeout: 30_000 }).toBeGreaterThan(3);
    expect(await manglerOf(townsCard)).not.toContain(towns);
    await expectNoErrorBox(page);
    expect(resourceErrors.every((u) => u.includes(towns))).toBe(true);
    await finishExpectingFailures(w, resourceErrors);
  });

  it("/tilflyttere: one analysis result answers 404 and another is a truncated Arrow file; each card names its own file, the others are drawn", async () => {
    const zone = "data/by-area/analyses/flows_by_zone/260.arrow";
    const top = "data/by-area/analyses/top_flows/260.arrow";
    const { w, failed, warnings, resourceErrors } = await openBlocked("/tilflyttere?kommune=260", (file) =>
      file === zone ? "404" : file === top ? "truncate" : null,
    );
    const page = w.page;
    const zoneCard = cardTitled(page, "Hvor kommer tilflytterne fra? Halsnæs");
    const topCard = cardTitled(page, "De ti største tilflytningskommuner efter alder, Halsnæs");
    await expect.poll(() => manglerOf(zoneCard), { timeout: 30_000 }).toContain(zone);
    await expect.poll(() => manglerOf(topCard), { timeout: 30_000 }).toContain(top);
    expect(failed).toEqual(new Set([zone, top]));

    const zoneNote = (await zoneCard.locator(".data-mangler").textContent())!.replace(/\s+/g, " ");
    expect(zoneNote).toContain(`${zone} (filen findes ikke på serveren, HTTP 404)`);
    expect(zoneNote).not.toContain(top);
    expect(await zoneCard.locator(".card-body").count()).toBe(0);
    const topNote = (await topCard.locator(".data-mangler").textContent())!.replace(/\s+/g, " ");
    expect(topNote).toContain(`${top} (filen er ikke en gyldig Arrow-fil, den er afkortet eller beskadiget)`);
    expect(topNote).not.toContain(zone);
    expect(await topCard.locator(".card-body").count()).toBe(0);
    expect(await page.getByTestId("origins-by-age").count()).toBe(0);

    await expectNoErrorBox(page);
    // the cards from the other files are drawn, and none of them claims the failed files
    const ages = cardTitled(page, "Tilflyttere og fraflyttere efter alder, Halsnæs");
    const families = cardTitled(page, "Børnefamilier (målt ved børn og 25–44-årige), Halsnæs");
    await expect.poll(() => ages.locator(".card-body svg").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => families.getByTestId("families-sentence").textContent(), { timeout: 30_000 })
      .toMatch(/^I \d{4} flyttede [\d.]+ børn og 25–44-årige til Halsnæs/);
    for (const other of [ages, families]) {
      const mangler = await manglerOf(other);
      expect(mangler).not.toContain(zone);
      expect(mangler).not.toContain(top);
    }
    expect(warnings.some((t) => t.includes(zone) && t.includes("HTTP 404"))).toBe(true);
    expect(warnings.some((t) => t.includes(top) && t.includes("gyldig Arrow-fil"))).toBe(true);
    await page.screenshot({ path: join(shots, "e2e-fetch-failure-tilflyttere-260.png"), fullPage: true });
    expect(resourceErrors.every((u) => u.includes(zone))).toBe(true);
    await finishExpectingFailures(w, resourceErrors);
  });
});
