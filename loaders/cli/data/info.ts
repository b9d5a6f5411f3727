/**
 * `npm run data -- --info TABLE [--all]`: the plain-text description of a table, its variables and
 * values; on a mirror also what the mirror holds of it (against the stored tableinfo) and what
 * MANIFEST.json says the file covers and lacks.
 */
import type { StatbankClient } from "../../statbank/client.ts";
import { MirrorTransport, type ManifestTable } from "../../statbank/mirror.ts";
import { danishPeriod } from "../../statbank/period.ts";
import type { TableInfo, TableVariable } from "../../statbank/transport.ts";
import { listCodes } from "../common.ts";
import { tableInfoOrExplain } from "./tableInfo.ts";

/** Values listed per variable by --info unless --all is given. */
export const INFO_VALUES = 20;

/** The plain-text description --info prints. */
export async function infoText(client: StatbankClient, table: string, all = false): Promise<string> {
  const info = await tableInfoOrExplain(client, table);
  const mirror = client.transport instanceof MirrorTransport ? client.transport : null;
  const stored = mirror ? await mirror.storedTableInfo(table) : null;
  const entry = mirror ? await mirror.manifestEntry(table) : undefined;
  const out: string[] = [];
  out.push(`${info.id}: ${info.text}`);
  if (info.description && info.description !== info.text) out.push(`Description: ${info.description}`);
  out.push(`Unit: ${info.unit || "(not stated)"}`);
  if (info.updated) out.push(`Updated: ${info.updated}${mirror ? " (per the stored tableinfo)" : ""}`);
  if (mirror) {
    out.push(`Source: mirror ${mirror.source.location}, not the live API: the values below are those ${entry?.file ?? `${info.id}.csv`} holds.`);
    out.push(
      stored
        ? `  tableinfo/${info.id}.json is stored: texts and the full table's values come from it.`
        : `  No tableinfo/${info.id}.json: variables and codes are those of the file, without texts.`,
    );
    if (entry) out.push(...manifestLines(entry));
    else out.push("  MANIFEST.json says nothing about this file.");
  } else {
    out.push(`Source: live API ${client.source.location}`);
  }
  out.push("", `Variables (${info.variables.length}); a selection names every one, e.g. ${exampleSelection(info)}:`);
  for (const v of info.variables) {
    const storedVar = stored?.variables.find((s) => s.id.toUpperCase() === v.id.toUpperCase());
    out.push("", ...wrap(variableHeading(v, storedVar ?? null, !!mirror), "  ", "      "));
    const shown = all ? v.values : v.values.slice(0, INFO_VALUES);
    const width = Math.min(12, Math.max(...shown.map((x) => x.id.length), 1));
    for (const value of shown) {
      out.push(value.text && value.text !== value.id ? `    ${value.id.padEnd(width)}  ${value.text}` : `    ${value.id}`);
    }
    if (shown.length < v.values.length) out.push(`    … ${v.values.length - shown.length} more (--all lists every value)`);
  }
  out.push("", `Kilde: Danmarks Statistik, ${info.id}`, "");
  return out.join("\n");
}

function variableHeading(v: TableVariable, storedVar: TableVariable | null, isMirror: boolean): string {
  const codes = v.values.map((x) => x.id);
  const noun = (n: number) => `${n} value${n === 1 ? "" : "s"}`;
  let head = `${v.id} (${v.text})${v.time ? ", time" : ""}: ${noun(codes.length)}${isMirror ? " in the mirror" : ""}`;
  if (v.time && codes.length > 1) head += `, ${codes[0]}–${codes[codes.length - 1]}`;
  if (!isMirror) return head;
  if (!storedVar) return head;
  const full = storedVar.values.map((x) => (v.time ? danishPeriod(x.id) : x.id));
  const held = new Set(codes.map((c) => c.toUpperCase()));
  const lacking = full.filter((c) => !held.has(c.toUpperCase()));
  const known = new Set(full.map((c) => c.toUpperCase()));
  const extra = codes.filter((c) => !known.has(c.toUpperCase()));
  const notes = [`the stored tableinfo has ${full.length}`];
  if (lacking.length > 0) notes.push(`not in the mirror: ${listCodes(lacking, 12)}`);
  if (extra.length > 0) notes.push(`in the mirror but not in the stored tableinfo: ${listCodes(extra, 12)}`);
  return `${head} (${notes.join("; ")})`;
}

function manifestLines(entry: ManifestTable): string[] {
  const out = [`  MANIFEST.json on ${entry.file ?? entry.id}${entry.rows !== undefined ? ` (${entry.rows} rows)` : ""}:`];
  if (entry.title && entry.title !== entry.id) out.push(...wrap(`title: ${entry.title}`, "    "));
  if (entry.periods !== undefined) out.push(...wrap(`periods: ${coverage(entry.periods)}`, "    "));
  const variables = entry.variables;
  if (variables && typeof variables === "object" && !Array.isArray(variables)) {
    for (const [k, v] of Object.entries(variables as Record<string, unknown>)) out.push(...wrap(`${k}: ${coverage(v)}`, "    "));
  }
  if (Array.isArray(entry.slices)) {
    out.push(`    covers ${entry.slices.length} slices:`);
    for (const slice of entry.slices as Array<Record<string, unknown>>) {
      const parts = Object.entries(slice)
        .filter(([k]) => !["rows", "source", "note"].includes(k))
        .map(([k, v]) => `${k} ${coverage(v)}`);
      out.push(...wrap(`${slice.rows ?? "?"} rows: ${parts.join("; ")}`, "      "));
    }
  }
  if (entry.gaps) out.push(...wrap(`lacks: ${entry.gaps}`, "    "));
  return out;
}

function coverage(v: unknown): string {
  if (Array.isArray(v)) return listCodes(v.map(String), 12);
  if (typeof v === "string" || typeof v === "number") return String(v);
  return JSON.stringify(v);
}

function exampleSelection(info: TableInfo): string {
  return info.variables
    .map((v) => {
      const id = v.time ? "Tid" : v.id;
      const spec = v.time ? "(1)" : (v.values[0]?.id ?? "*");
      return /[*()<>]/.test(spec) ? `'${id}=${spec}'` : `${id}=${spec}`;
    })
    .join(" ");
}


/** Word-wrap `text` to `width` columns; the first line starts with `prefix`, the others with `next`. */
function wrap(text: string, prefix: string, next = prefix, width = 100): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    const p = lines.length === 0 ? prefix : next;
    if (line && p.length + line.length + 1 + w.length > width) {
      lines.push(p + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push((lines.length === 0 ? prefix : next) + line);
  return lines;
}
