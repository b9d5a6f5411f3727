/**
 * What the command lines in loaders/cli share: the IO they are given, the error meant for the
 * user (CliError, with an exit code), how an error is reported, and the checks of a table id and a
 * mirror folder that `npm run data`, `npm run new-loader` and `npm run doctor` make alike.
 */
import { resolve } from "node:path";
import { clientFromEnv, type StatbankClient } from "../statbank/client.ts";

export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Relative paths (--out, --mirror, STATBANK_MIRROR) are resolved against this folder. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** An error meant for the user: the message is the whole story (no stack), with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/**
 * Write an error to stderr and return the exit code: a CliError's message (with the usage's first
 * paragraph after a usage error), else the error's message with exit code 1.
 */
export function reportError(e: unknown, io: Pick<CliIO, "stderr">, usage: string, command: string): number {
  if (e instanceof CliError) {
    io.stderr.write(`${e.message}\n`);
    if (e.exitCode === 2) io.stderr.write(`\nUsage:\n${indent(usage.split("\n\n")[0], "  ")}\n${command} -- --help for more.\n`);
    return e.exitCode;
  }
  io.stderr.write(`${(e as Error).message ?? String(e)}\n`);
  return 1;
}

/** node's parseArgs error as a usage error; its note about positionals after "--" is left out. */
export function usageError(e: unknown): CliError {
  return new CliError((e as Error).message.replace(/\. To specify a positional.*$/s, ""), 2);
}

export function checkTableId(id: string): string {
  const t = id.trim();
  if (!/^[A-Za-zÆØÅæøå0-9_]+$/.test(t)) {
    throw new CliError(`${JSON.stringify(id)} is not a StatBank table id (letters, digits, _; e.g. FOLK1A)`, 2);
  }
  return t.toUpperCase();
}

/**
 * The loaders' client for a command line: the mirror folder `mirror` (--mirror) or else
 * STATBANK_MIRROR, resolved against io.cwd; neither, the live API.
 */
export function clientFor(mirrorOption: string | undefined, io: Pick<CliIO, "cwd" | "env">): StatbankClient {
  const env = { ...io.env };
  const mirror = mirrorOption?.trim() || env.STATBANK_MIRROR?.trim();
  if (mirror) env.STATBANK_MIRROR = resolve(io.cwd, mirror);
  else delete env.STATBANK_MIRROR;
  return clientFromEnv(env);
}

/** "a, b, c" or "a, b, … (N in all)". */
export function listCodes(codes: string[], max: number): string {
  if (codes.length <= max) return codes.join(", ");
  return `${codes.slice(0, max).join(", ")}, … (${codes.length} in all)`;
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((l) => (l ? prefix + l : l))
    .join("\n");
}
