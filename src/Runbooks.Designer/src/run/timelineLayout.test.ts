import { describe, expect, it } from "vitest";
import type { RunDocument, StoredAttempt, StoredRun } from "../api/types";
import { axisTicks, formatOffset, laneTargets, layoutTimeline, packRows, tickStep, timeScale } from "./timelineLayout";

const t0 = Date.parse("2026-01-07T03:00:00Z");
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();

function run(overrides: Partial<StoredRun> = {}): StoredRun {
  return {
    runId: "r1",
    runbook: "restart",
    contentHash: "h",
    trigger: "api:alice",
    parameters: {},
    targets: ["web1", "web2"],
    dryRun: false,
    status: "succeeded",
    startedAt: at(0),
    endedAt: at(100),
    outputs: {},
    ...overrides,
  };
}

function attempt(stepId: string, target: string, from: number, to: number | null, overrides: Partial<StoredAttempt> = {}): StoredAttempt {
  return {
    stepPath: stepId,
    stepId,
    target,
    attempt: 1,
    action: "shell",
    idempotent: true,
    fencingToken: 1,
    status: to === null ? "running" : "succeeded",
    startedAt: at(from),
    endedAt: to === null ? null : at(to),
    outputs: {},
    changed: false,
    ...overrides,
  };
}

function doc(parts: Partial<RunDocument> = {}): RunDocument {
  return { run: run(), attempts: [], skips: [], events: [], childRunIds: [], locks: [], approvals: [], ...parts };
}

describe("timeScale", () => {
  it("timeScale_InsideTheSpan_IsTheFraction", () => {
    const scale = timeScale(1000, 3000);
    expect(scale(1000)).toBe(0);
    expect(scale(2000)).toBe(0.5);
    expect(scale(3000)).toBe(1);
  });

  it("timeScale_OutsideTheSpan_IsClamped", () => {
    const scale = timeScale(1000, 3000);
    expect(scale(0)).toBe(0);
    expect(scale(9000)).toBe(1);
  });

  it("timeScale_EmptySpan_DoesNotDivideByZero", () => {
    expect(timeScale(5, 5)(5)).toBe(0);
  });
});

describe("laneTargets", () => {
  it("laneTargets_RunTargetsThenOthers_KeepsTheRunsOrderFirst", () => {
    const document = doc({
      run: run({ targets: ["web2", "web1"] }),
      attempts: [attempt("a", "web1", 0, 1), attempt("b", "db1", 1, 2)],
      skips: [{ stepPath: "c", target: "local", reason: "condition false", at: at(3) }],
    });
    expect(laneTargets(document)).toEqual(["web2", "web1", "db1", "local"]);
  });
});

describe("packRows", () => {
  it("packRows_Sequential_SharesOneRow", () => {
    expect(packRows([{ left: 0, right: 0.2 }, { left: 0.2, right: 0.5 }])).toEqual({ rows: [0, 0], count: 1 });
  });

  it("packRows_Overlapping_GoesOnTheFirstFreeRow", () => {
    const packed = packRows([
      { left: 0, right: 0.5 },
      { left: 0.1, right: 0.3 },
      { left: 0.35, right: 0.6 },
      { left: 0.55, right: 0.7 },
    ]);
    expect(packed).toEqual({ rows: [0, 1, 1, 0], count: 2 });
  });

  it("packRows_GivenOutOfOrder_AnswersInTheGivenOrder", () => {
    expect(packRows([{ left: 0.5, right: 0.9 }, { left: 0, right: 0.6 }]).rows).toEqual([1, 0]);
  });

  it("packRows_Nothing_StillTakesOneRow", () => {
    expect(packRows([])).toEqual({ rows: [], count: 1 });
  });
});

describe("ticks", () => {
  it("tickStep_TwoMinutes_IsThirtySeconds", () => {
    expect(tickStep(120_000, 8)).toBe(30_000);
  });

  it("tickStep_BeyondTheTable_IsWholeDays", () => {
    expect(tickStep(30 * 86_400_000, 8)).toBe(5 * 86_400_000);
  });

  it("axisTicks_OneHundredSeconds_StartAtZeroAndStayInside", () => {
    const ticks = axisTicks(t0, t0 + 100_000);
    expect(ticks.map((t) => t.label)).toEqual(["0 s", "15 s", "30 s", "45 s", "1 min", "1 min 15 s", "1 min 30 s"]);
    expect(ticks[0].left).toBe(0);
    expect(ticks.at(-1)!.left).toBeCloseTo(0.9);
    expect(ticks.length).toBeLessThanOrEqual(8);
  });

  it("formatOffset_Units_AreShort", () => {
    expect(formatOffset(0)).toBe("0 s");
    expect(formatOffset(500)).toBe("500 ms");
    expect(formatOffset(2_000)).toBe("2 s");
    expect(formatOffset(90_000)).toBe("1 min 30 s");
    expect(formatOffset(7_200_000)).toBe("2 h");
    expect(formatOffset(86_400_000 + 60_000)).toBe("1 d 1 min");
  });
});

