import { useEffect, useMemo } from "react";
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  useNodesState,
  useReactFlow,
  type Connection,
  type Edge,
  type Node,
  type NodeChange,
} from "@xyflow/react";
import { moveStep, setPosition, type Place } from "../model/edit";
import { isStepData, toGraph } from "../model/graph";
import { layoutGraph } from "../model/layout";
import type { PinnedProblem } from "../model/problems";
import { positions, type RunbookDoc, type Section } from "../model/runbook";
import { nodeTypes } from "./nodes";
import type { NodeRunState } from "./nodeState";
import { paletteMime, type PaletteItem } from "./palette";

export interface CanvasProps {
  doc: RunbookDoc;
  selected: string | null;
  onSelect: (id: string | null) => void;
  /** Absent for the read-only run view. */
  onEdit?: (edit: (doc: RunbookDoc) => RunbookDoc) => void;
  onDropItem?: (item: PaletteItem, place: Place) => void;
  problems?: Map<string, PinnedProblem[]>;
  run?: Map<string, NodeRunState>;
}

/** The runbook as a graph on a React Flow canvas; every change it makes is an edit of the model. */
export function Canvas({ doc, selected, onSelect, onEdit, onDropItem, problems, run }: CanvasProps) {
  const editable = onEdit !== undefined;
  const flow = useReactFlow();
  const graph = useMemo(() => toGraph(doc), [doc]);
  const placed = useMemo(() => layoutGraph(graph.nodes, graph.edges, positions(doc)), [graph, doc]);

  const derived: Node[] = useMemo(
    () =>
      graph.nodes.map((node) => {
        const at = placed.get(node.id) ?? { x: 0, y: 0, width: 200, height: 60 };
        return {
          id: node.id,
          type: node.type,
          position: { x: at.x, y: at.y },
          ...(node.parentId ? { parentId: node.parentId } : {}),
          data: { ...node.data, problems: problems?.get(node.id), run: run?.get(node.id) },
          style: node.type === "group" ? { width: at.width, height: at.height } : undefined,
          width: at.width,
          height: at.height,
          selected: node.id === selected,
          draggable: editable,
          deletable: false,
          connectable: editable,
          selectable: node.type !== "section",
          ariaLabel: isStepData(node.data) ? `step ${node.id}` : `section ${node.id.slice(1)}`,
        } satisfies Node;
      }),
    [graph, placed, problems, run, selected, editable],
  );

  const [nodes, setNodes, onNodesChange] = useNodesState<Node>(derived);
  useEffect(() => setNodes(derived), [derived, setNodes]);

  const edges: Edge[] = useMemo(
    () =>
      graph.edges.map((edge) => ({
        id: edge.id,
        source: edge.source,
        target: edge.target,
        ...(edge.kind === "onFailure" ? { sourceHandle: "failure" } : {}),
        type: "smoothstep",
        hidden: edge.kind === "body" || edge.kind === "branch",
        label: edge.condition !== undefined ? `if ${edge.condition}` : edge.kind === "onFailure" ? "on failure" : undefined,
        className: `edge-${edge.kind}${edge.condition !== undefined ? " edge-conditional" : ""}`,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
        animated: run?.get(edge.target)?.status === "running",
        deletable: false,
        selectable: false,
      })),
    [graph, run],
  );

  const onChange = (changes: NodeChange[]) => onNodesChange(changes.filter((change) => change.type === "position" || change.type === "dimensions"));

  const connect = (connection: Connection) => {
    if (!onEdit || !connection.source || !connection.target) return;
    const source = connection.source;
    const target = connection.target;
    let place: Place;
    if (source.startsWith("@")) place = { section: source.slice(1) as Section, index: 0 };
    else if (connection.sourceHandle === "failure") place = { failureOf: source };
    else place = { after: source };
    onEdit((current) => moveStep(current, target, place));
  };

  const drop = (event: React.DragEvent) => {
    const raw = event.dataTransfer.getData(paletteMime);
    if (!raw || !onDropItem) return;
    event.preventDefault();
    const item = JSON.parse(raw) as PaletteItem;
    onDropItem(item, placeAt(event.clientX, event.clientY));
  };

  /** The node under the pointer decides where a dropped item goes: into a group, after a step, first of a section. */
  const placeAt = (clientX: number, clientY: number): Place => {
    const element = document.elementsFromPoint(clientX, clientY).find((el) => el.classList.contains("react-flow__node"));
    const id = element?.getAttribute("data-id");
    const node = id ? graph.nodes.find((n) => n.id === id) : undefined;
    if (!node) return { section: "steps" };
    if (node.type === "section") return { section: node.id.slice(1) as Section, index: 0 };
    if (node.type === "group") return { into: node.id };
    return { after: node.id };
  };

  return (
    <div className="canvas" onDragOver={(e) => editable && e.preventDefault()} onDrop={drop} data-testid="canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onChange}
        onNodeClick={(_, node) => node.type !== "section" && onSelect(node.id)}
        onPaneClick={() => onSelect(null)}
        onNodeDragStop={(_, node) => {
          if (!onEdit || node.type === "section") return;
          onEdit((current) => setPosition(current, node.id, node.position.x, node.position.y));
        }}
        onConnect={connect}
        nodesDraggable={editable}
        nodesConnectable={editable}
        deleteKeyCode={null}
        disableKeyboardA11y
        fitView
        fitViewOptions={{ maxZoom: 1, padding: 0.15 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
      </ReactFlow>
      {graph.nodes.length === 3 && editable && (
        <div className="canvas-empty" data-testid="canvas-empty">Drag an action from the palette onto the canvas to add the first step.</div>
      )}
      <button type="button" className="fit" onClick={() => flow.fitView({ maxZoom: 1, padding: 0.15 })} title="Fit the whole runbook in view">Fit</button>
    </div>
  );
}

