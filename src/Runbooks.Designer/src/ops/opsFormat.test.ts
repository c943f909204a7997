import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import type { ApprovalGate } from "../api/types";
import { gateState } from "./gateState";
import { errorText } from "../api/client";
import { decisionClass, decisionKinds, fireDecision, formatInZone, formatTimeSpan, shortId, shortList } from "./opsFormat";

describe("opsFormat", () => {
  it("formatTimeSpan_DotNetTimeSpans_AreSaidShortly", () => {
    expect(formatTimeSpan("08:00:00")).toBe("8 h");
    expect(formatTimeSpan("1.02:30:00")).toBe("1 d 2 h 30 min");
    expect(formatTimeSpan("00:00:30.5000000")).toBe("30 s");
    expect(formatTimeSpan("00:00:00")).toBe("0 s");
    expect(formatTimeSpan(undefined)).toBe("—");
  });

  it("formatTimeSpan_NotATimeSpan_IsShownAsItIs", () => {
    expect(formatTimeSpan("PT8H")).toBe("PT8H");
  });

  it("errorText_ApiError_IsTheProblemDetail", () => {
    expect(errorText(new ApiError(409, { title: "Conflict", detail: "freeze x is in force" }))).toBe("freeze x is in force");
    expect(errorText(new ApiError(500, { title: "Server error" }))).toBe("Server error");
    expect(errorText(new Error("network down"))).toBe("network down");
  });

  it("shortList_Long_SaysHowManyMore", () => {
    expect(shortList([])).toBe("—");
    expect(shortList(["a", "b"])).toBe("a, b");
    expect(shortList(["a", "b", "c", "d", "e"])).toBe("a, b, c +2 more");
  });

  it("shortId_Long_IsCut", () => {
    expect(shortId("abc")).toBe("abc");
    expect(shortId("0123456789abcdef", 4)).toBe("0123…");
  });

  it("decisionClass_EveryKindButMatched_HasAColour", () => {
    // matched is always followed by the decision that says what happened: it stays neutral.
    expect(decisionClass("matched")).toBe("status-none");
    for (const kind of decisionKinds.filter((k) => k !== "matched")) expect(decisionClass(kind)).not.toBe("status-none");
    expect(decisionClass("somethingNew")).toBe("status-none");
  });

  it("fireDecision_GateTexts_AreClassified", () => {
    expect(fireDecision("runs")).toBe("runs");
    expect(fireDecision("waits for window nightly until 2026-01-07 22:00:00Z")).toBe("held");
    expect(fireDecision("skipped: outside window nightly")).toBe("held");
    expect(fireDecision("frozen by year-end until 2026-01-02 00:00:00Z (close)")).toBe("frozen");
  });
});

describe("gateState", () => {
  const gate = (decisions: { approved: boolean }[], minApprovals = 2): ApprovalGate => ({
    gate: { runId: "r", stepPath: "ok", approvers: [], minApprovals, message: "", requestedAt: "2026-01-07T03:00:00Z", expiresAt: "2026-01-07T04:00:00Z" },
    decisions: decisions.map((d, i) => ({ runId: "r", stepPath: "ok", by: `p${i}`, approved: d.approved, comment: "", at: "2026-01-07T03:10:00Z" })),
  });
  const before = Date.parse("2026-01-07T03:30:00Z");
  const after = Date.parse("2026-01-07T05:00:00Z");

  it("gateState_OneRejection_Rejects", () => {
    expect(gateState(gate([{ approved: true }, { approved: false }]), before)).toBe("rejected");
  });

  it("gateState_EnoughApprovals_Approves", () => {
    expect(gateState(gate([{ approved: true }, { approved: true }]), after)).toBe("approved");
  });

  it("gateState_TooFew_WaitsThenTimesOut", () => {
    expect(gateState(gate([{ approved: true }]), before)).toBe("waiting");
    expect(gateState(gate([{ approved: true }]), after)).toBe("timedOut");
  });
});

describe("formatInZone", () => {
  it("formatInZone_ScheduleZone_ShowsItsWallClock", () => {
    const text = formatInZone("2026-12-03T02:00:00+01:00", "Europe/Berlin");
    expect(text).toContain("02:00:00");
  });

  it("formatInZone_UnknownZone_FallsBackToLocalTime", () => {
    expect(formatInZone("2026-12-03T02:00:00Z", "Not/AZone")).toBe(new Date("2026-12-03T02:00:00Z").toLocaleString(undefined, { hour12: false }));
  });
});
