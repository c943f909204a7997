import { useEffect, useState } from "react";
import type { ActionInfo } from "../api/types";
import { copyOf, findStep, insertStep, putKey, removeStep, renameStep, setStepField, setStepInput, shiftStep, updateStep } from "../model/edit";
import type { PinnedProblem } from "../model/problems";
import { isMap, stepKind, type Json, type JsonMap, type RunbookDoc, type StepDoc } from "../model/runbook";
import { SchemaForm } from "./SchemaForm";
import { TemplateInput } from "./TemplateInput";

interface StepPanelProps {
  doc: RunbookDoc;
  step: StepDoc;
  actions: Map<string, ActionInfo>;
  completions: string[];
  problems: PinnedProblem[];
  onEdit: (edit: (doc: RunbookDoc) => RunbookDoc) => void;
  onSelect: (id: string | null) => void;
  readOnly: boolean;
}

// The loader's rule (RunbookGrammar.StepIdPattern): ids are also template names, so no "-".
const idPattern = /^[a-z][a-z0-9_]{0,62}$/;

/** The selected step's properties: id, name, action, condition, timeout, retry, loop and the action's inputs. */
export function StepPanel({ doc, step, actions, completions, problems, onEdit, onSelect, readOnly }: StepPanelProps) {
  const kind = stepKind(step);
  const action = typeof step.action === "string" ? actions.get(step.action) : undefined;
  const set = (key: string, value: Json | undefined) => onEdit((d) => setStepField(d, step.id, key, value));
  const setIn = (key: string, inner: string, value: Json | undefined) =>
    onEdit((d) =>
      updateStep(d, step.id, (s) => {
        const map: JsonMap = isMap(s[key]) ? s[key] : {};
        if (value === undefined || value === "") delete map[inner];
        else map[inner] = value;
        if (Object.keys(map).length === 0) delete s[key];
        else putKey(s, key, map);
      }),
    );
  const inputProblems = new Map<string, string[]>();
  const other: PinnedProblem[] = [];
  for (const problem of problems) {
    const match = /^with\.([^.]+)/.exec(problem.field);
    if (match) inputProblems.set(match[1], [...(inputProblems.get(match[1]) ?? []), problem.message]);
    else other.push(problem);
  }
  const fieldProblem = (field: string) => other.filter((p) => p.field === field || p.field.startsWith(`${field}.`)).map((p) => <p key={p.message} className="field-problem error" data-testid="field-problem">{p.message}</p>);
  const retry = isMap(step.retry) ? step.retry : {};
  const loop = isMap(step.forEach) ? step.forEach : {};

  return (
    <div className="panel-body" data-testid="step-panel" data-step-id={step.id}>
      <div className="panel-title">
        <h3>{kind === "parallel" ? "Parallel group" : kind === "forEach" ? "For each block" : "Step"}</h3>
        {!readOnly && (
          <span className="panel-actions">
            <button type="button" title="Move up (Alt+↑)" onClick={() => onEdit((d) => shiftStep(d, step.id, -1))}>↑</button>
            <button type="button" title="Move down (Alt+↓)" onClick={() => onEdit((d) => shiftStep(d, step.id, 1))}>↓</button>
            <button type="button" title="Duplicate (Ctrl+C, Ctrl+V)" onClick={() => onEdit((d) => insertStep(d, copyOf(d, findStep(d, step.id)!), { after: step.id }))}>Duplicate</button>
            <button type="button" className="danger" title="Delete (Del)" data-testid="delete-step" onClick={() => { onEdit((d) => removeStep(d, step.id)); onSelect(null); }}>Delete</button>
          </span>
        )}
      </div>
      {other.filter((p) => !["id", "name", "action", "if", "timeout", "retry", "forEach", "continueOnError", "idempotent"].some((f) => p.field === f || p.field.startsWith(`${f}.`))).map((p) => (
        <p key={`${p.path}${p.message}`} className="field-problem error" data-testid="field-problem">{p.path}: {p.message}</p>
      ))}
      <IdField id={step.id} doc={doc} readOnly={readOnly} onRename={(next) => { onEdit((d) => renameStep(d, step.id, next)); onSelect(next); }} />
      {fieldProblem("id")}
      <div className="field">
        <label className="field-label" htmlFor="step-name">name</label>
        <input id="step-name" type="text" value={typeof step.name === "string" ? step.name : ""} onChange={(e) => set("name", e.target.value)} readOnly={readOnly} data-testid="step-name" />
      </div>
      {(kind === "action" || kind === "forEachAction") && (
        <div className="field">
          <label className="field-label" htmlFor="step-action">action</label>
          <select id="step-action" value={typeof step.action === "string" ? step.action : ""} onChange={(e) => set("action", e.target.value)} disabled={readOnly} data-testid="step-action">
            {typeof step.action === "string" && !actions.has(step.action) && <option value={step.action}>{step.action} (unknown)</option>}
            {[...actions.values()].map((a) => <option key={a.name} value={a.name}>{a.name}</option>)}
          </select>
          {action && <p className="field-help muted">{action.description}</p>}
          {fieldProblem("action")}
        </div>
      )}
      <div className="field">
        <label className="field-label" htmlFor="step-if">if <span className="muted">expression; the step is skipped when false</span></label>
        <TemplateInput id="step-if" value={typeof step.if === "string" ? step.if : ""} onChange={(v) => set("if", v)} completions={completions} placeholder='e.g. steps.status.outputs.active == false' testId="step-if" invalid={other.some((p) => p.field === "if")} readOnly={readOnly} />
        {fieldProblem("if")}
      </div>
      {kind !== "parallel" && (
        <div className="field-row">
          <div className="field">
            <label className="field-label" htmlFor="step-timeout">timeout</label>
            <input id="step-timeout" type="text" value={typeof step.timeout === "string" ? step.timeout : ""} placeholder={action?.defaultTimeout ? `default: ${action.defaultTimeout}` : "e.g. 30s"} onChange={(e) => set("timeout", e.target.value)} readOnly={readOnly} data-testid="step-timeout" />
            {fieldProblem("timeout")}
          </div>
          <div className="field">
            <label className="field-label" htmlFor="step-idempotent">idempotent</label>
            <select id="step-idempotent" value={step.idempotent === true ? "true" : step.idempotent === false ? "false" : ""} onChange={(e) => set("idempotent", e.target.value === "" ? undefined : e.target.value === "true")} disabled={readOnly}>
              <option value="">{action ? `action's default (${action.idempotentByDefault})` : "action's default"}</option>
              <option value="true">true: safe to re-run</option>
              <option value="false">false: never re-run</option>
            </select>
          </div>
        </div>
      )}
      <label className="check">
        <input type="checkbox" checked={step.continueOnError === true} onChange={(e) => set("continueOnError", e.target.checked ? true : undefined)} disabled={readOnly} /> continue on error
      </label>
      {kind !== "parallel" && (
        <fieldset>
          <legend>retry</legend>
          <div className="field-row">
            <div className="field">
              <label className="field-label" htmlFor="retry-attempts">attempts</label>
              <input id="retry-attempts" type="number" min={1} value={typeof retry.attempts === "number" ? retry.attempts : ""} onChange={(e) => setIn("retry", "attempts", e.target.value === "" ? undefined : Number(e.target.value))} readOnly={readOnly} />
            </div>
            <div className="field">
              <label className="field-label" htmlFor="retry-backoff">backoff</label>
              <select id="retry-backoff" value={typeof retry.backoff === "string" ? retry.backoff : ""} onChange={(e) => setIn("retry", "backoff", e.target.value)} disabled={readOnly}>
                <option value="">(default)</option>
                <option value="fixed">fixed</option>
                <option value="exponential">exponential</option>
              </select>
            </div>
            <div className="field">
              <label className="field-label" htmlFor="retry-delay">initial delay</label>
              <input id="retry-delay" type="text" value={typeof retry.initialDelay === "string" ? retry.initialDelay : ""} placeholder="e.g. 5s" onChange={(e) => setIn("retry", "initialDelay", e.target.value)} readOnly={readOnly} />
            </div>
          </div>
          {fieldProblem("retry")}
        </fieldset>
      )}
      {(kind === "forEach" || kind === "forEachAction") && (
        <fieldset>
          <legend>for each</legend>
          <div className="field">
            <label className="field-label" htmlFor="foreach-items">items <span className="required">*</span></label>
            <TemplateInput id="foreach-items" value={typeof loop.items === "string" ? loop.items : JSON.stringify(loop.items ?? "")} onChange={(v) => setIn("forEach", "items", v)} completions={completions} placeholder="{{ params.files }}" readOnly={readOnly} />
          </div>
          <div className="field-row">
            <div className="field">
              <label className="field-label" htmlFor="foreach-as">as</label>
              <input id="foreach-as" type="text" value={typeof loop.as === "string" ? loop.as : ""} placeholder="item" onChange={(e) => setIn("forEach", "as", e.target.value)} readOnly={readOnly} />
            </div>
            <div className="field">
              <label className="field-label" htmlFor="foreach-concurrency">concurrency</label>
              <input id="foreach-concurrency" type="number" min={1} value={typeof loop.concurrency === "number" ? loop.concurrency : ""} onChange={(e) => setIn("forEach", "concurrency", e.target.value === "" ? undefined : Number(e.target.value))} readOnly={readOnly} />
            </div>
          </div>
          {fieldProblem("forEach")}
        </fieldset>
      )}
      {action && (
        <fieldset>
          <legend>inputs of {action.name}</legend>
          <SchemaForm schema={action.inputs} values={isMap(step.with) ? step.with : {}} onChange={(name, value) => onEdit((d) => setStepInput(d, step.id, name, value))} completions={completions} problems={inputProblems} readOnly={readOnly} idPrefix={`with-${step.id}`} />
        </fieldset>
      )}
    </div>
  );
}

function IdField({ id, doc, readOnly, onRename }: { id: string; doc: RunbookDoc; readOnly: boolean; onRename: (next: string) => void }) {
  const [text, setText] = useState(id);
  useEffect(() => setText(id), [id]);
  const taken = text !== id && findStep(doc, text) !== null;
  const bad = !idPattern.test(text);
  const commit = () => {
    if (text !== id && !taken && !bad) onRename(text);
    else setText(id);
  };
  return (
    <div className="field">
      <label className="field-label" htmlFor="step-id">id <span className="muted">renaming updates steps.{id}.… references</span></label>
      <input id="step-id" type="text" value={text} readOnly={readOnly} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === "Enter" && commit()} data-testid="step-id" className={taken || bad ? "invalid" : ""} />
      {taken && <p className="field-problem error">another step already has the id {text}</p>}
      {bad && <p className="field-problem error">an id starts with a lowercase letter, then up to 62 lowercase letters, digits and _</p>}
    </div>
  );
}
