import type { RunDocument, StoredAttempt, StoredSkip } from "../api/types";

// The geometry of the run timeline, apart from React so it can be tested: one shared time axis for the whole run,
// one lane per target host, a bar per step attempt. Positions are fractions of the axis (0 = its start, 1 = its end)
// so the view lays them out with percentages and fits any width. Long stretches where nothing ran (a gate waiting for
// an approver, a window, a lock) are collapsed into narrow breaks, so a run that waited an hour still shows its steps.

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
  /** The first tick after a break: its label starts at the tick rather than centring on it. */
  restart?: boolean;
}

/** A stretch of the axis: time drawn to scale, or a collapsed idle stretch drawn narrow. */
export interface AxisSegment {
  fromMs: number;
  toMs: number;
  left: number;
  width: number;
  collapsed: boolean;
}

export interface TimelineLayout {
  startMs: number;
  endMs: number;
  /** True while the run goes on: the axis ends at now and moves with it. */
  live: boolean;
  lanes: TimelineLane[];
  ticks: TimelineTick[];
  segments: AxisSegment[];
  /** The collapsed segments, with what to call them. */
  breaks: (AxisSegment & { durationMs: number; label: string })[];
}

export interface LayoutOptions {
  /** The narrowest a bar is drawn, as a fraction of the axis, so a 20 ms step can still be seen and pointed at. */
  minWidth?: number;
  /** At most this many ticks on the axis. */
  maxTicks?: number;
  /** Collapse idle stretches (default true). */
  collapseGaps?: boolean;
  /** An idle stretch is collapsed when longer than this (default 10 s) … */
  minGapMs?: number;
  /** … and than this share of the whole span (default 0.15). */
  minGapShare?: number;
  /** How wide a collapsed stretch is drawn (default 0.05 of the axis; all of them together at most 0.3). */
  gapWidth?: number;
}

/** Runs in these states may still record attempts: the axis runs to now. */
const liveStatuses = new Set(["queued", "running"]);

const minimumSpanMs = 1000;

