
/** A .NET TimeSpan as System.Text.Json writes it ("08:00:00", "1.02:30:00", "00:00:30.5000000") said shortly: "8 h", "1 d 2 h 30 min". */
export function formatTimeSpan(value?: string | null): string {
  if (!value) return "—";
  const match = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(value);
  if (!match) return value;
  const [, minus, days, hours, minutes, seconds] = match;
  const parts = [
    [Number(days ?? 0), "d"],
    [Number(hours), "h"],
    [Number(minutes), "min"],
    [Number(seconds), "s"],
  ]
    .filter(([amount]) => amount !== 0)
    .map(([amount, unit]) => `${amount} ${unit}`);
  return parts.length === 0 ? "0 s" : `${minus ?? ""}${parts.join(" ")}`;
}

/** A list said shortly: the first `max` items, then "+N more" (the whole list goes in a title). */
export function shortList(items: readonly string[], max = 3): string {
  if (items.length === 0) return "—";
  return items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} +${items.length - max} more`;
}

/** A fingerprint or hash cut to what a person compares by eye. */
export function shortId(value: string, length = 12): string {
  return value.length <= length ? value : `${value.slice(0, length)}…`;
}

/** Every alert decision kind (AlertDecisionKind, camelCase), in the server's order. */
export const decisionKinds = ["matched", "started", "duplicate", "cooldown", "breakerOpen", "needsHuman", "outsideWindow", "rejected", "resolved", "noMatch"] as const;

/** The status class (styles.css) an alert decision is coloured with: what started a run, what held one back, what refused. */
export function decisionClass(kind: string): string {
  switch (kind) {
    case "started":
      return "status-running";
    case "resolved":
      return "status-ok";
    case "breakerOpen":
    case "needsHuman":
    case "rejected":
      return "status-failed";
    case "outsideWindow":
    case "cooldown":
      return "status-waiting";
    case "duplicate":
    case "noMatch":
      return "status-skipped";
    default:
      return "status-none";
  }
}

/**
 * How a schedule's next fire time stands, from the server's GateDecision text ("runs", "waits for window … until …",
 * "skipped: …", "frozen by … until … (…)"): it runs, it is held (waits or skipped), or a freeze stops it.
 */
export function fireDecision(decision: string): "runs" | "held" | "frozen" {
  if (decision.startsWith("frozen")) return "frozen";
  if (decision.startsWith("waits") || decision.startsWith("skipped")) return "held";
  return "runs";
}

/**
 * An instant on the wall clock of an IANA zone (a schedule's or a window's own), the way its cron reads it; the viewer's
 * local time when the browser does not know the zone.
 */
export function formatInZone(at: string, timeZone: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  try {
    return date.toLocaleString(undefined, { hour12: false, timeZone });
  } catch {
    return date.toLocaleString(undefined, { hour12: false });
  }
}
