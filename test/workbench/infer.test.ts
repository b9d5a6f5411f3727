import { Dictionary, Field, Float64, Int8, Int16, Int32, Int64, Bool, DateDay, List, Schema, TimestampMillisecond, Uint8, Utf8, Decimal } from "apache-arrow";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { createTableSql, sqlTypeName, valueKind } from "../../src/components/arrowTypes.ts";
import {
  asCode,
  chooseChart,
  columnDecimals,
  columnRoles,
  csvValue,
  formatCell,
  latestPeriodRows,
  pageBounds,
  periodValue,
  type ResultColumn,
  type Row,
} from "../../src/components/workbench/infer.ts";

const KNOWN = new Set(["101", "147", "151", "260", "270", "410", "420", "430", "461", "751"]);
const col = (name: string, kind: ResultColumn["kind"]): ResultColumn => ({ name, kind });

describe("columnRoles", () => {
  it("finds the year, the municipality codes, values and categories", () => {
    const columns = [col("kode", "string"), col("fra_kommune", "string"), col("year", "number"), col("tilflyttede", "number")];
    const rows: Row[] = [
      { kode: "430", fra_kommune: "Faaborg-Midtfyn", year: 2024, tilflyttede: 970 },
      { kode: "101", fra_kommune: "København", year: 2024, tilflyttede: 824 },
    ];
    expect(columnRoles(columns, rows, KNOWN)).toEqual({ period: "year", codes: "kode", values: ["tilflyttede"], categories: ["fra_kommune"] });
  });

  it("takes area codes with the country (000) and regions (081–085) as codes when most are municipalities", () => {
    const rows: Row[] = ["000", "084", "101", "147", "260"].map((area, i) => ({ area, population: i }));
    expect(columnRoles([col("area", "string"), col("population", "number")], rows, KNOWN).codes).toBe("area");
    const mostlyRegions: Row[] = ["081", "082", "083", "084", "101"].map((area) => ({ area, population: 1 }));
    expect(columnRoles([col("area", "string"), col("population", "number")], mostlyRegions, KNOWN).codes).toBeNull();
  });

  it("accepts numeric codes only with a code-like name and every value a municipality", () => {
    const rows: Row[] = [
      { kommune: 101, v: 1 },
      { kommune: 461, v: 2 },
    ];
    expect(columnRoles([col("kommune", "number"), col("v", "number")], rows, KNOWN)).toMatchObject({ codes: "kommune", values: ["v"] });
    const counts: Row[] = [
      { moves: 101, v: 1 },
      { moves: 461, v: 2 },
    ];
    expect(columnRoles([col("moves", "number"), col("v", "number")], counts, KNOWN)).toMatchObject({ codes: null, values: ["moves", "v"] });
  });

  it("reads StatBank periods (2026M01, 2024K1) as a period column; a number named like a year only if it is one", () => {
    const rows: Row[] = [
      { month: "2025M12", population: 1 },
      { month: "2026M01", population: 2 },
    ];
    expect(columnRoles([col("month", "string"), col("population", "number")], rows, KNOWN).period).toBe("month");
    const notYears: Row[] = [{ year: 12 }, { year: 13 }];
    expect(columnRoles([col("year", "number")], notYears, KNOWN).period).toBeNull();
    const unnamed: Row[] = [
      { y: 2020, v: 1 },
      { y: 2021, v: 2 },
    ];
    expect(columnRoles([col("y", "number"), col("v", "number")], unnamed, KNOWN).period).toBeNull();
  });
});

