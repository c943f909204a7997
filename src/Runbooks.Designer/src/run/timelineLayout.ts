import type { RunDocument, StoredAttempt, StoredSkip } from "../api/types";

// The geometry of the run timeline, apart from React so it can be tested: one shared time axis for the whole run,
// one lane per target host, a bar per step attempt. Positions are fractions of the axis (0 = its start, 1 = its end)
// so the view lays them out with percentages and fits any width.

/** One attempt of one step on one host, placed on the axis. */
export interface TimelineBar {
  key: string;
  attempt: StoredAttempt;
  /** Left edge and width, fractions of the axis; never narrower than the layout's minimum width. */
  left: number;
  width: number;
  /** Which row of its lane (attempts that overlap on one host, parallel steps, go on separate rows). */
  row: number;
  /** The attempt has no end yet: the bar runs to now (a live run) or to the last thing the run recorded. */
  open: boolean;
  durationMs: number;
}

/** A step that did not run on a host: a thin marker where it was decided. */
export interface TimelineSkip {
  key: string;
  skip: StoredSkip;
  left: number;
}

export interface TimelineLane {
  target: string;
  /** At least 1, so an empty lane still shows. */
  rows: number;
  bars: TimelineBar[];
  skips: TimelineSkip[];
}

export interface TimelineTick {
  left: number;
  /** Milliseconds since the axis start. */
  offsetMs: number;
  label: string;
}

export interface TimelineLayout {
  startMs: number;
  endMs: number;
  /** True while the run goes on: the axis ends at now and moves with it. */
  live: boolean;
  lanes: TimelineLane[];
  ticks: TimelineTick[];
}

export interface LayoutOptions {
  /** The narrowest a bar is drawn, as a fraction of the axis, so a 20 ms step can still be seen and pointed at. */
  minWidth?: number;
  /** At most this many ticks on the axis. */
  maxTicks?: number;
}

/** Runs in these states may still record attempts: the axis runs to now. */
const liveStatuses = new Set(["queued", "running"]);

const minimumSpanMs = 1000;

function time(at?: string | null): number | undefined {
  if (!at) return undefined;
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A linear scale from [startMs, endMs] to [0, 1], clamped. */
export function timeScale(startMs: number, endMs: number): (ms: number) => number {
  const span = Math.max(1, endMs - startMs);
  return (ms) => Math.min(1, Math.max(0, (ms - startMs) / span));
}

/** The lanes' targets: the run's resolved targets in their order, then any other host its attempts or skips name. */
export function laneTargets(document: RunDocument): string[] {
  const targets: string[] = [];
  const seen = new Set<string>();
  const add = (target: string) => {
    if (!seen.has(target)) {
      seen.add(target);
      targets.push(target);
    }
  };
  document.run.targets.forEach(add);
  document.attempts.forEach((a) => add(a.target));
  document.skips.forEach((s) => add(s.target));
  return targets;
}

/**
 * Puts intervals on rows so none overlaps another on the same row: each goes on the first row that is free at its
 * start (intervals sorted by start). Answers the row of each interval, in the order given, and how many rows it took.
 */
export function packRows(intervals: readonly { left: number; right: number }[]): { rows: number[]; count: number } {
  const order = intervals.map((_, index) => index).sort((a, b) => intervals[a].left - intervals[b].left || a - b);
  const rowEnds: number[] = [];
  const rows = new Array<number>(intervals.length);
  for (const index of order) {
    const { left, right } = intervals[index];
    let row = rowEnds.findIndex((end) => end <= left);
    if (row === -1) {
      row = rowEnds.length;
      rowEnds.push(right);
    } else {
      rowEnds[row] = right;
    }
    rows[index] = row;
  }
  return { rows, count: Math.max(1, rowEnds.length) };
}

const tickSteps = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  1000, 2000, 5000, 10_000, 15_000, 30_000,
  60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000,
  86_400_000,
];

