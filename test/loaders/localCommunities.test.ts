/**
 * The municipality's local communities (data/lokalsamfund): validation errors that name file, line,
 * column and code, and community populations equal to the sums of their BY1 towns, read here from
 * the mirror's BY1.csv. Fixture: test/fixtures/lokalsamfund/assens.csv (real format, real codes).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { by1Codes } from "../../loaders/tables/by1Codes.ts";
import { LocalCommunityError, localCommunities, parseCommunities, readCommunityFiles } from "../../loaders/tables/localCommunities.ts";
import { towns } from "../../loaders/tables/towns.ts";
import { communityPopulations, type CommunityMemberRow } from "../../src/lib/communities.ts";
import { isExampleData } from "../../src/lib/example.ts";
import { mirrorClient, rows } from "../helpers.ts";
import { fixturesDir, mirrorDir, projectRoot } from "../paths.ts";

const HEADER = "kommune;lokalsamfund;byomraade;note";
const by1 = readFileSync(join(mirrorDir, "BY1.csv"), "utf8")
  .replace(/^\uFEFF/, "")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split(";"));
const newest = Math.max(...by1.map((l) => Number(l[1])));
const population = (code: string) => Number(by1.find((l) => l[0] === code && Number(l[1]) === newest)![2]);

function problemsOf(text: string, codes: Parameters<typeof parseCommunities>[2], file = "lokalsamfund.csv"): string[] {
  try {
    parseCommunities(text, file, codes);
  } catch (e) {
    if (e instanceof LocalCommunityError)
      return e.message
        .split("\n")
        .slice(1)
        .map((l) => l.trim());
    throw e;
  }
  return [];
}

describe("local communities", async () => {
  const client = mirrorClient();
  const codes = by1Codes(await towns(client));

  it("community populations are the sums of their towns (fixture, real codes)", async () => {
    const ds = await localCommunities(client, join(fixturesDir, "lokalsamfund"));
    expect(ds.meta.status).toBe("ok");
    expect(isExampleData(ds.meta)).toBe(false);
    const c = communityPopulations(rows(ds) as unknown as CommunityMemberRow[], "420", newest);
    const get = (name: string) => c.find((x) => x.community === name)!;
    expect(get("Aarup")).toMatchObject({ population: population("42010570"), rural: false });
    expect(get("Vestfyn nord").population).toBe(population("42010690") + population("42010520") + population("42010538"));
    expect(get("Vestfyn nord").towns.map((t) => t.code)).toEqual(["42010690", "42010520", "42010538"].sort((a, b) => population(b) - population(a)));
    // a community with a town and a village in the rural district: the town's population
    expect(get("Barløse/Turup")).toMatchObject({ population: population("42010432"), rural: true });
    // a town split by the border: only its part in Assens
    expect(get("Skallebølle").population).toBe(population("42010511"));
    // a village below 200: no BY1 population of its own
    expect(get("Helnæs")).toMatchObject({ population: null, rural: true, towns: [] });
    expect(c.map((x) => x.community).at(-1)).toBe("Helnæs");
  });

  it("the example for Assens uses real BY1 codes of Assens and is marked as example", async () => {
    const ds = await localCommunities(client, join(projectRoot, "data/lokalsamfund"));
    expect(isExampleData(ds.meta)).toBe(true);
    const c = communityPopulations(rows(ds) as unknown as CommunityMemberRow[], "420", newest);
    expect(new Set(c.map((x) => x.community))).toEqual(
      new Set([
        "Aarup",
        "Andebølle",
        "Barløse/Turup",
        "Brylle",
        "Dreslette",
        "Glamsbjerg",
        "Haarby",
        "Helnæs",
        "Jordløse",
        "Magtenbølle",
        "Skalbjerg",
        "Thorøhuse",
        "Verninge",
      ]),
    );
    expect(c.every((x) => x.example)).toBe(true);
    expect(c.find((x) => x.community === "Glamsbjerg")!.population).toBe(population("42010433"));
  });

  it("names file, line, column and code: unknown code, another municipality's code, duplicates", () => {
    const text = [
      HEADER,
      "420;Aarup;42010570;",
      "420;Nowhere;42019998;",
      "420;Gelsted;41010519;",
      "420;Aarup igen;42010570;",
      "420;Helnæs;landdistrikt;",
      "420;Helnæs;landdistrikt;",
      "420;Assens;42000420;",
      "0420;Haarby;42010554;",
    ].join("\n");
    expect(problemsOf(text, codes)).toEqual([
      "lokalsamfund.csv, line 3, column 3 (byomraade): unknown BY1 code 42019998: not an urban area in BY1",
      "lokalsamfund.csv, line 4, column 3 (byomraade): BY1 code 41010519 (Gelsted (del af flere kommuner)) belongs to municipality 410, not 420; the town is split by the border: the part in 420 is 42010519",
      "lokalsamfund.csv, line 5, column 3 (byomraade): duplicate BY1 code 42010570 (Aarup), also on line 2 (Aarup); a town belongs to one community",
      "lokalsamfund.csv, line 7, column 3 (byomraade): duplicate: Helnæs is marked landdistrikt twice, also on line 6",
      "lokalsamfund.csv, line 8, column 3 (byomraade): BY1 code 42000420 is a total (the municipality as a whole), not an urban area",
      'lokalsamfund.csv, line 9, column 1 (kommune): "0420" looks like a 4-digit DAGI code; use StatBank\'s 3-digit code 420',
    ]);
  });

  it("a town in two files is a duplicate naming both", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lokalsamfund-"));
    writeFileSync(join(dir, "a.csv"), `${HEADER}\n420;Aarup;42010570;\n`);
    writeFileSync(join(dir, "b.csv"), `${HEADER}\n420;Haarby;42010554;\n420;Aarup by;42010570;\n`);
    const e = await readCommunityFiles(dir, codes).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LocalCommunityError);
    expect((e as Error).message).toContain(
      `${join(dir, "b.csv")}, line 3: duplicate BY1 code or rural-district community 42010570, also in ${join(dir, "a.csv")} line 2`,
    );
  });
});
