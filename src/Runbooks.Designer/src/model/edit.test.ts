import { describe, expect, it } from "vitest";
import { copyOf, findStep, insertStep, moveStep, removeStep, renameStep, setPosition, setStepField, setStepInput, shiftStep } from "./edit";
import { fromGraph, toGraph } from "./graph";
import type { RunbookDoc } from "./runbook";
import { parseRunbookYaml, writeRunbookYaml } from "./yamlText";

const sample = (): RunbookDoc => ({
  name: "sample",
  steps: [
    { id: "a", action: "shell", with: { script: "echo a" } },
    { id: "b", parallel: [{ id: "b1", action: "wait", with: { duration: "1s" } }, { id: "b2", action: "wait" }] },
    { id: "c", action: "http.check", if: "steps.a.status == 'succeeded'", with: { url: "{{ steps.a.outputs.stdout }}" } },
  ],
  finally: [{ id: "z", action: "log", with: { message: "done" } }],
});

const ids = (doc: RunbookDoc) => JSON.stringify(doc.steps);

describe("edits", () => {
  it("insertStep_afterAStep_putsItRightAfter", () => {
    const doc = insertStep(sample(), { id: "n", action: "log" }, { after: "a" });
    expect((doc.steps as { id: string }[]).map((s) => s.id)).toEqual(["a", "n", "b", "c"]);
  });

  it("insertStep_intoAParallelGroup_addsABranch", () => {
    const doc = insertStep(sample(), { id: "b3", action: "log" }, { into: "b" });
    expect((findStep(doc, "b")!.parallel as { id: string }[]).map((s) => s.id)).toEqual(["b1", "b2", "b3"]);
  });

  it("insertStep_intoAnActionStep_throws", () => {
    expect(() => insertStep(sample(), { id: "x", action: "log" }, { into: "a" })).toThrow(/not a parallel group/);
  });

  it("insertStep_neverChangesItsInput", () => {
    const before = sample();
    const copy = JSON.stringify(before);
    insertStep(before, { id: "n", action: "log" }, { section: "steps" });
    expect(JSON.stringify(before)).toBe(copy);
  });

  it("removeStep_aGroup_removesItsChildrenAndTheirPositions", () => {
    const doc = removeStep(setPosition(setPosition(sample(), "b1", 10, 20), "a", 1, 2), "b");
    expect(findStep(doc, "b1")).toBeNull();
    expect(doc.designer).toEqual({ positions: { a: { x: 1, y: 2 } } });
  });

  it("moveStep_intoItsOwnChild_isRefused", () => {
    const doc = sample();
    expect(moveStep(doc, "b", { after: "b1" })).toBe(doc);
  });

  it("moveStep_toAnotherSection_movesIt", () => {
    const doc = moveStep(sample(), "a", { section: "finally" });
    expect((doc.finally as { id: string }[]).map((s) => s.id)).toEqual(["z", "a"]);
  });

  it("shiftStep_upAtTheTop_changesNothing", () => {
    const doc = sample();
    expect(ids(shiftStep(doc, "a", -1))).toBe(ids(doc));
    expect((shiftStep(doc, "c", -1).steps as { id: string }[]).map((s) => s.id)).toEqual(["a", "c", "b"]);
  });

  it("renameStep_rewritesReferencesInTemplatesAndConditions", () => {
    const doc = renameStep(sample(), "a", "first");
    const c = findStep(doc, "c")!;
    expect(c.if).toBe("steps.first.status == 'succeeded'");
    expect(c.with).toEqual({ url: "{{ steps.first.outputs.stdout }}" });
  });

  it("renameStep_theVerifyStepOfAnAlertTrigger_followsTheRename", () => {
    const doc = renameStep({ ...sample(), triggers: [{ alert: { id: "down", match: { alertname: "X" }, verify: "c" } }] }, "c", "check");
    expect(doc.triggers).toEqual([{ alert: { id: "down", match: { alertname: "X" }, verify: "check" } }]);
  });

  it("renameStep_toAnIdInUse_isRefused", () => {
    const doc = sample();
    expect(renameStep(doc, "a", "c")).toBe(doc);
  });

  it("renameStep_doesNotTouchLongerIdsWithTheSamePrefix", () => {
    const doc = renameStep(insertStep(sample(), { id: "a_2", action: "log", with: { message: "{{ steps.a_2.status }}" } }, { section: "steps" }), "a", "x");
    expect(findStep(doc, "a_2")!.with).toEqual({ message: "{{ steps.a_2.status }}" });
  });

  it("copyOf_aGroup_givesEveryNestedStepANewId", () => {
    const doc = sample();
    const copy = copyOf(doc, findStep(doc, "b")!);
    expect(copy.id).toBe("b_2");
    expect((copy.parallel as { id: string }[]).map((s) => s.id)).toEqual(["b1_2", "b2_2"]);
  });

  it("setStepInput_emptyValue_removesTheInputAndAnEmptyWith", () => {
    const doc = setStepInput(sample(), "a", "script", "");
    expect(findStep(doc, "a")!.with).toBeUndefined();
  });

  it("graphEdit_onAParsedWorkflow_keepsTheCommentsOfUntouchedSteps", () => {
    const text = "# head\nname: x\nsteps:\n  # about a\n  - id: a\n    action: log # inline\n    with: { message: hi }\n  - id: b\n    action: log\n";
    const parsed = parseRunbookYaml(text);
    const edited = setStepInput(insertStep(parsed.doc!, { id: "n", action: "wait" }, { after: "a" }), "b", "message", "changed");
    const written = writeRunbookYaml(fromGraph(toGraph(edited)), parsed.document);
    expect(written).toContain("# head");
    expect(written).toContain("# about a");
    expect(written).toContain("# inline");
    expect(parseRunbookYaml(written).doc).toEqual(edited);
  });
});

