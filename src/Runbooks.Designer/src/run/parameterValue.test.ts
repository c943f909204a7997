import { describe, expect, it } from "vitest";
import { parameterValue } from "./parameterValue";

describe("parameterValue", () => {
  it("parameterValue_int_acceptsOnlyWholeNumbers", () => {
    expect(parameterValue("42", "int")).toEqual({ value: 42 });
    expect(parameterValue("4.2", "int").error).toMatch(/whole number/);
  });

  it("parameterValue_list_takesCommasOrJson", () => {
    expect(parameterValue("a, b,,c", "list")).toEqual({ value: ["a", "b", "c"] });
    expect(parameterValue('["x y"]', "list")).toEqual({ value: ["x y"] });
    expect(parameterValue("[oops", "list").error).toBeDefined();
  });

  it("parameterValue_stringKeepsSpacesAndQuotesAsTheyAre", () => {
    expect(parameterValue(" $(rm -rf /) ", "string")).toEqual({ value: " $(rm -rf /) " });
  });

  it("parameterValue_map_needsAnObject", () => {
    expect(parameterValue('{"a":1}', "map")).toEqual({ value: { a: 1 } });
    expect(parameterValue("[1]", "map").error).toMatch(/JSON object/);
  });
});
