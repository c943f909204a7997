import dagre from "@dagrejs/dagre";
import type { GraphEdge, GraphNode } from "./graph";

export const stepSize = { width: 232, height: 68 };
export const sectionSize = { width: 170, height: 38 };
const groupPadding = { top: 40, side: 18, bottom: 18 };

export interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where each node goes: dagre lays out every container (the canvas, and each parallel group or forEach block, inner
 * ones first so a group's size is known before its parent is laid out); a node's manual position from the file's
 * designer metadata wins over the computed one. Positions of children are relative to their group, as React Flow
 * wants them.
 */
export function layoutGraph(nodes: GraphNode[], edges: GraphEdge[], manual: Record<string, { x: number; y: number }> = {}): Map<string, Placed> {
  const placed = new Map<string, Placed>();
  const children = new Map<string | undefined, GraphNode[]>();
  for (const node of nodes) {
    const list = children.get(node.parentId) ?? [];
    list.push(node);
    children.set(node.parentId, list);
  }

  const sizeOf = (node: GraphNode): { width: number; height: number } => {
    if (node.type === "section") return sectionSize;
    if (node.type === "group") return layoutContainer(node.id);
    return stepSize;
  };

  const layoutContainer = (parentId: string | undefined): { width: number; height: number } => {
    const members = children.get(parentId) ?? [];
    if (members.length === 0) return { width: stepSize.width + 2 * groupPadding.side, height: stepSize.height / 2 + groupPadding.top + groupPadding.bottom };
    const graph = new dagre.graphlib.Graph();
    graph.setGraph({ rankdir: "TB", nodesep: 28, ranksep: 34, marginx: 0, marginy: 0 });
    graph.setDefaultEdgeLabel(() => ({}));
    const sizes = new Map<string, { width: number; height: number }>();
    for (const member of members) {
      const size = sizeOf(member);
      sizes.set(member.id, size);
      graph.setNode(member.id, { width: size.width, height: size.height });
    }
    const ids = new Set(members.map((m) => m.id));
    const inner = edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
    // A parallel group's branches have no edges between them: dagre would put them all in one row, which makes a
    // six-branch group so wide that the whole runbook shrinks to fit. A grid of at most three columns reads better.
    if (parentId !== undefined && inner.length === 0 && members.length > 3) return gridLayout(members, sizes);
    for (const edge of inner) graph.setEdge(edge.source, edge.target);
    dagre.layout(graph);
    let maxX = 0;
    let maxY = 0;
    const offsetX = parentId === undefined ? 0 : groupPadding.side;
    const offsetY = parentId === undefined ? 0 : groupPadding.top;
    for (const member of members) {
      const size = sizes.get(member.id)!;
      const at = graph.node(member.id) as { x: number; y: number };
      const computed = { x: at.x - size.width / 2 + offsetX, y: at.y - size.height / 2 + offsetY };
      const position = manual[member.id] ?? computed;
      placed.set(member.id, { ...position, ...size });
      maxX = Math.max(maxX, position.x + size.width);
      maxY = Math.max(maxY, position.y + size.height);
    }
    return { width: maxX + groupPadding.side, height: maxY + groupPadding.bottom };
  };

  const gridLayout = (members: GraphNode[], sizes: Map<string, { width: number; height: number }>): { width: number; height: number } => {
    const columns = 3;
    const cellWidth = Math.max(...members.map((m) => sizes.get(m.id)!.width));
    const rowHeights: number[] = [];
    members.forEach((m, i) => {
      const row = Math.floor(i / columns);
      rowHeights[row] = Math.max(rowHeights[row] ?? 0, sizes.get(m.id)!.height);
    });
    members.forEach((member, i) => {
      const row = Math.floor(i / columns);
      const top = rowHeights.slice(0, row).reduce((sum, h) => sum + h + 24, 0);
      const computed = { x: groupPadding.side + (i % columns) * (cellWidth + 24), y: groupPadding.top + top };
      placed.set(member.id, { ...(manual[member.id] ?? computed), ...sizes.get(member.id)! });
    });
    const width = groupPadding.side * 2 + Math.min(columns, members.length) * (cellWidth + 24) - 24;
    const height = groupPadding.top + rowHeights.reduce((sum, h) => sum + h + 24, 0) - 24 + groupPadding.bottom;
    let maxX = width;
    let maxY = height;
    for (const member of members) {
      const at = placed.get(member.id)!;
      maxX = Math.max(maxX, at.x + at.width + groupPadding.side);
      maxY = Math.max(maxY, at.y + at.height + groupPadding.bottom);
    }
    return { width: maxX, height: maxY };
  };

  layoutContainer(undefined);
  return placed;
}
