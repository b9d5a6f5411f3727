/**
 * The per-municipality files a build writes from the loaders' archives (loaders/byAreaFiles.ts),
 * the ZIP reader under it (loaders/zip.ts readZip), and the dynamicPaths that make Framework run
 * each archive's loader. Archives in the tests are written by zipArchive or by the system's zip.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { byAreaFiles, dynamicPaths, municipalityCodes, writeByAreaFiles } from "../../loaders/byAreaFiles.ts";
import { readZip, zipArchive } from "../../loaders/zip.ts";
import { AREA_ANALYSES, BY_AREA } from "../../src/lib/byArea.ts";
import { useTempDirs } from "../helpers.ts";
import { geoDir } from "../paths.ts";

const tmp = useTempDirs("by-area-files-");
const text = (s: string) => new TextEncoder().encode(s);

describe("readZip", () => {
  it("reads back what zipArchive wrote, byte for byte and in order, folders in names included", () => {
    const members = [
      { name: "260.arrow", bytes: text("Halsnæs") },
      { name: "empty.arrow", bytes: new Uint8Array(0) },
      { name: "top_flows/101.arrow", bytes: new Uint8Array(700).map((_, i) => i % 253) },
    ];
    const back = readZip(zipArchive(members), "x.zip");
    expect(back.map((m) => m.name)).toEqual(["260.arrow", "empty.arrow", "top_flows/101.arrow"]);
    back.forEach((m, i) => expect(m.bytes).toEqual(members[i].bytes));
  });

  it("reads a stored archive written by the system's zip (an independent writer, with extra fields)", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.arrow"), "abc");
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "b.arrow"), "defg");
    await promisify(execFile)("zip", ["-q", "-0", "-r", "x.zip", "a.arrow", "sub/b.arrow"], { cwd: dir });
    const back = readZip(readFileSync(join(dir, "x.zip")), "x.zip");
    expect(back.map((m) => [m.name, new TextDecoder().decode(m.bytes)])).toEqual([
      ["a.arrow", "abc"],
      ["sub/b.arrow", "defg"],
    ]);
  });

  it("names the file and the member when a member is compressed, damaged or the file is no archive", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.arrow"), "x".repeat(1000));
    await promisify(execFile)("zip", ["-q", "-9", "c.zip", "a.arrow"], { cwd: dir });
    expect(() => readZip(readFileSync(join(dir, "c.zip")), "c.zip")).toThrow("c.zip: member a.arrow is compressed (method 8)");

    const zip = zipArchive([{ name: "260.arrow", bytes: text("Halsnæs") }]);
    zip[30 + "260.arrow".length] ^= 0xff; // first byte of the content
    expect(() => readZip(zip, "d.zip")).toThrow("d.zip: member 260.arrow is damaged (CRC mismatch)");

    expect(() => readZip(text("not a zip at all, just text of some length"), "e.zip")).toThrow("e.zip: not a ZIP archive");
    const cut = zipArchive([{ name: "260.arrow", bytes: new Uint8Array(100) }]);
    expect(() => readZip(cut.subarray(0, 60), "f.zip")).toThrow(/f\.zip/);
  });
});

describe("per-municipality files", () => {
  const codes = ["101", "260"];

  it("lists every dataset's and every analysis's file for each municipality, in its archive", () => {
    const files = byAreaFiles(codes);
    expect(files).toHaveLength((BY_AREA.length + AREA_ANALYSES.length) * codes.length);
    expect(files).toContainEqual({ path: "data/by-area/towns/260.arrow", archive: "data/by-area/towns.zip", member: "260.arrow" });
    expect(files).toContainEqual({
      path: "data/by-area/analyses/top_flows/101.arrow",
      archive: "data/by-area/analyses.zip",
      member: "top_flows/101.arrow",
    });
  });

  it("has Framework copy every file, or (after-build) one file per archive so each loader still runs", () => {
    expect(dynamicPaths(codes, false)).toEqual(byAreaFiles(codes).map((f) => `/${f.path}`));
    const one = dynamicPaths(codes, true);
    expect(one).toHaveLength(BY_AREA.length + 1);
    expect(
      new Set(
        one.map((p) =>
          p
            .split("/")
            .slice(0, 4)
            .join("/")
            .replace(/\/\d{3}\.arrow$/, ""),
        ),
      ),
    ).toEqual(new Set([...BY_AREA.map((n) => `/data/by-area/${n}`), "/data/by-area/analyses"]));
  });

  it("reads the municipality codes from the geography: 98 three-digit codes", () => {
    const all = municipalityCodes(geoDir);
    expect(all).toHaveLength(98);
    expect(all).toContain("260");
    expect(all.every((c) => /^\d{3}$/.test(c))).toBe(true);
  });

  /** A cache folder with an archive per dataset and one for the analyses, each member's content naming it. */
  function cache(skip?: { archive: string; member?: string }): string {
    const dir = tmp();
    const byArchive = new Map<string, string[]>();
    for (const f of byAreaFiles(codes)) byArchive.set(f.archive, [...(byArchive.get(f.archive) ?? []), f.member]);
    for (const [archive, members] of byArchive) {
      if (skip?.archive === archive && !skip.member) continue;
      mkdirSync(join(dir, archive, ".."), { recursive: true });
      const kept = members.filter((m) => !(skip?.archive === archive && skip.member === m));
      // an extra member (the whole dataset) that is not a per-municipality file
      const extra = [{ name: "all.arrow", bytes: text("whole") }];
      writeFileSync(join(dir, archive), zipArchive([...kept.map((m) => ({ name: m, bytes: text(`${archive}:${m}`) })), ...extra]));
    }
    return dir;
  }

  it("writes each file from its archive's member, and nothing else", () => {
    const out = tmp();
    const r = writeByAreaFiles(cache(), out, codes);
    const files = byAreaFiles(codes);
    expect(r.files).toBe(files.length);
    expect(r.archives).toBe(BY_AREA.length + 1);
    for (const f of files) expect(readFileSync(join(out, f.path), "utf8")).toBe(`${f.archive}:${f.member}`);
    expect(existsSync(join(out, "data/by-area/towns/all.arrow"))).toBe(false);
    expect(readdirSync(join(out, "data/by-area/towns")).sort()).toEqual(["101.arrow", "260.arrow"]);
  });

  it("names the archive and the member that is missing", () => {
    expect(() => writeByAreaFiles(cache({ archive: "data/by-area/analyses.zip", member: "top_flows/260.arrow" }), tmp(), codes)).toThrow(
      /analyses\.zip: no member top_flows\/260\.arrow \(for \/data\/by-area\/analyses\/top_flows\/260\.arrow\)/,
    );
    expect(() => writeByAreaFiles(cache({ archive: "data/by-area/towns.zip" }), tmp(), codes)).toThrow(
      /towns\.zip: the loader's archive is missing .*src\/data\/by-area\/towns\.zip\.ts/,
    );
  });
});
