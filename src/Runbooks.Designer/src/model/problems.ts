import type { ValidationProblem } from "../api/types";
import { isMap, stepList, type Json, type RunbookDoc } from "./runbook";

export interface PinnedProblem extends ValidationProblem {
  /** The step the problem is about, or null for the runbook itself (name, parameters, targets…). */
  stepId: string | null;
  /** The key path inside the step (e.g. `with.url`, `retry.attempts`), or inside the runbook for runbook problems. */
  field: string;
}

const stepLists = new Set(["steps", "onFailure", "finally", "parallel"]);

/**
 * Pins the server's problems to the node and field they belong to, by walking the problem's key path
 * (`steps[1].parallel[0].with.expectStatus[0]`) through the model: the deepest step on the path is the node, the rest
 * of the path is the field.
 */
export function pinProblems(doc: RunbookDoc, problems: ValidationProblem[]): PinnedProblem[] {
  return problems.map((problem) => {
    const tokens = problem.path.split(".").flatMap((part) => {
      const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
      if (!match) return [{ key: part, indexes: [] as number[] }];
      return [{ key: match[1], indexes: [...match[2].matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])) }];
    });
    let node: Json = doc;
    let stepId: string | null = null;
    let rest = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!isMap(node)) break;
      const inStepList = stepLists.has(token.key) || (token.key === "steps" && isMap(node.forEach)) || (token.key === "onFailure");
      if (inStepList && token.indexes.length === 1) {
        const list = stepList(node[token.key]);
        const step = list[token.indexes[0]];
        if (!step) break;
        node = step;
        stepId = step.id;
        rest = i + 1;
        continue;
      }
      break;
    }
    const field = tokens
      .slice(rest)
      .map((t) => t.key)
      .join(".");
    return { ...problem, stepId, field };
  });
}
