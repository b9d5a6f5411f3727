/**
 * `npm run data -- …`: the analysts' StatBank command line, on the same client as the loaders
 * (live API, or a mirror folder with STATBANK_MIRROR=<dir> or --mirror <dir>).
 *
 *   --info TABLE [--all]            the table's variables and values (a mirror: what it holds)
 *                                   -> ./data/info.ts
 *   TABLE VAR=specs … [--out FILE]  fetch a selection to Arrow (default) or CSV, with
 *                                   <FILE>.provenance.json beside it -> ./data/fetch.ts, the
 *                                   selection checked by ./data/selection.ts, both files written
 *                                   together by ./data/output.ts
 *
 * This file reads the arguments and dispatches. Every error names the table, variable or code and
 * lists the valid ones; nothing is written unless the whole selection was read. Exit codes: 0 done,
 * 1 data, selection or file error, 2 usage.
 */
import { parseArgs } from "node:util";
import { MAX_NTH_COUNT } from "../statbank/query.ts";
import { checkTableId, CliError, clientFor, reportError, usageError, type CliIO } from "./common.ts";
import { fetchToFile, type FetchRequest } from "./data/fetch.ts";
import { INFO_VALUES, infoText } from "./data/info.ts";

// What the other command lines, scripts and tests import from here.
export { checkTableId, CliError, listCodes, reportError, usageError, type CliIO } from "./common.ts";
export { toCsv, VALUE_COLUMN, type OutputFormat } from "./data/fetch.ts";
export { INFO_VALUES, infoText } from "./data/info.ts";
export {
  checkOutputTarget,
  commitOutputs,
  OutputError,
  outputFailure,
  prepareOutputs,
  writeOutputs,
  type OutputTarget,
  type PreparedOutput,
} from "./data/output.ts";
export { ERROR_CODES } from "./data/selection.ts";
export { similarIds, tableInfoOrExplain } from "./data/tableInfo.ts";

export const USAGE = `npm run data -- --info TABLE [--all]
npm run data -- TABLE VAR=specs [VAR=specs …] [--out FILE] [--format arrow|csv] [--allow-gaps]

Reads StatBank tables with the same client as the dashboard's loaders: the live API
(https://api.statbank.dk/v1), or a mirror folder with STATBANK_MIRROR=DIR or --mirror DIR.

  --info TABLE    the table's title, unit, variables and values (first ${INFO_VALUES} per variable;
                  --all lists every value). On a mirror: what the mirror holds of it and what
                  MANIFEST.json says the file covers and lacks.
  TABLE VAR=specs fetch a selection. Name every variable of the table; specs are comma-separated:
                  101  *  2023*  *K1  >=2010K1<=2015K4  (1)  (-n+3)  -(-n+3)
                  (quote specs with > < ( ) * for the shell). Variable names ignore case (Tid = TID).
                  The numbers of an nth rule are at most ${MAX_NTH_COUNT}.
  --out FILE      where to write (default: TABLE.arrow, or TABLE.csv with --format csv, in the
                  current folder). The format follows the extension (.arrow, .csv) unless --format
                  says it. FILE.provenance.json is written beside it; the two are replaced
                  together or not at all. FILE must be a new path or a regular file (a link to
                  one is written through); a directory, device (/dev/null), FIFO or read-only
                  file is refused, even as root. A replaced file keeps its mode.
  --format F      arrow (default): a string column of codes per variable and INDHOLD (float64,
                  null where StatBank writes ".."), provenance in the schema metadata.
                  csv: ';'-separated UTF-8, header of variable codes and INDHOLD, decimal point,
                  ".." for missing, as the API's BULK answer.
  --allow-gaps    accept a mirror that lacks some requested codes: write what it holds and list
                  the gaps on stderr and in the provenance. Unknown codes are always an error.
  --mirror DIR    read the mirror folder DIR (same as STATBANK_MIRROR=DIR).

Examples:
  STATBANK_MIRROR=../shared/statbank npm run data -- --info FOLK1A
  npm run data -- FOLK1A OMRÅDE=101,461 KØN=TOT ALDER=IALT CIVILSTAND=TOT 'Tid=>=2015K1'
  npm run data -- AFSTB4 BOPOMR='*' SOCIO=02 KØN=TOT 'Tid=(-n+3)' --out pendling.csv

Exit code 0 when done, 1 for a table, variable or code the source does not have or a file that
cannot be written (the message names the path and the OS's error, e.g. EACCES), 2 for a usage error.
Kilde: Danmarks Statistik.
`;

