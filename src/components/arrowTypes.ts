/**
 * Arrow column types in DuckDB's words (VARCHAR, SMALLINT, DOUBLE, …), for the SQL workbench's
 * table list and for creating an empty table from an Arrow schema: DuckDB-wasm 1.32 cannot read an
 * IPC stream of zero rows with dictionary columns ("IPC stream did not have the expected number
 * (1) of dictionaries"), and such a failed insert breaks later inserts on the same connection.
 */
import { DataType, type Field, type Schema } from "apache-arrow";

export function sqlTypeName(type: DataType): string {
  if (DataType.isDictionary(type)) return sqlTypeName(type.dictionary);
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return "VARCHAR";
  if (DataType.isBool(type)) return "BOOLEAN";
  if (DataType.isInt(type)) {
    const base = { 8: "TINYINT", 16: "SMALLINT", 32: "INTEGER", 64: "BIGINT" }[type.bitWidth as 8 | 16 | 32 | 64];
    return type.isSigned ? base : `U${base}`;
  }
  if (DataType.isFloat(type)) return type.precision === 2 ? "DOUBLE" : "FLOAT";
  if (DataType.isDecimal(type)) return `DECIMAL(${type.precision},${type.scale})`;
  if (DataType.isDate(type)) return "DATE";
  if (DataType.isTimestamp(type)) return "TIMESTAMP";
  if (DataType.isTime(type)) return "TIME";
  if (DataType.isBinary(type) || DataType.isLargeBinary(type) || DataType.isFixedSizeBinary(type)) return "BLOB";
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) return `${sqlTypeName(type.children[0].type)}[]`;
  if (DataType.isStruct(type)) return `STRUCT(${type.children.map((f) => `${quoteIdent(f.name)} ${sqlTypeName(f.type)}`).join(", ")})`;
  return String(type).toUpperCase();
}

/** What a value of the column is, for formatting and charts. */
export type ValueKind = "number" | "string" | "boolean" | "date" | "timestamp" | "other";

export function valueKind(type: DataType): ValueKind {
  if (DataType.isDictionary(type)) return valueKind(type.dictionary);
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type)) return "number";
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return "string";
  if (DataType.isBool(type)) return "boolean";
  if (DataType.isDate(type)) return "date";
  if (DataType.isTimestamp(type)) return "timestamp";
  return "other";
}

/** An identifier double-quoted as DuckDB wants: mine tal -> "mine tal". */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** CREATE TABLE for an Arrow schema (no rows). */
export function createTableSql(name: string, schema: Schema | { fields: Field[] }): string {
  return `CREATE TABLE ${quoteIdent(name)} (${schema.fields.map((f) => `${quoteIdent(f.name)} ${sqlTypeName(f.type)}`).join(", ")})`;
}