describe("chooseChart", () => {
  const roles = (columns: ResultColumn[], rows: Row[]) => columnRoles(columns, rows, KNOWN);

  it("draws a line over two or more years", () => {
    const rows: Row[] = [
      { year: 2023, population: 10 },
      { year: 2024, population: 11 },
    ];
    const columns = [col("year", "number"), col("population", "number")];
    expect(chooseChart(roles(columns, rows), rows)).toEqual({ available: ["line", "bar", "none"], preferred: "line" });
  });

  it("draws bars for ten municipalities, a map is offered; a map first from 20 municipalities", () => {
    const codes = [...KNOWN];
    const ten: Row[] = codes.map((c, i) => ({ kode: c, navn: `K${c}`, v: i }));
    const columns = [col("kode", "string"), col("navn", "string"), col("v", "number")];
    expect(chooseChart(roles(columns, ten), ten)).toEqual({ available: ["bar", "map", "none"], preferred: "bar" });
    const many = new Set(Array.from({ length: 30 }, (_, i) => String(101 + i * 10)));
    const rows: Row[] = [...many].map((c, i) => ({ kode: c, navn: c, v: i }));
    expect(chooseChart(columnRoles(columns, rows, many), rows).preferred).toBe("map");
  });

  it("offers no map when a municipality has several rows in the latest period", () => {
    const rows: Row[] = [
      { area: "101", sex: "M", v: 1 },
      { area: "101", sex: "K", v: 2 },
      { area: "461", sex: "M", v: 3 },
    ];
    const columns = [col("area", "string"), col("sex", "string"), col("v", "number")];
    expect(chooseChart(roles(columns, rows), rows).available).toEqual(["bar", "none"]);
  });

  it("turns one row of several numbers into bars per column, and offers nothing without numbers", () => {
    const one: Row[] = [{ year: 2024, a: 1, b: 2 }];
    expect(chooseChart(roles([col("year", "number"), col("a", "number"), col("b", "number")], one), one).preferred).toBe("bar");
    const text: Row[] = [{ name: "x" }];
    expect(chooseChart(roles([col("name", "string")], text), text)).toEqual({ available: ["none"], preferred: "none" });
    expect(chooseChart(roles([col("v", "number")], []), [])).toEqual({ available: ["none"], preferred: "none" });
  });
});

describe("periods", () => {
  it("turns StatBank period codes into dates and keeps years as numbers", () => {
    expect(periodValue(2024)).toBe(2024);
    expect(periodValue("2024")).toBe(2024);
    expect(periodValue("2026M03")).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(periodValue("2025K4")).toEqual(new Date(Date.UTC(2025, 9, 1)));
    expect(periodValue("x")).toBeNull();
  });

  it("keeps the rows of the latest period", () => {
    const rows: Row[] = [
      { y: 2023, v: 1 },
      { y: 2024, v: 2 },
      { y: 2024, v: 3 },
    ];
    expect(latestPeriodRows(rows, "y")).toEqual({
      rows: [
        { y: 2024, v: 2 },
        { y: 2024, v: 3 },
      ],
      latest: 2024,
    });
    const months: Row[] = [{ m: "2026M01" }, { m: "2025M12" }];
    expect(latestPeriodRows(months, "m").latest).toBe("2026M01");
    expect(latestPeriodRows(rows, null)).toEqual({ rows, latest: null });
  });

  it("reads codes from text and numbers", () => {
    expect([asCode("101"), asCode(101), asCode(85), asCode("1010"), asCode(1.5), asCode(null)]).toEqual(["101", "101", "085", null, null, null]);
  });
});

describe("pageBounds", () => {
  it("gives 50-row pages, clamping the page into range", () => {
    expect(pageBounds(1416, 1, 50)).toEqual({ page: 1, pages: 29, start: 0, end: 50 });
    expect(pageBounds(1416, 29, 50)).toEqual({ page: 29, pages: 29, start: 1400, end: 1416 });
    expect(pageBounds(1416, 99, 50)).toEqual({ page: 29, pages: 29, start: 1400, end: 1416 });
    expect(pageBounds(1416, 0, 50)).toEqual({ page: 1, pages: 29, start: 0, end: 50 });
    expect(pageBounds(0, 1, 50)).toEqual({ page: 1, pages: 1, start: 0, end: 0 });
    expect(pageBounds(50, 2, 50)).toEqual({ page: 1, pages: 1, start: 0, end: 50 });
  });
});

