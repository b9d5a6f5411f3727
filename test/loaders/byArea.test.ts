/**
 * Datasets cut per municipality (src/lib/byArea.ts): the tar writer, the cut, and each
 * src/data/by-area/<name>.zip.ts run on the mirror. The archive is unpacked with the system's
 * unzip (an independent reader that checks every CRC), and each slice is checked against the
 * whole dataset's rows.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { readArrow, toArrowIPC } from "../../loaders/arrow.ts";
import { neighboursDataset, parseKommunerCsv, readGeography } from "../../loaders/geo.ts";
import { partitionColumns } from "../../loaders/partition.ts";
import type { DatasetMeta } from "../../loaders/provenance.ts";
import { crc32, zipArchive } from "../../loaders/zip.ts";
import { BY_AREA } from "../../src/lib/byArea.ts";
import { townSliceRows, type TownRow } from "../../src/lib/towns.ts";
import { neighbourSliceRows } from "../../loaders/tables/indicators.ts";
import { useTempDirs } from "../helpers.ts";
import { mirrorDir, projectRoot } from "../paths.ts";

const run = promisify(execFile);
const tmp = useTempDirs("by-area-");

async function unzip(bytes: Uint8Array): Promise<string> {
  const dir = tmp();
  writeFileSync(join(dir, "x.zip"), bytes);
  // -t first: unzip tests every member's CRC and fails on a damaged archive
  await run("unzip", ["-tq", "x.zip"], { cwd: dir });
  await run("unzip", ["-q", "x.zip"], { cwd: dir });
  rmSync(join(dir, "x.zip"));
  return dir;
}

const META = { dataset: "demo", title: "Demo", status: "ok", sources: [], missing: [], columns: {}, rows: 5, builtAt: "2026-12-05T00:00:00Z" } as DatasetMeta;

describe("zipArchive", () => {
  it("writes members the system's unzip reads back byte for byte, with folders in their names", async () => {
    const members = [
      { name: "all.arrow", bytes: new Uint8Array(1000).map((_, i) => i % 251) },
      { name: "260.arrow", bytes: new TextEncoder().encode("Halsnæs") },
      { name: "empty.arrow", bytes: new Uint8Array(0) },
      { name: "top_flows/101.arrow", bytes: new Uint8Array(512).fill(7) },
    ];
    const dir = await unzip(zipArchive(members, new Date("2026-12-05T10:20:30Z")));
    expect(readdirSync(dir).sort()).toEqual(["260.arrow", "all.arrow", "empty.arrow", "top_flows"]);
    for (const m of members) expect(new Uint8Array(readFileSync(join(dir, m.name)))).toEqual(m.bytes);
  });

  it("computes the standard CRC-32 (the check value of '123456789' is cbf43926)", () => {
    expect(crc32(new TextEncoder().encode("123456789")).toString(16)).toBe("cbf43926");
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("refuses a name twice", () => {
    const b = new Uint8Array(1);
    expect(() =>
      zipArchive([
        { name: "a", bytes: b },
        { name: "a", bytes: b },
      ]),
    ).toThrow(/appears twice/);
  });
});

describe("partitionColumns", () => {
  const columns = {
    area: { type: "string" as const, values: ["260", "101", "260", "101", "260"] },
    year: { type: "int16" as const, values: [2020, 2020, 2021, 2021, 2022] },
    n: { type: "int32" as const, values: [1, 2, 3, null, 5] },
  };

  it("gives each area its rows in order, an empty slice for a municipality without rows, and says which slice it is", () => {
    const slices = partitionColumns(columns, META, "area", ["101", "420"]);
    expect(slices.map((s) => s.value)).toEqual(["101", "260", "420"]);
    const [k101, k260, k420] = slices;
    expect(k260.columns.year.values).toEqual([2020, 2021, 2022]);
    expect(k260.columns.n.values).toEqual([1, 3, 5]);
    expect(k101.columns.n.values).toEqual([2, null]);
    expect(k420.columns.area.values).toEqual([]);
    expect(k420.columns.n.type).toBe("int32");
    expect(k260.meta.rows).toBe(3);
    expect(k260.meta.slice).toEqual({ column: "area", value: "260", datasetRows: 5 });
    // an empty slice is still a readable Arrow file with the dataset's columns
    const { table } = readArrow(toArrowIPC(k420.columns, k420.meta));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(["area", "year", "n"]);
  });

  it("names the dataset when the column is missing or a row has no value", () => {
    expect(() => partitionColumns(columns, META, "kommune")).toThrow(/demo: cannot cut by kommune: no such column \(has area, year, n\)/);
    const withNull = { ...columns, area: { type: "string" as const, values: ["260", null, "260", "101", "260"] } };
    expect(() => partitionColumns(withNull, META, "area")).toThrow(/demo: row 2 has no area/);
  });
});

/** A table's rows as plain objects (the whole dataset's, or a slice's). */
function rowsOfTable(t: ReturnType<typeof readArrow>["table"]): Record<string, unknown>[] {
  const names = t.schema.fields.map((f) => f.name);
  return Array.from({ length: t.numRows }, (_, i) => Object.fromEntries(names.map((n) => [n, t.getChild(n)!.get(i)])));
}

