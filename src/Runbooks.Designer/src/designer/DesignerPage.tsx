import { useEffect, useMemo, useRef, useState } from "react";
import { ReactFlowProvider } from "@xyflow/react";
import { api, ApiError, errorText, problemReasons } from "../api/client";
import type { ActionInfo, RunbookDetail, SaveResult } from "../api/types";
import { navigate, setLeaveGuard } from "../app/router";
import { useSession } from "../app/session";
import { useApi } from "../app/useApi";
import { clearPositions, copyOf, findStep, insertStep, newActionStep, newForEachBlock, newParallelGroup, removeStep, shiftStep, type Place } from "../model/edit";
import { pinProblems, type PinnedProblem } from "../model/problems";
import { allSteps, stepKind, type RunbookDoc, type StepDoc } from "../model/runbook";
import { RunDialog } from "../run/RunDialog";
import { Canvas } from "./Canvas";
import { completionsFor } from "./completions";
import { Palette } from "./Palette";
import type { PaletteItem } from "./palette";
import { RunbookPanel } from "./RunbookPanel";
import { requiredInputs } from "./schemaFields";
import { SaveConflict, type Conflict } from "./SaveConflict";
import { StepPanel } from "./StepPanel";
import { useDesigner } from "./useDesigner";
import { useValidation } from "./useValidation";
import { YamlPanel } from "./YamlPanel";
import "./designer.css";

/** A message for the next editor to show: a new runbook's first save opens it under its name (a new page). */
let flash: { kind: "ok" | "error"; text: string } | null = null;

/** A viewer's forms change nothing. */
const ignore = () => undefined;

const newRunbook = "name: new-runbook\ndescription: What this runbook does.\nsteps: []\n";

/** /runbooks/<name> (or /runbooks/new): load the runbook and the actions catalog, then edit. */
export function DesignerPage({ name }: { name: string | null }) {
  const actions = useApi<ActionInfo[]>("/api/v1/actions");
  const [detail, setDetail] = useState<RunbookDetail | null>(null);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (name === null) return;
    api.get<RunbookDetail>(`/api/v1/runbooks/${encodeURIComponent(name)}`).then(setDetail, (failure: unknown) => setError(errorText(failure)));
  }, [name]);

  if (error) return <section className="page"><p className="error" role="alert">{error}</p></section>;
  if (actions.error) return <section className="page"><p className="error" role="alert">The actions catalog did not load: {actions.error}</p></section>;
  if (!actions.data || (name !== null && !detail)) return <section className="page">Loading…</section>;
  return (
    <ReactFlowProvider>
      <Editor name={name} initialText={detail?.yaml ?? newRunbook} initialHash={detail?.contentHash ?? null} actions={actions.data} />
    </ReactFlowProvider>
  );
}

type Tab = "properties" | "yaml" | "problems";

