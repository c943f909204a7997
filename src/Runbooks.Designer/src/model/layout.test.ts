import { describe, expect, it } from "vitest";
import { toGraph } from "./graph";
import { layoutGraph, stepSize } from "./layout";
import type { RunbookDoc } from "./runbook";

const parallel = (n: number): RunbookDoc => ({
  name: "p",
  steps: [{ id: "g", parallel: Array.from({ length: n }, (_, i) => ({ id: `b${i}`, action: "log" })) }, { id: "after", action: "log" }],
});

describe("layout", () => {
  it("layoutGraph_sixBranches_wrapsIntoThreeColumnsInsideTheGroup", () => {
    const graph = toGraph(parallel(6));
    const placed = layoutGraph(graph.nodes, graph.edges);
    const group = placed.get("g")!;
    expect(group.width).toBeLessThan(4 * stepSize.width);
    expect(placed.get("b3")!.y).toBeGreaterThan(placed.get("b0")!.y);
    for (let i = 0; i < 6; i++) {
      const branch = placed.get(`b${i}`)!;
      expect(branch.x + branch.width).toBeLessThanOrEqual(group.width);
      expect(branch.y + branch.height).toBeLessThanOrEqual(group.height);
    }
  });

  it("layoutGraph_aStepAfterAGroup_isBelowIt", () => {
    const graph = toGraph(parallel(2));
    const placed = layoutGraph(graph.nodes, graph.edges);
    expect(placed.get("after")!.y).toBeGreaterThanOrEqual(placed.get("g")!.y + placed.get("g")!.height);
  });

  it("layoutGraph_manualPosition_wins", () => {
    const graph = toGraph(parallel(2));
    expect(layoutGraph(graph.nodes, graph.edges, { after: { x: 5, y: 7 } }).get("after")).toMatchObject({ x: 5, y: 7 });
  });
});
