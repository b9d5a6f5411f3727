/**
 * Registering a dataset in src/components/data.ts (its FILES entry and its row type in
 * DatasetRows), found with the TypeScript parser and edited in place: parts already there are left
 * as they are, and an edit that would break the file is refused.
 */
import ts from "typescript";
import { CliError } from "../common.ts";

export interface RegistryEntry {
  name: string;
  rowType: string;
  /** Module the row type is imported from, as written in data.ts. */
  from: string;
}

interface Edit {
  pos: number;
  text: string;
}

function parse(text: string, file: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function filesObject(sf: ts.SourceFile): ts.ObjectLiteralExpression | null {
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || d.name.text !== "FILES") continue;
      let init = d.initializer;
      while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
      if (init && ts.isObjectLiteralExpression(init)) return init;
    }
  }
  return null;
}

function rowsInterface(sf: ts.SourceFile): ts.InterfaceDeclaration | null {
  return sf.statements.find((st): st is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(st) && st.name.text === "DatasetRows") ?? null;
}

function memberName(m: ts.ObjectLiteralElementLike | ts.TypeElement, sf: ts.SourceFile): string | null {
  if (!m.name) return null;
  if (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) return m.name.text;
  return m.name.getText(sf);
}

/** Does data.ts register `name` in FILES? */
export function isRegistered(source: string, name: string, file = "data.ts"): boolean {
  const obj = filesObject(parse(source, file));
  const sf = obj?.getSourceFile();
  return !!obj && obj.properties.some((p) => memberName(p, sf!) === name);
}

/** Insert `line` as the last member of a `{ … }` list (object literal or interface body). */
function appendMember(text: string, sf: ts.SourceFile, members: ts.NodeArray<ts.Node>, open: number, line: string, sep: "," | ";"): Edit {
  if (members.length === 0) return { pos: open + 1, text: `\n  ${line}${sep}` };
  const last = members[members.length - 1];
  const start = last.getStart(sf);
  const lineStart = text.lastIndexOf("\n", start) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  let pos = last.end;
  const after = /^[ \t]*([,;])/.exec(text.slice(pos));
  if (after) pos += after[0].length;
  else if (sep === ",") return { pos, text: `,\n${indent}${line}` };
  return { pos, text: `\n${indent}${line}${sep}` };
}

/**
 * Register a dataset in data.ts: a FileAttachment entry in FILES, its row type in DatasetRows
 * (imported type-only from the loader). Parts already there are left as they are, so running
 * it twice changes nothing. Throws when FILES or DatasetRows cannot be found.
 */
export function registerDataset(source: string, entry: RegistryEntry, file = "src/components/data.ts"): { text: string; changed: boolean } {
  const sf = parse(source, file);
  const obj = filesObject(sf);
  const rows = rowsInterface(sf);
  if (!obj || !rows) {
    throw new CliError(
      `${file}: ${!obj ? "no `const FILES = { … }` registry" : "no `interface DatasetRows { … }`"} found; nothing was written. ` +
        `Register "${entry.name}" by hand: ${entry.name}: () => FileAttachment("../data/${entry.name}.arrow").href`,
    );
  }
  const edits: Edit[] = [];
  const hasFile = obj.properties.some((p) => memberName(p, sf) === entry.name);
  const hasRows = rows.members.some((m) => memberName(m, sf) === entry.name);
  let alias = entry.rowType;
  if (!hasRows) {
    const imports = sf.statements.filter(ts.isImportDeclaration);
    const existing = imports.find((i) => ts.isStringLiteral(i.moduleSpecifier) && i.moduleSpecifier.text === entry.from);
    const bound = existing?.importClause?.namedBindings;
    const binding = bound && ts.isNamedImports(bound) ? bound.elements.find((e) => (e.propertyName ?? e.name).text === entry.rowType) : undefined;
    if (binding) alias = binding.name.text;
    else {
      const taken = declaredNames(sf);
      for (let i = 2; taken.has(alias); i++) alias = `${entry.rowType.replace(/Row$/, "")}DatasetRow${i === 2 ? "" : i}`;
      const spec = alias === entry.rowType ? entry.rowType : `${entry.rowType} as ${alias}`;
      const line = `import type { ${spec} } from ${JSON.stringify(entry.from)};`;
      const lastImport = imports[imports.length - 1];
      edits.push(lastImport ? { pos: lastImport.end, text: `\n${line}` } : { pos: 0, text: `${line}\n` });
    }
    edits.push(appendMember(source, sf, rows.members, rows.members.pos - 1, `${entry.name}: ${alias}`, ";"));
  }
  if (!hasFile) {
    edits.push(appendMember(source, sf, obj.properties, obj.getStart(sf), `${entry.name}: () => FileAttachment("../data/${entry.name}.arrow").href`, ","));
  }
  if (edits.length === 0) return { text: source, changed: false };
  let text = source;
  for (const e of edits.sort((a, b) => b.pos - a.pos)) text = text.slice(0, e.pos) + e.text + text.slice(e.pos);
  const check = ts.transpileModule(text, { reportDiagnostics: true, fileName: file }).diagnostics ?? [];
  if (check.length > 0) {
    throw new CliError(
      `${file}: registering "${entry.name}" would break the file (${ts.flattenDiagnosticMessageText(check[0].messageText, " ")}); nothing was written`,
    );
  }
  return { text, changed: true };
}

function declaredNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const st of sf.statements) {
    if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st)) && st.name)
      names.add(st.name.text);
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
    if (ts.isImportDeclaration(st)) {
      const c = st.importClause;
      if (c?.name) names.add(c.name.text);
      if (c?.namedBindings && ts.isNamedImports(c.namedBindings)) c.namedBindings.elements.forEach((e) => names.add(e.name.text));
      if (c?.namedBindings && ts.isNamespaceImport(c.namedBindings)) names.add(c.namedBindings.name.text);
    }
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) st.exportClause.elements.forEach((e) => names.add(e.name.text));
  }
  return names;
}
