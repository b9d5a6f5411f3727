/**
 * fill() (loaders/cli/scaffold/fill.ts), which fills the templates of npm run new-loader, and the
 * templates themselves: every placeholder gets a value, and a mistake fails instead of writing
 * "{{…}}" into a generated loader.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fill } from "../../loaders/cli/scaffold/fill.ts";
import { projectRoot } from "../paths.ts";

describe("fill", () => {
  it("replaces {{name}} and expands {{...name}} lines with their indentation", () => {
    const t = "const {{fn}} = {\n  {{...fields}}\n};\n{{...none}}\nend\n";
    expect(fill(t, { fn: "folk1a", fields: ["a: 1,", "", "b: 2,"], none: [] })).toBe("const folk1a = {\n  a: 1,\n\n  b: 2,\n};\nend\n");
  });

  it("inserts values as they are: $& and {{x}} in a value stay literal", () => {
    expect(fill("{{a}} {{b}}", { a: "$&$1", b: "{{a}}" })).toBe("$&$1 {{a}}");
  });

  it("refuses a missing value, a value of the wrong kind, an unused value and a {{...}} inside a line", () => {
    expect(() => fill("{{a}}", {}, "t")).toThrow("t: no value for {{a}}");
    expect(() => fill("{{...a}}", { a: "x" }, "t")).toThrow("needs a list of lines");
    expect(() => fill("{{a}}", { a: ["x"] }, "t")).toThrow("needs a string");
    expect(() => fill("x", { a: "y" }, "t")).toThrow("values not used: a");
    expect(() => fill("x {{...a}}", { a: [] }, "t")).toThrow("must stand alone");
  });

  it("every template in loaders/cli/templates uses only well-formed placeholders", () => {
    const dir = join(projectRoot, "loaders/cli/templates");
    const templates = readdirSync(dir).filter((f) => f.endsWith(".tmpl"));
    expect(templates.sort()).toEqual(["loader.test.ts.tmpl", "loader.ts.tmpl", "report.txt.tmpl", "thin-loader.ts.tmpl"]);
    for (const f of templates) {
      const text = readFileSync(join(dir, f), "utf8");
      const stray = text.replace(/^[ \t]*\{\{\.\.\.\w+\}\}$/gm, "").replace(/\{\{\w+\}\}/g, "");
      expect(stray, f).not.toMatch(/\{\{|\}\}/);
    }
  });
});
