import type { ActionInfo } from "../api/types";
import { allSteps, isMap, type Json, type RunbookDoc } from "../model/runbook";
import { mainShape } from "./schemaFields";

/**
 * What a template field can refer to: `params.*` of the runbook, `steps.<id>.status|outputs.*` of its steps (outputs
 * from each action's output schema and the step's own `outputs:`), `secrets.*` named anywhere in the runbook, and the
 * run's built-ins.
 */
export function completionsFor(doc: RunbookDoc, actions: Map<string, ActionInfo>, currentStep: string | null): string[] {
  const names = new Set<string>(["target.name", "target.address", "run.id", "run.runbook", "item", "error.message", "error.step"]);
  if (isMap(doc.parameters)) for (const name of Object.keys(doc.parameters)) names.add(`params.${name}`);
  for (const step of allSteps(doc)) {
    if (step.id === currentStep) continue;
    names.add(`steps.${step.id}.status`);
    names.add(`steps.${step.id}.outputs`);
    const action = typeof step.action === "string" ? actions.get(step.action) : undefined;
    for (const output of Object.keys(action ? (mainShape(action.outputs).properties ?? {}) : {})) names.add(`steps.${step.id}.outputs.${output}`);
    if (isMap(step.outputs)) for (const output of Object.keys(step.outputs)) names.add(`steps.${step.id}.outputs.${output}`);
  }
  for (const secret of secretsNamed(doc)) names.add(`secrets.${secret}`);
  return [...names].sort();
}

function secretsNamed(value: Json): Set<string> {
  const found = new Set<string>();
  const walk = (item: Json) => {
    if (typeof item === "string") for (const match of item.matchAll(/\bsecrets\.([A-Za-z0-9_-]+)/g)) found.add(match[1]);
    else if (Array.isArray(item)) item.forEach(walk);
    else if (isMap(item)) Object.values(item).forEach(walk);
  };
  walk(value);
  return found;
}

/** The word being typed at `cursor` that a completion would replace (a dotted name), with where it starts. */
export function tokenAt(text: string, cursor: number): { start: number; token: string } {
  const before = text.slice(0, cursor);
  const match = /[A-Za-z_][A-Za-z0-9_.-]*$/.exec(before);
  return match ? { start: cursor - match[0].length, token: match[0] } : { start: cursor, token: "" };
}

/** The completions offered for a token: those that extend it, shortest first, at most `limit`. */
export function suggest(all: string[], token: string, limit = 8): string[] {
  if (token.length === 0) return [];
  const lower = token.toLowerCase();
  return all
    .filter((name) => name.toLowerCase().startsWith(lower) && name !== token)
    .sort((a, b) => a.length - b.length || a.localeCompare(b))
    .slice(0, limit);
}
