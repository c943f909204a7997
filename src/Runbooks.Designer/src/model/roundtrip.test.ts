import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { fromGraph, toGraph } from "./graph";
import { parseRunbookYaml, writeRunbookYaml } from "./yamlText";

const workflows = join(__dirname, "../../../../workflows");

function yamlFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const files = yamlFiles(workflows);

/** The comment lines of a YAML text, in order (a "#" that starts a line, after indentation). */
function comments(yaml: string): string[] {
  return yaml.split("\n").map((line) => line.trim()).filter((line) => line.startsWith("#"));
}

describe("every runbook in workflows/", () => {
  it("there are runbooks to test", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of files) {
    const name = relative(workflows, file);
    const text = readFileSync(file, "utf8");

    it(`toGraph_fromGraph_${name}_keepsEveryKeyInOrder`, () => {
      const parsed = parseRunbookYaml(text);
      expect(parsed.problems).toEqual([]);
      const back = fromGraph(toGraph(parsed.doc!));
      // Key order matters too: JSON text comparison is order-sensitive, toEqual is not.
      expect(JSON.stringify(back)).toBe(JSON.stringify(parsed.doc));
    });

    it(`writeRunbookYaml_${name}_plainTextParsesToTheSameModel`, () => {
      const doc = parseRunbookYaml(text).doc!;
      const written = writeRunbookYaml(fromGraph(toGraph(doc)));
      const again = parseRunbookYaml(written);
      expect(again.problems).toEqual([]);
      expect(JSON.stringify(again.doc)).toBe(JSON.stringify(doc));
    });

    it(`writeRunbookYaml_${name}_withTheReadDocumentKeepsEveryComment`, () => {
      const parsed = parseRunbookYaml(text);
      const written = writeRunbookYaml(fromGraph(toGraph(parsed.doc!)), parsed.document);
      expect(JSON.stringify(parseRunbookYaml(written).doc)).toBe(JSON.stringify(parsed.doc));
      expect(comments(written)).toEqual(comments(text));
    });
  }
});