describe("key order", () => {
  it("setStepField_aNewIf_goesBeforeTheAction", () => {
    const doc = setStepField(sample(), "a", "if", "true");
    expect(Object.keys(findStep(doc, "a")!)).toEqual(["id", "if", "action", "with"]);
  });

  it("writeRunbookYaml_anEmptyInlineList_becomesABlockList", () => {
    const parsed = parseRunbookYaml("name: x\nsteps: []\n");
    const text = writeRunbookYaml(insertStep(parsed.doc!, { id: "a", action: "log" }, { section: "steps" }), parsed.document);
    expect(text).toBe("name: x\nsteps:\n  - id: a\n    action: log\n");
  });
});

describe("comments through moves and renames", () => {
  const text = "name: x\nsteps:\n  # about a\n  - id: a\n    action: log # inline a\n  - id: g\n    parallel:\n      - id: b\n        action: log\n  - id: c\n    action: log\n";

  it("writeRunbookYaml_aStepMovedIntoAGroup_keepsItsComments", () => {
    const parsed = parseRunbookYaml(text);
    const written = writeRunbookYaml(moveStep(parsed.doc!, "a", { into: "g" }), parsed.document);
    expect(written).toContain("# about a");
    expect(written).toContain("# inline a");
    expect(parseRunbookYaml(written).doc).toEqual(moveStep(parsed.doc!, "a", { into: "g" }));
  });

  it("writeRunbookYaml_aRenamedStep_keepsItsComments", () => {
    const parsed = parseRunbookYaml(text);
    const written = writeRunbookYaml(renameStep(parsed.doc!, "a", "first"), parsed.document);
    expect(written).toContain("# inline a");
    expect(written).toContain("id: first");
  });

  it("writeRunbookYaml_twoStepsWithOneId_writesEachAsItIs", () => {
    const parsed = parseRunbookYaml("name: x\nsteps:\n  - id: x\n    action: a.one\n  - id: x\n    action: a.two\n");
    const edited = setStepField(parsed.doc!, "x", "name", "first");
    expect(parseRunbookYaml(writeRunbookYaml(edited, parsed.document)).doc).toEqual(edited);
  });
});
