/**
 * Fills the scaffold's text templates (loaders/cli/templates/*.tmpl). `{{name}}` is replaced by
 * the string values[name]. A line that holds nothing but `{{...name}}` after its indentation is
 * replaced by the lines values[name] (a string[]), each indented like the placeholder; an empty
 * list removes the line. Values are inserted as they are, never read as templates themselves.
 * Every placeholder needs a value of its kind and every value must be used, so a misspelt or
 * forgotten placeholder is an error instead of a "{{…}}" in a generated loader.
 */
export type TemplateValues = Record<string, string | readonly string[]>;

const BLOCK = /^([ \t]*)\{\{\.\.\.(\w+)\}\}$/;
const INLINE = /\{\{(\w+)\}\}/g;

export function fill(template: string, values: TemplateValues, name = "template"): string {
  const used = new Set<string>();
  const value = (key: string, kind: "string" | "lines") => {
    const v = values[key];
    if (v === undefined) throw new Error(`${name}: no value for {{${kind === "lines" ? "..." : ""}${key}}}`);
    if ((typeof v === "string") !== (kind === "string"))
      throw new Error(`${name}: {{${kind === "lines" ? "..." : ""}${key}}} needs ${kind === "string" ? "a string" : "a list of lines"}`);
    used.add(key);
    return v;
  };
  const out: string[] = [];
  for (const line of template.split("\n")) {
    const block = BLOCK.exec(line);
    if (block) {
      for (const l of value(block[2], "lines") as readonly string[]) out.push(l === "" ? "" : block[1] + l);
      continue;
    }
    if (line.includes("{{...")) throw new Error(`${name}: {{...}} must stand alone on its line: ${JSON.stringify(line)}`);
    out.push(line.replace(INLINE, (_, key: string) => value(key, "string") as string));
  }
  const unused = Object.keys(values).filter((k) => !used.has(k));
  if (unused.length > 0) throw new Error(`${name}: values not used: ${unused.join(", ")}`);
  return out.join("\n");
}