interface Options extends Omit<FetchRequest, "table"> {
  help: boolean;
  info?: string;
  all: boolean;
  mirror?: string;
  table?: string;
}

export async function runDataCli(argv: string[], io: CliIO): Promise<number> {
  try {
    const opts = parseOptions(argv);
    if (opts.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    const client = clientFor(opts.mirror, io);
    if (opts.info) {
      io.stdout.write(await infoText(client, opts.info, opts.all));
      return 0;
    }
    await fetchToFile(client, { ...opts, table: opts.table! }, io);
    return 0;
  } catch (e) {
    return reportError(e, io, USAGE, "npm run data");
  }
}

function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        info: { type: "string" },
        all: { type: "boolean" },
        mirror: { type: "string" },
        format: { type: "string" },
        out: { type: "string", short: "o" },
        "allow-gaps": { type: "boolean" },
      },
    });
  } catch (e) {
    throw usageError(e);
  }
  const { values, positionals } = parsed;
  const opts: Options = {
    help: values.help ?? false,
    all: values.all ?? false,
    allowGaps: values["allow-gaps"] ?? false,
    mirror: values.mirror,
    out: values.out,
    selection: [],
  };
  if (opts.help) return opts;
  if (argv.length === 0) throw new CliError("Name a table: --info TABLE, or TABLE VAR=specs …", 2);
  if (values.format !== undefined) {
    const f = values.format.toLowerCase();
    if (f !== "arrow" && f !== "csv") throw new CliError(`--format ${values.format}: use arrow or csv`, 2);
    opts.format = f;
  }
  if (values.info !== undefined) {
    if (positionals.length > 0) {
      throw new CliError(`--info shows a table; it takes no selection (got ${positionals.join(" ")})`, 2);
    }
    if (values.out !== undefined || values.format !== undefined || opts.allowGaps) {
      throw new CliError("--info writes no file: leave out --out, --format and --allow-gaps", 2);
    }
    opts.info = checkTableId(values.info);
    return opts;
  }
  if (opts.all) throw new CliError("--all goes with --info TABLE", 2);
  const [table, ...rest] = positionals;
  if (table === undefined) throw new CliError("Name a table: TABLE VAR=specs …", 2);
  if (table.includes("=")) throw new CliError(`The first argument must be the table id, not ${JSON.stringify(table)}`, 2);
  opts.table = checkTableId(table);
  if (rest.length === 0) {
    throw new CliError(`Select values for the variables of ${opts.table}, e.g. VAR=*  (npm run data -- --info ${opts.table} lists them)`, 2);
  }
  for (const arg of rest) {
    const eq = arg.indexOf("=");
    if (eq <= 0) throw new CliError(`${JSON.stringify(arg)} is not VAR=specs (e.g. OMRÅDE=101,461 or 'Tid=(-n+3)')`, 2);
    const variable = arg.slice(0, eq).trim();
    const specs = arg
      .slice(eq + 1)
      .split(",")
      .map((s) => s.trim());
    if (specs.some((s) => s === "")) throw new CliError(`${variable}: empty value spec in ${JSON.stringify(arg)}`, 2);
    const existing = opts.selection.find((s) => s.variable.toUpperCase() === variable.toUpperCase());
    if (existing) existing.specs.push(...specs);
    else opts.selection.push({ variable, specs });
  }
  return opts;
}
