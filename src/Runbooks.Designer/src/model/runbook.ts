// The runbook model the designer edits: the YAML file's own tree as plain JSON values (the same keys, lists and values
// as GET /api/v1/runbooks/{name} returns in `document`). It is the single source of truth: the canvas and the YAML panel
// are both views of it, and every edit is a function from one model to the next (so undo is a stack of models).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonMap = { [key: string]: Json };

/** A step as written: `id` plus whatever keys the runbook language allows (docs/runbook-language.md). */
export type StepDoc = JsonMap & { id: string };

/** The whole runbook file. */
export type RunbookDoc = JsonMap;

/** The three top-level step lists, in the order the engine runs them. */
export const sections = ["steps", "onFailure", "finally"] as const;
export type Section = (typeof sections)[number];

/** What a step is, from its keys (the same rules as the loader's). */
export type StepKind = "action" | "parallel" | "forEach" | "forEachAction";

export function stepKind(step: JsonMap): StepKind {
  if (Array.isArray(step.parallel)) return "parallel";
  if (isMap(step.forEach)) return Array.isArray(step.steps) ? "forEach" : "forEachAction";
  return "action";
}

/** The keys of a step that hold nested steps (drawn as groups and edges, not as fields). */
export const nestedKeys = ["parallel", "steps", "onFailure"] as const;

export function isMap(value: unknown): value is JsonMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function stepList(value: Json | undefined): StepDoc[] {
  return Array.isArray(value) ? value.filter((item): item is StepDoc => isMap(item) && typeof item.id === "string") : [];
}

/** Every step of the runbook, depth first, with the list it is in. */
export function* allSteps(doc: RunbookDoc): Generator<StepDoc> {
  function* walk(list: StepDoc[]): Generator<StepDoc> {
    for (const step of list) {
      yield step;
      for (const key of nestedKeys) yield* walk(stepList(step[key]));
    }
  }
  for (const section of sections) yield* walk(stepList(doc[section]));
}

/** A step id not used yet: `base`, else `base_2`, `base_3`… (the loader's rule: a lowercase letter, then up to 62 lowercase letters, digits and _). */
export function freshId(doc: RunbookDoc, base: string): string {
  const used = new Set([...allSteps(doc)].map((step) => step.id));
  const clean = (base.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^[^a-z]+/, "") || "step").slice(0, 56);
  if (!used.has(clean)) return clean;
  for (let n = 2; ; n++) if (!used.has(`${clean}_${n}`)) return `${clean}_${n}`;
}

export function clone<T extends Json>(value: T): T {
  return structuredClone(value);
}

/** The manual canvas positions kept in the file (`designer: { positions: { <stepId>: { x, y } } }`). */
export function positions(doc: RunbookDoc): Record<string, { x: number; y: number }> {
  const designer = doc.designer;
  if (!isMap(designer) || !isMap(designer.positions)) return {};
  const result: Record<string, { x: number; y: number }> = {};
  for (const [id, value] of Object.entries(designer.positions)) {
    if (isMap(value) && typeof value.x === "number" && typeof value.y === "number") result[id] = { x: value.x, y: value.y };
  }
  return result;
}
