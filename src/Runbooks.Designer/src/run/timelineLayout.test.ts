import { describe, expect, it } from "vitest";
import type { RunDocument, StoredAttempt, StoredRun } from "../api/types";
import { axisSegments, axisTicks, formatOffset, laneTargets, layoutTimeline, packRows, segmentScale, tickStep, type AxisSegment } from "./timelineLayout";

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

const drawn = (fromS: number, toS: number, left: number, width: number): AxisSegment => ({ fromMs: t0 + fromS * 1000, toMs: t0 + toS * 1000, left, width, collapsed: false });

describe("segmentScale", () => {
  it("segmentScale_OneSegment_IsLinear", () => {
    const scale = segmentScale([drawn(0, 100, 0, 1)]);
    expect(scale(t0)).toBe(0);
    expect(scale(t0 + 50_000)).toBe(0.5);
    expect(scale(t0 + 100_000)).toBe(1);
  });

  it("segmentScale_OutsideTheAxis_IsClamped", () => {
    const scale = segmentScale([drawn(0, 100, 0, 1)]);
    expect(scale(t0 - 5000)).toBe(0);
    expect(scale(t0 + 500_000)).toBe(1);
  });

  it("segmentScale_Pieces_EachIsLinearInItsOwnWidth", () => {
    const scale = segmentScale([drawn(0, 10, 0, 0.45), { ...drawn(10, 370, 0.45, 0.1), collapsed: true }, drawn(370, 380, 0.55, 0.45)]);
    expect(scale(t0 + 5_000)).toBeCloseTo(0.225);
    expect(scale(t0 + 190_000)).toBeCloseTo(0.5);
    expect(scale(t0 + 375_000)).toBeCloseTo(0.775);
  });
});

