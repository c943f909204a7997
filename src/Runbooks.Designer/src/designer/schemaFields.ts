import type { JsonSchema } from "../api/types";
import type { Json } from "../model/runbook";

/** How a form shows one input, read from its JSON schema (templates are allowed where the schema says so). */
export type FieldKind = "text" | "multiline" | "number" | "boolean" | "enum" | "list" | "json";

export interface FieldInfo {
  name: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  default?: unknown;
  options?: string[];
  /** For lists: whether items are numbers (`expectStatus: [200]`). */
  numericItems?: boolean;
}

const templateOnly = (schema: JsonSchema) => schema.type === "string" && schema.pattern === "\\{\\{";

/** The schema's real shape: anyOf [shape, template] and anyOf [list, item] unwrapped to the richer member. */
export function mainShape(schema: JsonSchema): JsonSchema {
  const members = schema.anyOf ?? schema.oneOf;
  if (!members) return schema;
  const real = members.filter((member) => !templateOnly(member));
  const preferred = real.find((member) => member.type === "array") ?? real.find((member) => member.type !== undefined || member.enum) ?? real[0] ?? schema;
  return mainShape(preferred);
}

/** The names of an action's required inputs. */
export function requiredInputs(schema: JsonSchema): string[] {
  return (schema.properties ? schema : mainShape(schema)).required ?? [];
}

const multilineNames = new Set(["script", "stdin", "body", "message", "text", "content"]);

export function fieldsOf(input: JsonSchema): FieldInfo[] {
  // An action whose whole input may also be one template (`with: "{{ … }}"`) has anyOf at the top.
  const schema = input.properties ? input : mainShape(input);
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const shape = mainShape(property);
    const type = Array.isArray(shape.type) ? shape.type[0] : shape.type;
    let kind: FieldKind = "text";
    if (shape.enum) kind = "enum";
    else if (type === "boolean") kind = "boolean";
    else if (type === "integer" || type === "number") kind = "number";
    else if (type === "array") kind = "list";
    else if (type === "object") kind = "json";
    else if (multilineNames.has(name)) kind = "multiline";
    const items = shape.items ? mainShape(shape.items) : undefined;
    return {
      name,
      kind,
      required: required.has(name),
      description: property.description ?? shape.description,
      default: property.default ?? shape.default,
      options: shape.enum?.map(String),
      numericItems: items?.type === "integer" || items?.type === "number",
    };
  });
}

/** Text typed into a number field: a number when it is one, else the text (a template such as `{{ params.n }}`). */
export function numberOrText(text: string): Json | undefined {
  if (text.trim() === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text;
}

/** A list edited one item per line; a single line with a template stays a template (`{{ params.hosts }}`). */
export function linesToList(text: string, numeric: boolean): Json | undefined {
  const lines = text.split("\n").filter((line) => line.length > 0);
  if (lines.length === 0) return undefined;
  if (lines.length === 1 && /^\{\{.*\}\}$/.test(lines[0].trim())) return lines[0];
  return lines.map((line) => (numeric && /^-?\d+$/.test(line.trim()) ? Number(line.trim()) : line));
}

export function listToLines(value: Json | undefined): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map((item) => (typeof item === "object" ? JSON.stringify(item) : String(item))).join("\n");
  return String(value);
}
