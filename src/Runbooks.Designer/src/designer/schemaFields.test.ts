import { describe, expect, it } from "vitest";
import { fieldsOf, linesToList, numberOrText, requiredInputs } from "./schemaFields";

describe("schema fields", () => {
  it("fieldsOf_templateAlternatives_showTheRealType", () => {
    const fields = fieldsOf({
      type: "object",
      required: ["url"],
      properties: {
        url: { type: "string", description: "The URL" },
        expectStatus: { anyOf: [{ type: "array", items: { type: "integer" } }, { type: "string", pattern: "\\{\\{" }] },
        method: { type: "string", enum: ["GET", "POST"], default: "GET" },
        insecure: { anyOf: [{ type: "boolean" }, { type: "string", pattern: "\\{\\{" }] },
        script: { type: "string" },
      },
    });
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ["url", "text", true],
      ["expectStatus", "list", false],
      ["method", "enum", false],
      ["insecure", "boolean", false],
      ["script", "multiline", false],
    ]);
    expect(fields[1].numericItems).toBe(true);
    expect(fields[2].default).toBe("GET");
  });

  it("fieldsOf_wholeInputMayBeATemplate_readsTheObjectMember", () => {
    const schema = { anyOf: [{ type: "object", properties: { that: { type: "boolean" } }, required: ["that"] }, { type: "string", pattern: "\\{\\{" }] };
    expect(fieldsOf(schema).map((f) => f.name)).toEqual(["that"]);
    expect(requiredInputs(schema)).toEqual(["that"]);
  });

  it("numberOrText_templateText_staysText", () => {
    expect(numberOrText("42")).toBe(42);
    expect(numberOrText("{{ params.n }}")).toBe("{{ params.n }}");
    expect(numberOrText(" ")).toBeUndefined();
  });

  it("linesToList_numericItems_becomeNumbers", () => {
    expect(linesToList("200\n204", true)).toEqual([200, 204]);
    expect(linesToList("{{ params.codes }}", true)).toBe("{{ params.codes }}");
    expect(linesToList("a\n\nb", false)).toEqual(["a", "b"]);
  });
});