function time(at?: string | null): number | undefined {
  if (!at) return undefined;
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? undefined : ms;
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
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  const parts: string[] = [];
  const total = Math.round(ms / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (seconds) parts.push(`${seconds} s`);
  return parts.join(" ");
}

/** One linear piece per segment: maps an instant to its place on the axis, clamped to [0, 1]. */
export function segmentScale(segments: readonly AxisSegment[]): (ms: number) => number {
  return (ms) => {
    if (segments.length === 0) return 0;
    if (ms <= segments[0].fromMs) return 0;
    const segment = segments.find((s) => ms <= s.toMs) ?? segments[segments.length - 1];
    if (ms >= segment.toMs) return Math.min(1, segment.left + segment.width);
    const span = segment.toMs - segment.fromMs;
    return segment.left + (span <= 0 ? 0 : ((ms - segment.fromMs) / span) * segment.width);
  };
}

/**
 * Splits [startMs, endMs] into drawn-to-scale and collapsed segments. `busy` are the stretches something was
 * recorded in (attempts, skips as points); an idle stretch between them longer than the thresholds is collapsed.
 * Nothing is collapsed when no time is left to draw to scale.
 */
export function axisSegments(busy: readonly { fromMs: number; toMs: number }[], startMs: number, endMs: number, options: LayoutOptions = {}): AxisSegment[] {
  const whole = [{ fromMs: startMs, toMs: endMs, left: 0, width: 1, collapsed: false }];
  if (options.collapseGaps === false || endMs <= startMs) return whole;
  const threshold = Math.max(options.minGapMs ?? 10_000, (options.minGapShare ?? 0.15) * (endMs - startMs));
  const points = [{ fromMs: startMs, toMs: startMs }, ...busy, { fromMs: endMs, toMs: endMs }]
    .map((b) => ({ fromMs: Math.max(startMs, b.fromMs), toMs: Math.min(endMs, Math.max(b.fromMs, b.toMs)) }))
    .sort((a, b) => a.fromMs - b.fromMs);
  const gaps: { fromMs: number; toMs: number }[] = [];
  let reached = points[0].toMs;
  for (const point of points.slice(1)) {
    if (point.fromMs - reached > threshold) gaps.push({ fromMs: reached, toMs: point.fromMs });
    reached = Math.max(reached, point.toMs);
  }
  const drawn = endMs - startMs - gaps.reduce((sum, g) => sum + g.toMs - g.fromMs, 0);
  if (gaps.length === 0 || drawn <= 0) return whole;
  const gapWidth = Math.min(options.gapWidth ?? 0.05, 0.3 / gaps.length);
  const perMs = (1 - gapWidth * gaps.length) / drawn;
  const segments: AxisSegment[] = [];
  let cursor = startMs;
  let left = 0;
  const push = (fromMs: number, toMs: number, collapsed: boolean) => {
    const width = collapsed ? gapWidth : (toMs - fromMs) * perMs;
    segments.push({ fromMs, toMs, left, width, collapsed });
    left += width;
  };
  for (const gap of gaps) {
    if (gap.fromMs > cursor) push(cursor, gap.fromMs, false);
    push(gap.fromMs, gap.toMs, true);
    cursor = gap.toMs;
  }
  if (endMs > cursor) push(cursor, endMs, false);
  return segments;
}

/**
 * Ticks at round offsets from the start, only on segments drawn to scale, never closer than `minSpacing`; a drawn
 * segment after a break that has no round offset of its own gets one tick at its start.
 */
export function axisTicks(segments: readonly AxisSegment[], startMs: number, maxTicks = 8, minSpacing = 0.09): TimelineTick[] {
  const drawn = segments.filter((s) => !s.collapsed);
  const drawnMs = drawn.reduce((sum, s) => sum + s.toMs - s.fromMs, 0);
  const step = tickStep(Math.max(1, drawnMs), maxTicks);
  const scale = segmentScale(segments);
  const ticks: TimelineTick[] = [];
  const add = (offsetMs: number, before = Infinity, restart = false) => {
    const left = scale(startMs + offsetMs);
    if (ticks.length > 0 && left - ticks[ticks.length - 1].left < minSpacing) return;
    // A label centred on a tick just before a break would run into the break's mark.
    if (before - left < minSpacing / 2) return;
    ticks.push({ left, offsetMs, label: formatOffset(offsetMs), ...(restart ? { restart } : {}) });
  };
  drawn.forEach((segment, index) => {
    const first = Math.ceil((segment.fromMs - startMs) / step) * step;
    if (segment.fromMs > startMs && first > segment.fromMs - startMs) add(segment.fromMs - startMs, Infinity, true);
    // The end of a segment before a break is the restart's place too: leave it to the restart's tick.
    const final = index === drawn.length - 1;
    const last = final ? segment.toMs : segment.toMs - 1;
    const before = final ? Infinity : segment.left + segment.width;
    const restartAt = segment.fromMs > startMs ? segment.fromMs - startMs : -1;
    for (let offset = first; startMs + offset <= last; offset += step) add(offset, before, offset === restartAt);
  });
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

  // An attempt without an end runs to the end of the axis: now for a live run, else the last thing recorded.
  const span = (attempt: StoredAttempt) => {
    const from = time(attempt.startedAt)!;
    const ended = time(attempt.endedAt);
    return { from, to: Math.max(from, ended ?? endMs), open: ended === undefined };
  };
  const busy = [
    ...attempts.map((a) => span(a)).map(({ from, to }) => ({ fromMs: from, toMs: to })),
    ...skips.map((s) => ({ fromMs: time(s.at)!, toMs: time(s.at)! })),
  ];
  const segments = axisSegments(busy, startMs, endMs, options);
  const scale = segmentScale(segments);

  const targets = laneTargets(document);
  const lanes: TimelineLane[] = targets.map((target) => {
    const placed = attempts
      .filter((a) => a.target === target)
      .map((attempt, index) => {
        const { from, to, open } = span(attempt);
        const width = Math.max(minWidth, scale(to) - scale(from));
        const left = Math.min(scale(from), 1 - width);
        return {
          key: `${attempt.stepPath}#${attempt.attempt}@${target}#${index}`,
          attempt,
          left,
          width,
          row: 0,
          open,
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

  const breaks = segments
    .filter((s) => s.collapsed)
    .map((s) => ({ ...s, durationMs: s.toMs - s.fromMs, label: formatOffset(s.toMs - s.fromMs) }));
  return { startMs, endMs, live, lanes, ticks: axisTicks(segments, startMs, options.maxTicks), segments, breaks };
}