/** The smallest round step that puts at most `maxTicks` ticks on a span. */
export function tickStep(spanMs: number, maxTicks: number): number {
  const wanted = spanMs / Math.max(1, maxTicks - 1);
  return tickSteps.find((step) => step >= wanted) ?? Math.ceil(wanted / 86_400_000) * 86_400_000;
}

/** An offset from the start of the run: "0 s", "500 ms", "1 min 30 s", "2 h". */
export function formatOffset(ms: number): string {
  if (ms === 0) return "0 s";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${ms / 1000} s`;
  const parts: string[] = [];
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.floor((ms % 86_400_000) / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (seconds) parts.push(`${seconds} s`);
  return parts.join(" ");
}

export function axisTicks(startMs: number, endMs: number, maxTicks = 8): TimelineTick[] {
  const span = endMs - startMs;
  const step = tickStep(span, maxTicks);
  const scale = timeScale(startMs, endMs);
  const ticks: TimelineTick[] = [];
  for (let offset = 0; offset <= span; offset += step) {
    ticks.push({ left: scale(startMs + offset), offsetMs: offset, label: formatOffset(offset) });
  }
  return ticks;
}

/** Lays out a run's attempts and skips per host on one axis; `nowMs` is the end of a run that still goes on. */
export function layoutTimeline(document: RunDocument, nowMs: number, options: LayoutOptions = {}): TimelineLayout {
  const minWidth = options.minWidth ?? 0.004;
  const { run } = document;
  const live = !run.endedAt && liveStatuses.has(run.status);
  const attempts = document.attempts.filter((a) => time(a.startedAt) !== undefined);
  const skips = document.skips.filter((s) => time(s.at) !== undefined);

  const starts = [time(run.startedAt), ...attempts.map((a) => time(a.startedAt)), ...skips.map((s) => time(s.at))];
  const known = starts.filter((ms): ms is number => ms !== undefined);
  const startMs = known.length > 0 ? Math.min(...known) : nowMs;
  // A run that no longer goes on (ended, suspended, in doubt) ends at the last thing it recorded, not at now: a run
  // suspended for a day would otherwise squash its steps into a sliver at the left.
  const ends = [
    time(run.endedAt),
    ...attempts.map((a) => time(a.endedAt) ?? time(a.startedAt)),
    ...skips.map((s) => time(s.at)),
    ...document.events.map((e) => time(e.at)),
    live ? nowMs : undefined,
  ].filter((ms): ms is number => ms !== undefined);
  const endMs = Math.max(startMs + minimumSpanMs, ...ends);
  const scale = timeScale(startMs, endMs);

  const targets = laneTargets(document);
  const lanes: TimelineLane[] = targets.map((target) => {
    const placed = attempts
      .filter((a) => a.target === target)
      .map((attempt, index) => {
        const from = time(attempt.startedAt)!;
        const ended = time(attempt.endedAt);
        const to = Math.max(from, ended ?? endMs);
        const width = Math.max(minWidth, scale(to) - scale(from));
        const left = Math.min(scale(from), 1 - width);
        return {
          key: `${attempt.stepPath}#${attempt.attempt}@${target}#${index}`,
          attempt,
          left,
          width,
          row: 0,
          open: ended === undefined,
          durationMs: to - from,
        } satisfies TimelineBar;
      });
    const packed = packRows(placed.map((bar) => ({ left: bar.left, right: bar.left + bar.width })));
    placed.forEach((bar, index) => (bar.row = packed.rows[index]));
    const laneSkips = skips
      .filter((s) => s.target === target)
      .map((skip, index) => ({ key: `${skip.stepPath}@${target}#${index}`, skip, left: scale(time(skip.at)!) }));
    return { target, rows: packed.count, bars: placed, skips: laneSkips };
  });

  return { startMs, endMs, live, lanes, ticks: axisTicks(startMs, endMs, options.maxTicks) };
}
