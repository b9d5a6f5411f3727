/**
 * Tableinfo is untrusted text (from the API or any mirror folder) that the scaffold writes into
 * code, comments and a CSV fixture: every text is made one line without a comment end, and every id
 * must look like a StatBank code, or nothing is written.
 */
import type { TableInfo } from "../../statbank/transport.ts";
import { CliError } from "../common.ts";

/** Characters no StatBank code has, and that could end a comment, a string or a CSV field. */
const UNSAFE_CODE = /[\u0000-\u001f\u007f\u2028\u2029`\\";]|\*\/|\/\*/;

/** A text from tableinfo as it may stand in a generated comment: one line, no comment end. */
export function commentSafe(text: string): string {
  return text
    .replace(/[\s\u0000-\u001f\u007f]+/g, " ")
    .replace(/\*\//g, "* /")
    .trim();
}

/**
 * The tableinfo the generated files are written from: every text one line without "*\/", and
 * every id checked to be a code (ids go into the code as JSON string literals, but also into
 * comments and the CSV fixture). A hostile id is refused, naming it; nothing is written then.
 */
export function safeTableInfo(info: TableInfo, table: string): TableInfo {
  const checkId = (id: string, what: string) => {
    if (typeof id !== "string" || id === "" || UNSAFE_CODE.test(id)) {
      throw new CliError(
        `${table}: the tableinfo's ${what} ${JSON.stringify(id)} is not a StatBank code (it has a line break, quote, ';', '*/' or similar). Nothing was written.`,
      );
    }
    return id;
  };
  return {
    ...info,
    id: info.id,
    text: commentSafe(info.text ?? ""),
    unit: commentSafe(info.unit ?? ""),
    ...(info.description !== undefined ? { description: commentSafe(info.description) } : {}),
    variables: info.variables.map((v) => ({
      ...v,
      id: checkId(v.id, "variable id"),
      text: commentSafe(v.text ?? ""),
      ...(v.map !== undefined ? { map: commentSafe(v.map) } : {}),
      values: v.values.map((x) => ({ id: checkId(x.id, `${v.id} code`), text: commentSafe(x.text ?? "") })),
    })),
  };
}
