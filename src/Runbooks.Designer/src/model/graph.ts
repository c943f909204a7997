import { isMap, nestedKeys, sections, stepKind, stepList, type Json, type JsonMap, type RunbookDoc, type Section, type StepDoc, type StepKind } from "./runbook";

// The runbook as a graph, and back. Nodes are steps (a parallel group or a forEach block is a group node that contains
// its children) plus one header node per top-level section; edges carry the structure:
//   first      section header → the section's first step
//   next       a step → the step after it in the same list
//   body       a forEach block → the first step of its body (inside the group)
//   branch     a parallel group → each branch, in order (inside the group)
//   onFailure  a step → the first of its own failure handlers
// fromGraph reads nothing but the nodes and edges, so the round trip YAML → graph → YAML proves the graph holds the
// whole runbook.

export type EdgeKind = "first" | "next" | "body" | "branch" | "onFailure";

export interface StepNodeData {
  [key: string]: unknown;
  /** The step's own keys, in file order, without its nested step lists. */
  step: JsonMap;
  /** The step's keys in file order, the nested lists included (so they are put back where they were). */
  keyOrder: string[];
  kind: StepKind;
  /** Which top-level list the step belongs to (its own failure handlers and children included). */
  section: Section;
}

export interface SectionNodeData {
  [key: string]: unknown;
  section: Section;
}

export interface GraphNode {
  id: string;
  type: "step" | "group" | "section";
  parentId?: string;
  data: StepNodeData | SectionNodeData;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  /** The target's `if`, drawn on the edge that leads to it. */
  condition?: string;
}

export interface RunbookGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Everything of the runbook that is not a step (name, parameters, targets, triggers, outputs, designer…). */
  meta: JsonMap;
  /** The file's top-level keys in order, the step lists included. */
  keyOrder: string[];
}

export const sectionNodeId = (section: Section) => `@${section}`;

export function isStepData(data: GraphNode["data"]): data is StepNodeData {
  return "step" in data;
}

export function toGraph(doc: RunbookDoc): RunbookGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const meta: JsonMap = {};
  for (const [key, value] of Object.entries(doc)) if (!(sections as readonly string[]).includes(key)) meta[key] = value;

  const edge = (source: string, target: string, kind: EdgeKind, step: StepDoc) => {
    const condition = typeof step.if === "string" ? step.if : undefined;
    edges.push({ id: `${kind}:${source}->${target}`, source, target, kind, ...(condition !== undefined ? { condition } : {}) });
  };

  const addStep = (step: StepDoc, section: Section, parentId: string | undefined) => {
    const own: JsonMap = {};
    for (const [key, value] of Object.entries(step)) if (!isNested(step, key)) own[key] = value;
    const kind = stepKind(step);
    nodes.push({
      id: step.id,
      type: kind === "parallel" || kind === "forEach" ? "group" : "step",
      ...(parentId !== undefined ? { parentId } : {}),
      data: { step: own, keyOrder: Object.keys(step), kind, section } satisfies StepNodeData,
    });
    if (kind === "parallel") {
      for (const branch of stepList(step.parallel)) {
        addStep(branch, section, step.id);
        edge(step.id, branch.id, "branch", branch);
      }
    } else if (kind === "forEach") {
      chain(stepList(step.steps), step.id, "body", section, step.id);
    }
    chain(stepList(step.onFailure), step.id, "onFailure", section, parentId);
  };

  const chain = (list: StepDoc[], anchor: string, kind: EdgeKind, section: Section, parentId: string | undefined) => {
    let previous = anchor;
    let edgeKind = kind;
    for (const step of list) {
      addStep(step, section, parentId);
      edge(previous, step.id, edgeKind, step);
      previous = step.id;
      edgeKind = "next";
    }
  };

  for (const section of sections) {
    nodes.push({ id: sectionNodeId(section), type: "section", data: { section } satisfies SectionNodeData });
    chain(stepList(doc[section]), sectionNodeId(section), "first", section, undefined);
  }
  return { nodes, edges, meta, keyOrder: Object.keys(doc) };
}

/** A forEach's `steps` and a parallel's branches are nested lists; a forEach over one action has no nested list. */
function isNested(step: JsonMap, key: string): boolean {
  if (key === "steps") return isMap(step.forEach);
  return (nestedKeys as readonly string[]).includes(key) && Array.isArray(step[key]);
}

export function fromGraph(graph: RunbookGraph): RunbookDoc {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const outgoing = (source: string, kind: EdgeKind) => graph.edges.filter((e) => e.source === source && e.kind === kind).map((e) => e.target);

  const visiting = new Set<string>();
  const build = (id: string): StepDoc => {
    const node = byId.get(id);
    if (!node || !isStepData(node.data)) throw new Error(`the graph has an edge to ${id}, which is not a step node`);
    if (visiting.has(id)) throw new Error(`the graph has a cycle through ${id}`);
    visiting.add(id);
    const data = node.data;
    const nested: Record<string, Json> = {};
    if (data.kind === "parallel") nested.parallel = outgoing(id, "branch").map(build);
    if (data.kind === "forEach") nested.steps = follow(id, "body");
    const handlers = follow(id, "onFailure");
    if (handlers.length > 0 || data.keyOrder.includes("onFailure")) nested.onFailure = handlers;
    const step: JsonMap = {};
    for (const key of data.keyOrder) {
      if (key in nested) step[key] = nested[key];
      else if (key in data.step) step[key] = data.step[key];
    }
    // Keys added in the designer after the file was read go at the end, in the order they were added.
    for (const [key, value] of Object.entries(data.step)) if (!(key in step)) step[key] = value;
    for (const [key, value] of Object.entries(nested)) if (!(key in step)) step[key] = value;
    return step as StepDoc;
  };

  const follow = (anchor: string, kind: EdgeKind): StepDoc[] => {
    const list: StepDoc[] = [];
    let next = outgoing(anchor, kind)[0];
    while (next !== undefined) {
      list.push(build(next));
      next = outgoing(next, "next")[0];
    }
    return list;
  };

  const lists: Partial<Record<Section, StepDoc[]>> = {};
  for (const section of sections) lists[section] = follow(sectionNodeId(section), "first");

  const doc: RunbookDoc = {};
  for (const key of graph.keyOrder) {
    if ((sections as readonly string[]).includes(key)) doc[key] = lists[key as Section]!;
    else if (key in graph.meta) doc[key] = graph.meta[key];
  }
  for (const [key, value] of Object.entries(graph.meta)) if (!(key in doc)) doc[key] = value;
  for (const section of sections) if (!(section in doc) && lists[section]!.length > 0) doc[section] = lists[section]!;
  return doc;
}