describe("layoutTimeline", () => {
  it("layoutTimeline_EndedRun_AxisIsTheRunsSpan", () => {
    const layout = layoutTimeline(doc({ attempts: [attempt("a", "web1", 10, 30)] }), t0 + 999_999);
    expect(layout.startMs).toBe(t0);
    expect(layout.endMs).toBe(t0 + 100_000);
    expect(layout.live).toBe(false);
  });

  it("layoutTimeline_Attempt_IsPlacedByItsStartAndEnd", () => {
    const layout = layoutTimeline(doc({ attempts: [attempt("a", "web1", 10, 30)] }), t0);
    const bar = layout.lanes[0].bars[0];
    expect(bar.left).toBeCloseTo(0.1);
    expect(bar.width).toBeCloseTo(0.2);
    expect(bar.durationMs).toBe(20_000);
    expect(bar.open).toBe(false);
  });

  it("layoutTimeline_OneLanePerTarget_EvenWithoutAttempts", () => {
    const layout = layoutTimeline(doc({ attempts: [attempt("a", "web1", 0, 10)] }), t0);
    expect(layout.lanes.map((l) => [l.target, l.bars.length, l.rows])).toEqual([
      ["web1", 1, 1],
      ["web2", 0, 1],
    ]);
  });

  it("layoutTimeline_RunningAttemptOfALiveRun_ExtendsToNow", () => {
    const now = t0 + 200_000;
    const layout = layoutTimeline(
      doc({ run: run({ status: "running", endedAt: null }), attempts: [attempt("a", "web1", 50, 60), attempt("b", "web1", 100, null)] }),
      now,
    );
    expect(layout.live).toBe(true);
    expect(layout.endMs).toBe(now);
    const running = layout.lanes[0].bars[1];
    expect(running.open).toBe(true);
    expect(running.left).toBeCloseTo(0.5);
    expect(running.left + running.width).toBeCloseTo(1);
    expect(running.durationMs).toBe(100_000);
  });

  it("layoutTimeline_SuspendedRun_EndsAtItsLastRecordNotNow", () => {
    const layout = layoutTimeline(
      doc({
        run: run({ status: "suspended", endedAt: null }),
        attempts: [attempt("a", "web1", 0, 20)],
        events: [{ sequence: 3, at: at(40), kind: "run.suspended" }],
      }),
      t0 + 86_400_000,
    );
    expect(layout.live).toBe(false);
    expect(layout.endMs).toBe(t0 + 40_000);
  });

  it("layoutTimeline_UnfinishedAttemptOfADeadRun_RunsToTheAxisEnd", () => {
    const layout = layoutTimeline(
      doc({ run: run({ status: "inDoubt", endedAt: null }), attempts: [attempt("a", "web1", 0, 20), attempt("b", "web1", 20, null)] }),
      t0 + 86_400_000,
    );
    const bar = layout.lanes[0].bars[1];
    expect(layout.endMs).toBe(t0 + 20_000);
    expect(bar.open).toBe(true);
    expect(bar.left + bar.width).toBeCloseTo(1);
  });

  it("layoutTimeline_ParallelSteps_OnTheSameHostGetTheirOwnRows", () => {
    const layout = layoutTimeline(
      doc({ attempts: [attempt("a", "web1", 0, 50), attempt("b", "web1", 10, 40), attempt("c", "web1", 60, 70)] }),
      t0,
    );
    const lane = layout.lanes[0];
    expect(lane.rows).toBe(2);
    expect(lane.bars.map((b) => [b.attempt.stepId, b.row])).toEqual([
      ["a", 0],
      ["b", 1],
      ["c", 0],
    ]);
  });

  it("layoutTimeline_VeryShortAttempt_GetsTheMinimumWidthInsideTheAxis", () => {
    const layout = layoutTimeline(doc({ attempts: [attempt("a", "web1", 100, 100)] }), t0, { minWidth: 0.01 });
    const bar = layout.lanes[0].bars[0];
    expect(bar.width).toBe(0.01);
    expect(bar.left + bar.width).toBeLessThanOrEqual(1);
  });

  it("layoutTimeline_Retries_AreSeparateBars", () => {
    const layout = layoutTimeline(
      doc({
        attempts: [
          attempt("a", "web1", 0, 10, { status: "failed", exitCode: 1 }),
          attempt("a", "web1", 15, 25, { attempt: 2 }),
        ],
      }),
      t0,
    );
    const bars = layout.lanes[0].bars;
    expect(bars.map((b) => [b.attempt.attempt, b.attempt.status, b.row])).toEqual([
      [1, "failed", 0],
      [2, "succeeded", 0],
    ]);
    expect(new Set(bars.map((b) => b.key)).size).toBe(2);
  });

  it("layoutTimeline_Skip_IsAMarkerInItsTargetsLane", () => {
    const layout = layoutTimeline(doc({ skips: [{ stepPath: "verify", target: "web2", reason: "condition false", at: at(25) }] }), t0);
    expect(layout.lanes[0].skips).toEqual([]);
    expect(layout.lanes[1].skips.map((s) => [s.skip.stepPath, s.left])).toEqual([["verify", 0.25]]);
  });

  it("layoutTimeline_AttemptBeforeTheRunStart_WidensTheAxis", () => {
    const layout = layoutTimeline(doc({ attempts: [attempt("a", "web1", -20, 10)] }), t0);
    expect(layout.startMs).toBe(t0 - 20_000);
    expect(layout.lanes[0].bars[0].left).toBe(0);
  });

  it("layoutTimeline_RunThatJustStarted_HasAtLeastASecondOfAxis", () => {
    const layout = layoutTimeline(doc({ run: run({ status: "queued", endedAt: null }), attempts: [] }), t0);
    expect(layout.endMs - layout.startMs).toBe(1000);
    expect(layout.ticks[0].label).toBe("0 s");
  });
});