describe("cell formatting", () => {
  it("uses the fewest decimals that show a column exactly, up to 3", () => {
    expect(columnDecimals([1, 2, 3000])).toBe(0);
    expect(columnDecimals([1.5, 2])).toBe(1);
    expect(columnDecimals([27.6, 22.75])).toBe(2);
    expect(columnDecimals([1 / 3])).toBe(3);
    expect(columnDecimals([null, "x"])).toBe(0);
  });

  it("writes numbers the Danish way, but years and codes plainly", () => {
    expect(formatCell(213168, col("population", "number"))).toBe("213.168");
    expect(formatCell(-1742, col("netto", "number"))).toBe("−1.742");
    expect(formatCell(27.6, col("netto_pr_1000", "number"), 1)).toBe("+27,6");
    expect(formatCell(2024, col("year", "number"))).toBe("2024");
    expect(formatCell(2024, col("y", "number"), 0, true)).toBe("2024");
    expect(formatCell(2024, col("y", "number"))).toBe("2.024");
    expect(formatCell(null, col("v", "number"))).toBe("–");
  });

  it("writes dates, booleans and nested values", () => {
    const ms = Date.UTC(2024, 0, 2, 3, 4, 5);
    expect(formatCell(ms, col("d", "date"))).toBe("02.01.2024");
    expect(formatCell(ms, col("t", "timestamp"))).toBe("02.01.2024 03:04:05");
    expect(formatCell(true, col("b", "boolean"))).toBe("sand");
    expect(formatCell([1, 2], col("l", "other"))).toBe("[1,2]");
    expect(csvValue(ms, col("d", "date"))).toBe("2024-01-02");
    expect(csvValue(ms, col("t", "timestamp"))).toBe("2024-01-02 03:04:05");
    expect(csvValue(1.5, col("v", "number"))).toBe(1.5);
  });
});

describe("Arrow types in DuckDB's words", () => {
  it("names the loaders' types and others", () => {
    expect(sqlTypeName(new Dictionary(new Utf8(), new Int32()))).toBe("VARCHAR");
    expect(sqlTypeName(new Int16())).toBe("SMALLINT");
    expect(sqlTypeName(new Int32())).toBe("INTEGER");
    expect(sqlTypeName(new Int64())).toBe("BIGINT");
    expect(sqlTypeName(new Uint8())).toBe("UTINYINT");
    expect(sqlTypeName(new Float64())).toBe("DOUBLE");
    expect(sqlTypeName(new Bool())).toBe("BOOLEAN");
    expect(sqlTypeName(new DateDay())).toBe("DATE");
    expect(sqlTypeName(new TimestampMillisecond())).toBe("TIMESTAMP");
    expect(sqlTypeName(new Decimal(2, 10, 128))).toBe("DECIMAL(10,2)");
    expect(sqlTypeName(new List(new Field("item", new Int32())))).toBe("INTEGER[]");
    expect([valueKind(new Dictionary(new Utf8(), new Int8())), valueKind(new Float64()), valueKind(new DateDay()), valueKind(new Bool())]).toEqual([
      "string",
      "number",
      "date",
      "boolean",
    ]);
  });

  it("creates an empty table DuckDB accepts, with the same columns", async () => {
    const schema = new Schema([
      new Field("area", new Dictionary(new Utf8(), new Int32())),
      new Field("year", new Int16()),
      new Field("fte", new Float64()),
      new Field('odd "name"', new Utf8()),
    ]);
    const sql = createTableSql("benefits", schema);
    expect(sql).toBe('CREATE TABLE "benefits" ("area" VARCHAR, "year" SMALLINT, "fte" DOUBLE, "odd ""name""" VARCHAR)');
    const conn = await (await DuckDBInstance.create(":memory:")).connect();
    await conn.run(sql);
    const described = (await conn.runAndReadAll('DESCRIBE "benefits"')).getRowObjectsJS().map((r) => `${r.column_name} ${r.column_type}`);
    expect(described).toEqual(["area VARCHAR", "year SMALLINT", "fte DOUBLE", 'odd "name" VARCHAR']);
    conn.closeSync();
  });
});
