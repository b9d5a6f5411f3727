/**
 * DuckDB's error messages end with the line of the query and a caret under the error:
 *
 *   Parser Error: syntax error at or near "FORM"
 *
 *   LINE 1: SELECT * FORM population
 *                    ^
 *
 * Long lines are cut ("LINE 1: ...cccc WHERE xxx = 1 AND..."), parser errors repeat the block,
 * and with letters outside ASCII (æ, ø, å) before it the caret can stand a few places off. The
 * position is read from the block and checked against the name the message quotes.
 */

export interface ErrorPosition {
  /** 1-based line and column, as shown to the analyst. */
  line: number;
  column: number;
  /** Offset into the whole text (0-based) and the length of the token there, for selecting it. */
  offset: number;
  length: number;
}

/**
 * DuckDB-wasm's `send()` reports an error as JSON ({"exception_type":"Parser",
 * "exception_message":"syntax error at …\n\nLINE 3: …",…}); this gives the text DuckDB itself
 * prints, "Parser Error: syntax error at …". Any other message is returned as it is.
 */
export function plainErrorMessage(message: string): string {
  if (!message.startsWith("{")) return message;
  try {
    const data = JSON.parse(message) as { exception_type?: unknown; exception_message?: unknown };
    if (typeof data.exception_message !== "string") return message;
    return typeof data.exception_type === "string" && data.exception_type ? `${data.exception_type} Error: ${data.exception_message}` : data.exception_message;
  } catch {
    return message;
  }
}

/** The message without a repeated LINE/caret block. */
export function tidyErrorMessage(message: string): string {
  const blocks = message.split(/\n\n(?=LINE \d+:)/);
  const kept = blocks.filter((b, i) => blocks.indexOf(b) === i);
  return kept.join("\n\n").trimEnd();
}

/** The name the message is about: near "FORM", column "nope", Table with name nosuch. */
function quotedName(message: string): string | null {
  const first = message.split("\n")[0];
  const table = /Table with name (\S+) does not exist/.exec(first);
  if (table) return table[1];
  const quoted = /"([^"]+)"/.exec(first);
  return quoted ? quoted[1] : null;
}

export function parseErrorPosition(message: string, sql: string): ErrorPosition | null {
  const m = /^LINE (\d+): (.*)\n( *)\^/m.exec(message);
  if (!m) return null;
  const line = Number(m[1]);
  const lines = sql.replace(/\r\n?/g, "\n").split("\n");
  const source = lines[line - 1];
  if (source === undefined) return null;
  const prefix = `LINE ${m[1]}: `.length;
  let caret = m[3].length - prefix;
  let fragment = m[2];
  if (fragment.startsWith("...")) {
    fragment = fragment.slice(3);
    caret -= 3;
  }
  if (fragment.endsWith("...")) fragment = fragment.slice(0, -3);
  let start = source.indexOf(fragment);
  if (start < 0) start = source.indexOf(fragment.slice(0, 20));
  if (start < 0) start = 0;
  let column = Math.min(Math.max(0, start + caret), source.length);

  // Check against the quoted name: take its occurrence nearest to the caret.
  const name = quotedName(message);
  let length = 0;
  if (name) {
    const lowerSource = source.toLowerCase();
    const lowerName = name.toLowerCase();
    let best = -1;
    for (let i = lowerSource.indexOf(lowerName); i >= 0; i = lowerSource.indexOf(lowerName, i + 1)) {
      if (best < 0 || Math.abs(i - column) < Math.abs(best - column)) best = i;
    }
    if (best >= 0) {
      column = best;
      length = name.length;
    }
  }
  if (length === 0) length = /^[\p{L}\p{N}_]+/u.exec(source.slice(column))?.[0].length || 1;
  length = Math.min(length, Math.max(0, source.length - column)) || (column < source.length ? 1 : 0);
  const offset = lines.slice(0, line - 1).reduce((s, l) => s + l.length + 1, 0) + column;
  return { line, column: column + 1, offset, length };
}
