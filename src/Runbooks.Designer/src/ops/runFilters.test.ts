import { describe, expect, it } from "vitest";
import { filtersFrom, historyUrl, runsApiPath } from "./runFilters";

describe("runFilters", () => {
  it("filtersFrom_EmptyQuery_IsAnyWithTheServersDefaultLimit", () => {
    expect(filtersFrom(new URLSearchParams(""))).toEqual({ runbook: "", status: "", trigger: "", limit: 50 });
  });

  it("filtersFrom_AllSet_ReadsEach", () => {
    expect(filtersFrom(new URLSearchParams("runbook=restart&status=failed&trigger=alert&limit=200"))).toEqual({
      runbook: "restart",
      status: "failed",
      trigger: "alert",
      limit: 200,
    });
  });

  it("filtersFrom_UnknownStatusOrBadLimit_FallsBackToAny", () => {
    expect(filtersFrom(new URLSearchParams("status=exploded&limit=5000"))).toMatchObject({ status: "", limit: 50 });
    expect(filtersFrom(new URLSearchParams("limit=abc"))).toMatchObject({ limit: 50 });
  });

  it("historyUrl_OnlyTheSetFilters_AreInTheUrl", () => {
    expect(historyUrl({ runbook: "", status: "", trigger: "", limit: 50 })).toBe("/runs");
    expect(historyUrl({ runbook: "disk cleanup", status: "inDoubt", trigger: " schedule ", limit: 50 })).toBe(
      "/runs?runbook=disk+cleanup&status=inDoubt&trigger=schedule",
    );
  });

  it("runsApiPath_AlwaysSaysTheLimit", () => {
    expect(runsApiPath({ runbook: "", status: "", trigger: "", limit: 50 })).toBe("/api/v1/runs?limit=50");
    expect(runsApiPath({ runbook: "a&b", status: "", trigger: "api:alice", limit: 100 })).toBe("/api/v1/runs?runbook=a%26b&trigger=api%3Aalice&limit=100");
  });

  it("historyUrl_RoundTrip_KeepsTheFilters", () => {
    const filters = { runbook: "r/1", status: "running", trigger: "alert:Nginx Down", limit: 500 };
    expect(filtersFrom(new URLSearchParams(historyUrl(filters).split("?")[1]))).toEqual(filters);
  });
});