describe("axisSegments", () => {
  const busy = (...spans: [number, number][]) => spans.map(([from, to]) => ({ fromMs: t0 + from * 1000, toMs: t0 + to * 1000 }));

  it("axisSegments_LongIdleStretch_IsCollapsed", () => {
    const segments = axisSegments(busy([0, 10], [370, 380]), t0, t0 + 380_000);
    expect(segments.map((s) => [(s.fromMs - t0) / 1000, (s.toMs - t0) / 1000, s.collapsed])).toEqual([
      [0, 10, false],
      [10, 370, true],
      [370, 380, false],
    ]);
    expect(segments.map((s) => s.width)).toEqual([0.475, 0.05, 0.475]);
    expect(segments[2].left + segments[2].width).toBeCloseTo(1);
  });

  it("axisSegments_ShortGaps_StayToScale", () => {
    expect(axisSegments(busy([0, 10], [15, 30], [32, 40]), t0, t0 + 40_000)).toEqual([drawn(0, 40, 0, 1)]);
  });

  it("axisSegments_GapUnderTheShareOfTheSpan_StaysToScale", () => {
    // 12 s idle in a 200 s run: past the 10 s floor but under 15 % of the span.
    expect(axisSegments(busy([0, 100], [112, 200]), t0, t0 + 200_000)).toHaveLength(1);
  });

  it("axisSegments_Off_IsOneSegment", () => {
    expect(axisSegments(busy([0, 10], [370, 380]), t0, t0 + 380_000, { collapseGaps: false })).toEqual([drawn(0, 380, 0, 1)]);
  });

  it("axisSegments_NothingToDrawToScale_CollapsesNothing", () => {
    expect(axisSegments([], t0, t0 + 600_000)).toEqual([drawn(0, 600, 0, 1)]);
  });

  it("axisSegments_ManyGaps_TakeAtMostThirtyPercent", () => {
    const spans: [number, number][] = Array.from({ length: 10 }, (_, i) => [i * 100, i * 100 + 1]);
    const segments = axisSegments(busy(...spans), t0, t0 + 901_000, { minGapShare: 0.05 });
    const collapsed = segments.filter((s) => s.collapsed);
    expect(collapsed).toHaveLength(9);
    expect(collapsed.reduce((sum, s) => sum + s.width, 0)).toBeCloseTo(0.3);
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
    const ticks = axisTicks([drawn(0, 100, 0, 1)], t0);
    expect(ticks.map((t) => t.label)).toEqual(["0 s", "15 s", "30 s", "45 s", "1 min", "1 min 15 s", "1 min 30 s"]);
    expect(ticks[0].left).toBe(0);
    expect(ticks.at(-1)!.left).toBeCloseTo(0.9);
    expect(ticks.length).toBeLessThanOrEqual(8);
  });

  it("axisTicks_AcrossABreak_OnlyOnDrawnTimeAndAtTheRestart", () => {
    const ticks = axisTicks([drawn(0, 10, 0, 0.475), { ...drawn(10, 370, 0.475, 0.05), collapsed: true }, drawn(370, 380, 0.525, 0.475)], t0);
    expect(ticks.map((t) => t.label)).toEqual(["0 s", "5 s", "6 min 10 s", "6 min 15 s", "6 min 20 s"]);
    expect(ticks[2].left).toBeCloseTo(0.525);
    expect(ticks.map((t) => t.restart ?? false)).toEqual([false, false, true, false, false]);
  });

  it("axisTicks_JustBeforeABreak_IsDropped", () => {
    // 10 s falls 0.024 before the break: its label would run into the break's mark.
    const ticks = axisTicks([drawn(0, 10.5, 0, 0.5), { ...drawn(10.5, 400, 0.5, 0.05), collapsed: true }, drawn(400, 410.5, 0.55, 0.45)], t0);
    expect(ticks.map((t) => t.label)).not.toContain("10 s");
    expect(ticks.map((t) => t.label)).toContain("6 min 40 s");
  });

  it("axisTicks_TooClose_AreDropped", () => {
    const ticks = axisTicks([drawn(0, 100, 0, 1)], t0, 8, 0.3);
    expect(ticks.map((t) => t.label)).toEqual(["0 s", "30 s", "1 min", "1 min 30 s"]);
  });

  it("formatOffset_Units_AreShort", () => {
    expect(formatOffset(0)).toBe("0 s");
    expect(formatOffset(500)).toBe("500 ms");
    expect(formatOffset(2_000)).toBe("2 s");
    expect(formatOffset(90_000)).toBe("1 min 30 s");
    expect(formatOffset(7_200_000)).toBe("2 h");
    expect(formatOffset(86_400_000 + 60_000)).toBe("1 d 1 min");
    expect(formatOffset(1234)).toBe("1.2 s");
    expect(formatOffset(119_600)).toBe("2 min");
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
    const layout = layoutTimeline(doc({ attempts: [attempt("a", "web1", 10, 30)] }), t0, { collapseGaps: false });
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
      { collapseGaps: false },
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
    const layout = layoutTimeline(doc({ skips: [{ stepPath: "verify", target: "web2", reason: "condition false", at: at(25) }] }), t0, { collapseGaps: false });
    expect(layout.lanes[0].skips).toEqual([]);
    expect(layout.lanes[1].skips.map((s) => [s.skip.stepPath, s.left])).toEqual([["verify", 0.25]]);
  });

  it("layoutTimeline_AttemptBeforeTheRunStart_WidensTheAxis", () => {
    const layout = layoutTimeline(doc({ attempts: [attempt("a", "web1", -20, 10)] }), t0);
    expect(layout.startMs).toBe(t0 - 20_000);
    expect(layout.lanes[0].bars[0].left).toBe(0);
  });

  it("layoutTimeline_RunThatWaitedForAnApprover_KeepsItsStepsReadable", () => {
    const layout = layoutTimeline(
      doc({ run: run({ endedAt: at(380) }), attempts: [attempt("drain", "web1", 0, 10), attempt("gate", "web1", 10, 10), attempt("migrate", "web1", 370, 380)] }),
      t0,
    );
    expect(layout.breaks.map((b) => [b.label, b.width])).toEqual([["6 min", 0.05]]);
    const [drain, , migrate] = layout.lanes[0].bars;
    expect(drain.width).toBeCloseTo(0.475);
    expect(migrate.left).toBeCloseTo(0.525);
    expect(migrate.durationMs).toBe(10_000);
  });

  it("layoutTimeline_RunThatJustStarted_HasAtLeastASecondOfAxis", () => {
    const layout = layoutTimeline(doc({ run: run({ status: "queued", endedAt: null }), attempts: [] }), t0);
    expect(layout.endMs - layout.startMs).toBe(1000);
    expect(layout.ticks[0].label).toBe("0 s");
  });
});
