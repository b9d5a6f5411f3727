/**
 * Arrow column types in DuckDB's words (VARCHAR, SMALLINT, DOUBLE, …), for the SQL workbench's
 * table list and for creating an empty table from an Arrow schema: DuckDB-wasm 1.32 cannot read an
 * IPC stream of zero rows with dictionary columns ("IPC stream did not have the expected number
 * (1) of dictionaries"), and such a failed insert breaks later inserts on the same connection.
 */
// Arrow's own type ids (Schema.fbs), the same in apache-arrow (which DuckDB-wasm's results use)
// and in @uwdata/flechette (which decodes the site's files): no Arrow library is needed here.
const T = {
  Dictionary: -1,
  Int: 2,
  Float: 3,
  Binary: 4,
  Utf8: 5,
  Bool: 6,
  Decimal: 7,
  Date: 8,
  Time: 9,
  Timestamp: 10,
  List: 12,
  Struct: 13,
  FixedSizeBinary: 15,
  FixedSizeList: 16,
  LargeBinary: 19,
  LargeUtf8: 20,
  LargeList: 21,
  BinaryView: 23,
  Utf8View: 24,
} as const;

/** An Arrow data type as either library describes it (apache-arrow says isSigned, flechette signed). */
export interface ArrowType {
  typeId: number;
  bitWidth?: number;
  isSigned?: boolean;
  signed?: boolean;
  precision?: number;
  scale?: number;
  dictionary?: ArrowType;
  children?: ReadonlyArray<{ name: string; type: ArrowType }>;
}

const NAMES: Record<number, string> = {
  [T.Utf8]: "VARCHAR",
  [T.LargeUtf8]: "VARCHAR",
  [T.Utf8View]: "VARCHAR",
  [T.Bool]: "BOOLEAN",
  [T.Date]: "DATE",
  [T.Timestamp]: "TIMESTAMP",
  [T.Time]: "TIME",
  [T.Binary]: "BLOB",
  [T.LargeBinary]: "BLOB",
  [T.BinaryView]: "BLOB",
  [T.FixedSizeBinary]: "BLOB",
};

export function sqlTypeName(type: ArrowType): string {
  const id = type.typeId;
  if (id === T.Dictionary && type.dictionary) return sqlTypeName(type.dictionary);
  if (id === T.Int) {
    const base = { 8: "TINYINT", 16: "SMALLINT", 32: "INTEGER", 64: "BIGINT" }[type.bitWidth as 8 | 16 | 32 | 64];
    return (type.isSigned ?? type.signed ?? true) ? base : `U${base}`;
  }
  // precision: 0 half, 1 single, 2 double
  if (id === T.Float) return type.precision === 2 ? "DOUBLE" : "FLOAT";
  if (id === T.Decimal) return `DECIMAL(${type.precision},${type.scale})`;
  if ((id === T.List || id === T.LargeList || id === T.FixedSizeList) && type.children?.[0]) return `${sqlTypeName(type.children[0].type)}[]`;
  if (id === T.Struct && type.children) return `STRUCT(${type.children.map((f) => `${quoteIdent(f.name)} ${sqlTypeName(f.type)}`).join(", ")})`;
  return NAMES[id] ?? String(type).toUpperCase();
}

/** What a value of the column is, for formatting and charts. */
export type ValueKind = "number" | "string" | "boolean" | "date" | "timestamp" | "other";

export function valueKind(type: ArrowType): ValueKind {
  const id = type.typeId;
  if (id === T.Dictionary && type.dictionary) return valueKind(type.dictionary);
  if (id === T.Int || id === T.Float || id === T.Decimal) return "number";
  if (id === T.Utf8 || id === T.LargeUtf8 || id === T.Utf8View) return "string";
  if (id === T.Bool) return "boolean";
  if (id === T.Date) return "date";
  if (id === T.Timestamp) return "timestamp";
  return "other";
}

/** An identifier double-quoted as DuckDB wants: mine tal -> "mine tal". */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** CREATE TABLE for an Arrow schema (no rows). */
export function createTableSql(name: string, schema: { fields: ReadonlyArray<{ name: string; type: ArrowType }> }): string {
  return `CREATE TABLE ${quoteIdent(name)} (${schema.fields.map((f) => `${quoteIdent(f.name)} ${sqlTypeName(f.type)}`).join(", ")})`;
}
