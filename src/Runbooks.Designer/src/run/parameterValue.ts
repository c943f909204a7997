import type { Json } from "../model/runbook";

/** A value typed into the run form, converted to the parameter's type the way the server reads it (or why not). */
export function parameterValue(text: string, type: string): { value?: Json; error?: string } {
  const trimmed = text.trim();
  switch (type) {
    case "int":
      return /^-?\d+$/.test(trimmed) ? { value: Number(trimmed) } : { error: `expected a whole number, got '${text}'` };
    case "number":
      return trimmed !== "" && Number.isFinite(Number(trimmed)) ? { value: Number(trimmed) } : { error: `expected a number, got '${text}'` };
    case "bool":
      return trimmed === "true" || trimmed === "false" ? { value: trimmed === "true" } : { error: "expected true or false" };
    case "list":
      if (trimmed.startsWith("[")) {
        try {
          const parsed = JSON.parse(trimmed) as Json;
          return Array.isArray(parsed) ? { value: parsed } : { error: "expected a JSON list" };
        } catch {
          return { error: "not a valid JSON list" };
        }
      }
      return { value: trimmed.split(",").map((item) => item.trim()).filter((item) => item.length > 0) };
    case "map":
      try {
        const parsed = JSON.parse(trimmed) as Json;
        return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? { value: parsed } : { error: "expected a JSON object" };
      } catch {
        return { error: 'expected a JSON object such as {"key": "value"}' };
      }
    default:
      return { value: text };
  }
}
