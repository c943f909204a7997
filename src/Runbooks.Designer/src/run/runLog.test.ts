import { describe, expect, it } from "vitest";
import type { RunDocument } from "../api/types";
import { runLog } from "./runLog";

describe("runLog", () => {
  it("runLog_eventsAndAttempts_comeInTimeOrder", () => {
    const document: RunDocument = {
      run: { runId: "r", runbook: "x", contentHash: "h", trigger: "api", parameters: {}, targets: ["h1"], dryRun: false, status: "failed", startedAt: "2026-12-01T10:00:00Z", outputs: {} },
      attempts: [{ stepPath: "a", stepId: "a", target: "h1", attempt: 1, action: "shell", idempotent: true, fencingToken: 1, status: "failed", startedAt: "2026-12-01T10:00:01Z", endedAt: "2026-12-01T10:00:03Z", exitCode: 2, outputs: {}, changed: false }],
      skips: [{ stepPath: "b", target: "h1", reason: "the run failed", at: "2026-12-01T10:00:03.5Z" }],
      events: [
        { sequence: 1, at: "2026-12-01T10:00:00Z", kind: "run.queued", status: "queued" },
        { sequence: 2, at: "2026-12-01T10:00:04Z", kind: "run.finished", status: "failed", reason: "step a failed" },
      ],
      childRunIds: [], locks: [], approvals: [],
    };
    expect(runLog(document, []).map((l) => l.text)).toEqual(["run.queued", "step started a on h1", "step ended a on h1", "step skipped b on h1", "run.finished"]);
    expect(runLog(document, [])[2].detail).toBe("exit code 2");
  });
});
