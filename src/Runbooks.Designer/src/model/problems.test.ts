import { describe, expect, it } from "vitest";
import { pinProblems } from "./problems";
import type { RunbookDoc } from "./runbook";

const doc: RunbookDoc = {
  name: "x",
  steps: [
    { id: "a", action: "shell", with: { script: "echo" } },
    { id: "g", parallel: [{ id: "b", action: "http.check", with: { expectStatus: ["x"] } }] },
    { id: "each", forEach: { items: "[1]" }, steps: [{ id: "inner", action: "log" }] },
  ],
};
const problem = (path: string) => ({ file: "x.yaml", line: 1, column: 1, code: "RB0101", path, message: "m" });

describe("pinProblems", () => {
  it("pinProblems_nestedParallelInput_pinsTheBranchAndTheInput", () => {
    const [pinned] = pinProblems(doc, [problem("steps[1].parallel[0].with.expectStatus[0]")]);
    expect(pinned.stepId).toBe("b");
    expect(pinned.field).toBe("with.expectStatus");
  });

  it("pinProblems_forEachBody_pinsTheInnerStep", () => {
    expect(pinProblems(doc, [problem("steps[2].steps[0].action")])[0]).toMatchObject({ stepId: "inner", field: "action" });
  });

  it("pinProblems_runbookKey_pinsTheRunbook", () => {
    expect(pinProblems(doc, [problem("parameters.host.type")])[0]).toMatchObject({ stepId: null, field: "parameters.host.type" });
  });

  it("pinProblems_indexPastTheList_staysOnTheLastStepFound", () => {
    expect(pinProblems(doc, [problem("steps[1].parallel[5].id")])[0]).toMatchObject({ stepId: "g", field: "parallel.id" });
  });
});
