import { describe, expect, it } from "vitest";
import type { ActionInfo } from "../api/types";
import type { RunbookDoc } from "../model/runbook";
import { completionsFor, suggest, tokenAt } from "./completions";

// As the catalog writes it: the outputs object, or a template, in anyOf.
const shell = { name: "shell", outputs: { anyOf: [{ type: "object", properties: { stdout: {}, exitCode: {} } }, { type: "string", pattern: "\\{\\{" }] } } as unknown as ActionInfo;

describe("completions", () => {
  const doc: RunbookDoc = {
    name: "x",
    parameters: { host: { type: "string" } },
    steps: [
      { id: "a", action: "shell", with: { script: "{{ secrets.token }}" } },
      { id: "b", action: "log" },
    ],
  };

  it("completionsFor_aRunbook_offersParamsOutputsAndSecrets", () => {
    const all = completionsFor(doc, new Map([["shell", shell]]), "b");
    expect(all).toContain("params.host");
    expect(all).toContain("steps.a.outputs.stdout");
    expect(all).toContain("secrets.token");
    expect(all).not.toContain("steps.b.status");
  });

  it("tokenAt_insideATemplate_findsTheDottedName", () => {
    expect(tokenAt("{{ steps.a.out", 14)).toEqual({ start: 3, token: "steps.a.out" });
    expect(tokenAt("{{ ", 3)).toEqual({ start: 3, token: "" });
  });

  it("suggest_aPrefix_givesTheShortestMatchesFirst", () => {
    expect(suggest(["steps.a.outputs.stdout", "steps.a.outputs", "params.x"], "steps.a.o")).toEqual(["steps.a.outputs", "steps.a.outputs.stdout"]);
    expect(suggest(["params.x"], "")).toEqual([]);
  });
});