function Editor({ name, initialText, initialHash, actions }: { name: string | null; initialText: string; initialHash: string | null; actions: ActionInfo[] }) {
  const session = useSession();
  const canEdit = session.can("operator");
  const designer = useDesigner(initialText);
  const { doc, yaml } = designer;
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>("properties");
  const [hash, setHash] = useState(initialHash);
  const [savedText, setSavedText] = useState(initialText);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(() => {
    const shown = flash;
    flash = null;
    return shown;
  });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [running, setRunning] = useState(false);
  const clipboard = useRef<StepDoc | null>(null);
  const catalog = useMemo(() => new Map(actions.map((a) => [a.name, a])), [actions]);
  const validation = useValidation(yaml, designer.yamlProblems.length === 0, name);
  const pinned = useMemo(() => pinProblems(doc, validation.problems), [doc, validation.problems]);
  const byStep = useMemo(() => {
    const map = new Map<string, PinnedProblem[]>();
    for (const problem of pinned) if (problem.stepId) map.set(problem.stepId, [...(map.get(problem.stepId) ?? []), problem]);
    return map;
  }, [pinned]);
  const dirty = yaml !== savedText;
  const selectedStep = selected ? findStep(doc, selected) : null;
  const completions = useMemo(() => completionsFor(doc, catalog, selected), [doc, catalog, selected]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    const unguard = setLeaveGuard(() => "This runbook has unsaved changes. Leave and lose them?");
    return () => {
      window.removeEventListener("beforeunload", warn);
      unguard();
    };
  }, [dirty]);

  useEffect(() => {
    if (selected && !findStep(doc, selected)) setSelected(null);
  }, [doc, selected]);

  /** Applies an edit; while the YAML panel's text does not parse, says why nothing changed (and answers false). */
  const edit = (change: (d: RunbookDoc) => RunbookDoc): boolean => {
    const made = designer.apply(change);
    if (!made) setMessage({ kind: "error", text: "The YAML does not parse: fix it (or Undo) before editing the graph; the edit was not made." });
    return made;
  };

  const add = (item: PaletteItem, place?: Place) => {
    if (!canEdit) return;
    let step: StepDoc;
    if (item.kind === "parallel") step = newParallelGroup(doc);
    else if (item.kind === "forEach") step = newForEachBlock(doc);
    else step = newActionStep(doc, item.action, requiredInputs(catalog.get(item.action)?.inputs ?? {}));
    const host = selected ? findStep(doc, selected) : null;
    const where: Place = place ?? (host ? (["parallel", "forEach"].includes(stepKind(host)) ? { into: host.id } : { after: host.id }) : { section: "steps" });
    try {
      if (!edit((d) => insertStep(d, step, where))) return;
      setSelected(step.id);
      setTab("properties");
    } catch (failure) {
      setMessage({ kind: "error", text: errorText(failure) });
    }
  };

  const save = async (overwriteHash?: string) => {
    setSaving(true);
    setMessage(null);
    try {
      const target = name ?? null;
      const result = target === null
        ? await api.send<SaveResult>("POST", "/api/v1/runbooks", yaml)
        : await api.send<SaveResult>("PUT", `/api/v1/runbooks/${encodeURIComponent(target)}`, yaml, { "If-Match": `"${overwriteHash ?? hash ?? ""}"` });
      setHash(result.body.contentHash);
      setSavedText(yaml);
      setConflict(null);
      const saved = { kind: "ok" as const, text: `Saved ${result.body.path} (version ${result.body.contentHash.slice(0, 12)})` };
      setMessage(saved);
      if (target === null) {
        flash = saved;
        navigate(`/runbooks/${encodeURIComponent(result.body.name)}`, true, true);
      }
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409 && name !== null) {
        const theirs = await api.send<RunbookDetail>("GET", `/api/v1/runbooks/${encodeURIComponent(name)}`);
        setConflict({ theirs: theirs.body.yaml, theirHash: theirs.body.contentHash });
      } else if (failure instanceof ApiError && failure.status === 422) {
        const reasons = problemReasons(failure);
        setMessage({ kind: "error", text: `Not saved: ${failure.problem.detail ?? "the runbook is invalid"}${reasons.length > 0 ? ` — ${reasons.join("; ")}` : ""}` });
      } else {
        setMessage({ kind: "error", text: `Not saved: ${errorText(failure)}` });
      }
    } finally {
      setSaving(false);
    }
  };

  /** Keyboard use of the canvas: Del deletes, Ctrl+Z/Ctrl+Y undo and redo, ↑/↓ move between nodes, Alt+↑/↓ reorder. */
  const keyDown = (event: React.KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    const ctrl = event.ctrlKey || event.metaKey;
    const order = [...allSteps(doc)].map((s) => s.id);
    if (ctrl && event.key.toLowerCase() === "z" && !event.shiftKey) designer.undo();
    else if (ctrl && (event.key.toLowerCase() === "y" || (event.key.toLowerCase() === "z" && event.shiftKey))) designer.redo();
    else if (ctrl && event.key.toLowerCase() === "c" && selectedStep) clipboard.current = selectedStep;
    else if (ctrl && event.key.toLowerCase() === "v" && clipboard.current && canEdit) {
      const copy = copyOf(doc, clipboard.current);
      edit((d) => insertStep(d, copy, selected ? { after: selected } : { section: "steps" }));
      setSelected(copy.id);
    } else if ((event.key === "Delete" || event.key === "Backspace") && selected && canEdit) {
      const index = order.indexOf(selected);
      edit((d) => removeStep(d, selected));
      setSelected(order[index + 1] ?? order[index - 1] ?? null);
    } else if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown") && selected && canEdit) edit((d) => shiftStep(d, selected, event.key === "ArrowUp" ? -1 : 1));
    else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (order.length === 0) return;
      const index = selected ? order.indexOf(selected) : -1;
      const next = event.key === "ArrowDown" ? Math.min(order.length - 1, index + 1) : Math.max(0, index - 1);
      setSelected(order[next]);
    } else if (event.key === "Escape") setSelected(null);
    else return;
    event.preventDefault();
  };

  const runbookProblems = pinned.filter((p) => p.stepId === null);
  const status = designer.yamlProblems.length > 0 ? <span className="badge status-failed">YAML does not parse</span>
    : validation.text !== yaml ? <span className="badge status-none">checking…</span>
    : validation.error ? <span className="badge status-waiting" title={validation.error}>not checked</span>
    : validation.valid ? <span className="badge status-ok" data-testid="validation-ok">valid</span>
    : <button type="button" className="badge status-failed" onClick={() => setTab("problems")} data-testid="validation-problems">{validation.problems.length} problem{validation.problems.length === 1 ? "" : "s"}</button>;

  return (
    <div className="designer" data-testid="designer">
      <div className="designer-toolbar">
        <strong data-testid="designer-title">{typeof doc.name === "string" ? doc.name : name ?? "new runbook"}</strong>
        {dirty && <span className="muted" data-testid="unsaved">unsaved</span>}
        {status}
        <span className="spacer" />
        <button type="button" onClick={designer.undo} disabled={!designer.canUndo} title="Undo (Ctrl+Z)" data-testid="undo">Undo</button>
        <button type="button" onClick={designer.redo} disabled={!designer.canRedo} title="Redo (Ctrl+Y)" data-testid="redo">Redo</button>
        <button type="button" onClick={() => edit(clearPositions)} disabled={!canEdit} title="Forget manual positions">Auto layout</button>
        {canEdit && <button type="button" className="primary" onClick={() => void save()} disabled={saving || (!dirty && name !== null)} data-testid="save">{saving ? "Saving…" : "Save"}</button>}
        {canEdit && name !== null && (
          <button type="button" onClick={() => setRunning(true)} disabled={dirty} title={dirty ? "Save first: runs use the saved file" : "Plan, then run"} data-testid="run">Run…</button>
        )}
        {name !== null && <a href={`/runs?runbook=${encodeURIComponent(name)}`} onClick={(e) => { e.preventDefault(); navigate(`/runs?runbook=${encodeURIComponent(name)}`); }}>History</a>}
      </div>
      {message && <div className={`designer-message ${message.kind}`} role="status" data-testid="designer-message">{message.text}</div>}
      <div className="designer-body">
        <Palette actions={actions} onAdd={(item) => add(item)} disabled={!canEdit} />
        <div className="canvas-wrap" tabIndex={0} onKeyDown={keyDown} aria-label="runbook graph; arrows move between steps, Delete removes, Ctrl+Z undoes">
          <Canvas doc={doc} selected={selected} onSelect={setSelected} onEdit={canEdit ? edit : undefined} onDropItem={(item, place) => add(item, place)} problems={byStep} />
        </div>
        <aside className="side">
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === "properties"} className={tab === "properties" ? "active" : ""} onClick={() => setTab("properties")} data-testid="tab-properties">Properties</button>
            <button type="button" role="tab" aria-selected={tab === "yaml"} className={tab === "yaml" ? "active" : ""} onClick={() => setTab("yaml")} data-testid="tab-yaml">YAML</button>
            <button type="button" role="tab" aria-selected={tab === "problems"} className={tab === "problems" ? "active" : ""} onClick={() => setTab("problems")} data-testid="tab-problems">Problems ({validation.problems.length + designer.yamlProblems.length})</button>
          </div>
          <div className="tab-body">
            {tab === "properties" && (selectedStep ? (
              <StepPanel key={selectedStep.id} doc={doc} step={selectedStep} actions={catalog} completions={completions} problems={byStep.get(selectedStep.id) ?? []} onEdit={canEdit ? edit : ignore} onSelect={setSelected} readOnly={!canEdit} />
            ) : (
              <RunbookPanel doc={doc} problems={runbookProblems} completions={completions} onEdit={canEdit ? edit : ignore} readOnly={!canEdit} />
            ))}
            {tab === "yaml" && <YamlPanel text={yaml} problems={designer.yamlProblems} onChange={designer.setYaml} readOnly={!canEdit} />}
            {tab === "problems" && <ProblemList problems={pinned} yamlProblems={designer.yamlProblems} onPick={(id) => { setSelected(id); setTab("properties"); }} />}
          </div>
        </aside>
      </div>
      {conflict && (
        <SaveConflict
          conflict={conflict}
          mine={yaml}
          onClose={() => setConflict(null)}
          onOverwrite={() => void save(conflict.theirHash)}
          onTakeTheirs={() => {
            designer.reset(conflict.theirs);
            setSavedText(conflict.theirs);
            setHash(conflict.theirHash);
            setConflict(null);
            setMessage({ kind: "ok", text: "Loaded the saved version; your changes were dropped." });
          }}
        />
      )}
      {running && name !== null && <RunDialog name={name} doc={doc as RunbookDoc} onClose={() => setRunning(false)} />}
    </div>
  );
}

function ProblemList({ problems, yamlProblems, onPick }: { problems: PinnedProblem[]; yamlProblems: { line: number; column: number; message: string }[]; onPick: (id: string | null) => void }) {
  if (problems.length === 0 && yamlProblems.length === 0) return <p className="muted panel-body">No problems.</p>;
  return (
    <ul className="problem-list panel-body" data-testid="problem-list">
      {yamlProblems.map((p) => <li key={`y${p.line}${p.column}`} className="error">YAML line {p.line}, column {p.column}: {p.message}</li>)}
      {problems.map((p) => (
        <li key={`${p.path}${p.code}${p.message}`}>
          <button type="button" className="link" onClick={() => onPick(p.stepId)}>{p.stepId ? `step ${p.stepId}` : "runbook"}</button>
          <span className="muted"> line {p.line}:{p.column} · {p.path} · {p.code}</span>
          <div className="error">{p.message}</div>
        </li>
      ))}
    </ul>
  );
}
