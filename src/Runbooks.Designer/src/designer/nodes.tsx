import { Handle, Position, type NodeProps } from "@xyflow/react";
import { statusClass } from "../app/format";
import type { SectionNodeData, StepNodeData } from "../model/graph";
import { isMap } from "../model/runbook";
import type { NodeDecorations } from "./nodeState";

const sectionTitles = { steps: "Steps", onFailure: "On failure", finally: "Finally" } as const;

type Decorated<T> = T & NodeDecorations;

function title(data: StepNodeData): string {
  return typeof data.step.name === "string" && data.step.name.length > 0 ? data.step.name : String(data.step.id);
}

function Badges({ data }: { data: Decorated<StepNodeData> }) {
  const step = data.step;
  return (
    <span className="node-badges">
      {typeof step.if === "string" && <span className="nb nb-if" title={`if: ${step.if}`}>if</span>}
      {isMap(step.retry) && <span className="nb" title="retried on failure">retry</span>}
      {step.continueOnError === true && <span className="nb" title="a failure does not stop the run">continue</span>}
      {step.idempotent === false && <span className="nb nb-once" title="never re-run automatically after a crash">once</span>}
      {data.problems && data.problems.length > 0 && (
        <span className="nb nb-error" title={data.problems.map((p) => p.message).join("\n")} data-testid="node-problem">
          {data.problems.length} problem{data.problems.length > 1 ? "s" : ""}
        </span>
      )}
    </span>
  );
}

function RunLine({ data }: { data: Decorated<StepNodeData> }) {
  if (!data.run) return null;
  return (
    <span className="node-run" data-testid="node-run">
      {data.run.total > 1 ? `${data.run.done}/${data.run.total} hosts` : data.run.status}
      {data.run.duration ? ` · ${data.run.duration}` : ""}
    </span>
  );
}

/** In from above, on to the next step below, and the red handle on the right for the step's failure handlers. */
function Handles({ children }: { children: React.ReactNode }) {
  return (
    <>
      <Handle type="target" position={Position.Top} />
      {children}
      <Handle type="source" position={Position.Bottom} />
      <Handle type="source" id="failure" position={Position.Right} className="failure-handle" />
    </>
  );
}

export function StepNode({ id, data, selected }: NodeProps) {
  const d = data as Decorated<StepNodeData>;
  const status = d.run?.status;
  const action = typeof d.step.action === "string" ? d.step.action : "";
  return (
    <div
      className={`rb-node ${status ? statusClass(status) : ""} ${selected ? "selected" : ""} ${d.problems?.length ? "has-problem" : ""}`}
      data-testid="step-node"
      data-step-id={id}
      data-status={status ?? ""}
    >
      <Handles>
        <div className="node-head">
          <span className="node-title">{title(d)}</span>
          {d.kind === "forEachAction" && <span className="nb" title="runs once per item">each</span>}
        </div>
        <div className="node-sub">
          <code>{action}</code>
          <span className="muted"> · {String(d.step.id)}</span>
        </div>
        <div className="node-foot">
          <Badges data={d} />
          <RunLine data={d} />
        </div>
      </Handles>
    </div>
  );
}

export function GroupNode({ id, data, selected }: NodeProps) {
  const d = data as Decorated<StepNodeData>;
  const status = d.run?.status;
  const loop = isMap(d.step.forEach) ? d.step.forEach : null;
  return (
    <div className={`rb-group ${status ? statusClass(status) : ""} ${selected ? "selected" : ""} ${d.problems?.length ? "has-problem" : ""}`} data-testid="group-node" data-step-id={id} data-status={status ?? ""}>
      <Handles>
        <div className="group-head">
          <span className="group-kind">{d.kind === "parallel" ? "⇉ parallel" : "↻ for each"}</span>
          <span className="node-title">{title(d)}</span>
          {loop && <code className="muted"> {String(loop.as ?? "item")} in {String(loop.items ?? "")}</code>}
          <Badges data={d} />
          <RunLine data={d} />
        </div>
      </Handles>
    </div>
  );
}

export function SectionNode({ data }: NodeProps) {
  const d = data as SectionNodeData;
  return (
    <div className={`rb-section section-${d.section}`} data-testid="section-node" data-section={d.section}>
      {sectionTitles[d.section]}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

export const nodeTypes = { step: StepNode, group: GroupNode, section: SectionNode };