describe("src/data/by-area/<name>.zip.ts on the mirror", () => {
  const codes = parseKommunerCsv(readFileSync(join(projectRoot, "snapshot/geo/kommuner.csv"), "utf8"), "kommuner.csv").map((m) => m.code);

  it.each(BY_AREA)(
    "%s: all.arrow is the whole dataset, one file per municipality holds exactly its rows (towns: and the other parts of its split towns; indicators: and its neighbours' rows)",
    async (name) => {
      const { stdout } = await run(process.execPath, ["--import", "tsx", `src/data/by-area/${name}.zip.ts`], {
        cwd: projectRoot,
        env: { ...process.env, STATBANK_MIRROR: mirrorDir },
        encoding: "buffer",
        maxBuffer: 512 * 1024 * 1024,
      });
      const dir = await unzip(new Uint8Array(stdout));
      const files = readdirSync(dir);
      // the neighbours the scorecard reads (src/data/neighbours.arrow.ts), for the indicators' slices
      const neighbours = name === "indicators" ? neighboursDataset(await readGeography(join(projectRoot, "snapshot/geo"))).columns : null;
      const pairs = neighbours ? neighbours.area.values.map((a, i) => ({ area: String(a), neighbour: String(neighbours.neighbour.values[i]) })) : [];
      for (const code of codes) expect(files, `${name}: ${code}.arrow`).toContain(`${code}.arrow`);
      const whole = readArrow(readFileSync(join(dir, "all.arrow")));
      expect(whole.meta.dataset).toBe(name);
      expect(whole.meta.slice).toBeUndefined();
      const area = [...whole.table.getChild("area")!] as string[];
      const wholeFields = whole.table.schema.fields.map((f) => f.name);
      // every row is in exactly one slice: the slices' rows add up to the whole
      let total = 0;
      for (const f of files.filter((x) => x !== "all.arrow")) {
        const code = f.replace(/\.arrow$/, "");
        const slice = readArrow(readFileSync(join(dir, f)));
        expect(slice.table.schema.fields.map((x) => x.name)).toEqual(wholeFields);
        expect(slice.meta.slice).toEqual({ column: "area", value: code, datasetRows: whole.meta.rows });
        expect(slice.meta.rows).toBe(slice.table.numRows);
        expect(slice.meta.sources).toEqual(whole.meta.sources);
        const expected = area.filter((a) => a === code).length;
        const own = [...slice.table.getChild("area")!].filter((a) => a === code).length;
        expect(own, `${name}/${code}`).toBe(expected);
        if (name === "towns") {
          // its rows and, for context, the other municipalities' parts of its towns (src/lib/towns.ts townSliceRows)
          const wholeRows = rowsOfTable(whole.table) as unknown as TownRow[];
          expect(rowsOfTable(slice.table), `towns/${code}`).toEqual(townSliceRows(wholeRows, code).map((i) => wholeRows[i]));
        } else if (name === "indicators") {
          // its rows and, for the goals compared with the neighbours, its neighbours' rows
          const wholeRows = rowsOfTable(whole.table);
          expect(rowsOfTable(slice.table), `indicators/${code}`).toEqual(neighbourSliceRows(area, pairs, code).map((i) => wholeRows[i]));
        } else {
          expect(slice.table.numRows, `${name}/${code}`).toBe(expected);
          if (expected > 0) expect(new Set(slice.table.getChild("area")!)).toEqual(new Set([code]));
        }
        total += own;
      }
      expect(total).toBe(whole.table.numRows);
      // Halsnæs: the same rows, value for value, as the whole dataset's rows for 260
      const k260 = readArrow(readFileSync(join(dir, "260.arrow"))).table;
      const rowsOf = (t: typeof k260, keep: (i: number) => boolean) =>
        Array.from({ length: t.numRows }, (_, i) => i)
          .filter(keep)
          .map((i) => JSON.stringify(wholeFields.map((c) => t.getChild(c)!.get(i))));
      const k260area = [...k260.getChild("area")!];
      expect(rowsOf(k260, (i) => k260area[i] === "260")).toEqual(rowsOf(whole.table, (i) => area[i] === "260"));
    },
    60_000,
  );
});
