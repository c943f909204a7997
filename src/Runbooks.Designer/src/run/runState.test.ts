import { describe, expect, it } from "vitest";
import type { RunDocument, StoredAttempt } from "../api/types";
import { nodeStates, stepIdOf } from "./runState";

const attempt = (stepPath: string, target: string, status: string, attemptNo = 1, ended = true): StoredAttempt => ({
  stepPath, stepId: stepIdOf(stepPath), target, attempt: attemptNo, action: "shell", idempotent: true, fencingToken: 1, status,
  startedAt: "2026-12-01T10:00:00Z", endedAt: ended ? "2026-12-01T10:00:02Z" : null, outputs: {}, changed: false,
});

const run = (attempts: StoredAttempt[], status = "running", targets = ["web-1", "web-2"]): RunDocument => ({
  run: { runId: "r", runbook: "x", contentHash: "h", trigger: "api", parameters: {}, targets, dryRun: false, status, startedAt: "2026-12-01T10:00:00Z", outputs: {} },
  attempts, skips: [], events: [], childRunIds: [], locks: [], approvals: [],
});

describe("run node states", () => {
  it("stepIdOf_nestedPaths_giveTheStepId", () => {
    expect(stepIdOf("collect/load")).toBe("load");
    expect(stepIdOf("files[2]/file_expiry")).toBe("file_expiry");
    expect(stepIdOf("restart/onFailure/page")).toBe("page");
    expect(stepIdOf("kill[0]")).toBe("kill");
  });

  it("nodeStates_aRetryThatSucceeded_isGreen", () => {
    const states = nodeStates(run([attempt("a", "web-1", "failed", 1), attempt("a", "web-1", "succeeded", 2), attempt("a", "web-2", "succeeded")]));
    expect(states.get("a")).toMatchObject({ status: "succeeded", done: 2, total: 2 });
  });

  it("nodeStates_oneHostStillRunning_isRunning", () => {
    const states = nodeStates(run([attempt("a", "web-1", "succeeded"), attempt("a", "web-2", "running", 1, false)]));
    expect(states.get("a")).toMatchObject({ status: "running", done: 1 });
  });

  it("nodeStates_aFailedIteration_failsTheForEach", () => {
    const states = nodeStates(run([attempt("each[0]", "web-1", "succeeded"), attempt("each[1]", "web-1", "failed"), attempt("each[2]", "web-1", "succeeded")], "failed", ["web-1"]));
    expect(states.get("each")?.status).toBe("failed");
  });

  it("nodeStates_aForEachIterationRetriedToSuccess_isGreen", () => {
    const states = nodeStates(run([attempt("restart[0]", "web-1", "failed", 1), attempt("restart[0]", "web-1", "succeeded", 2), attempt("restart[1]", "web-1", "succeeded")], "succeeded", ["web-1"]));
    expect(states.get("restart")?.status).toBe("succeeded");
  });

  it("nodeStates_oneFailedIterationOfABlock_failsTheInnerStep", () => {
    const states = nodeStates(run([attempt("files[0]/check", "web-1", "failed"), attempt("files[1]/check", "web-1", "succeeded")], "failed", ["web-1"]));
    expect(states.get("check")?.status).toBe("failed");
  });

  it("nodeStates_pendingApproval_isWaiting", () => {
    const document = run([attempt("gate", "web-1", "running", 1, false)], "suspended", ["web-1"]);
    document.approvals = [{ gate: { runId: "r", stepPath: "gate", approvers: ["approver"], minApprovals: 1, message: "ok?", requestedAt: "", expiresAt: "" }, decisions: [] }];
    expect(nodeStates(document).get("gate")?.status).toBe("waiting");
  });
});
