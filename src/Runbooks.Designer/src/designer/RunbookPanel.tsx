import type { PinnedProblem } from "../model/problems";
import { clone, isMap, type Json, type JsonMap, type RunbookDoc } from "../model/runbook";
import { linesToList, listToLines } from "./schemaFields";
import { TemplateInput } from "./TemplateInput";
import { useRawText } from "./useRawText";

const parameterTypes = ["string", "int", "number", "bool", "duration", "list", "map", "secret"];

interface RunbookPanelProps {
  doc: RunbookDoc;
  problems: PinnedProblem[];
  completions: string[];
  onEdit: (edit: (doc: RunbookDoc) => RunbookDoc) => void;
  readOnly: boolean;
}

/** The runbook's own settings (nothing selected on the canvas): name, description, tags, parameters and targets. */
export function RunbookPanel({ doc, problems, completions, onEdit, readOnly }: RunbookPanelProps) {
  const set = (key: string, value: Json | undefined) =>
    onEdit((d) => {
      const next = clone(d);
      if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) delete next[key];
      else next[key] = value;
      return next;
    });
  const parameters: JsonMap = isMap(doc.parameters) ? doc.parameters : {};
  const targets: JsonMap = isMap(doc.targets) ? doc.targets : {};
  // Sets one key of one parameter; only that key is removed when it becomes empty (a file's `default: ""` stays).
  const setParameter = (name: string, key: string, value: Json | undefined) =>
    onEdit((d) => {
      const next = clone(d);
      const all: JsonMap = isMap(next.parameters) ? next.parameters : {};
      const parameter: JsonMap = isMap(all[name]) ? all[name] : {};
      if (value === undefined || (value === "" && key !== "default")) delete parameter[key];
      else parameter[key] = value;
      all[name] = parameter;
      next.parameters = all;
      return next;
    });
  const renameParameter = (name: string, to: string) =>
    onEdit((d) => {
      if (!to || to === name || !isMap(d.parameters) || to in d.parameters) return d;
      const next = clone(d);
      next.parameters = Object.fromEntries(Object.entries(next.parameters as JsonMap).map(([key, value]) => [key === name ? to : key, value]));
      return next;
    });
  const setTarget = (key: string, value: Json | undefined) =>
    onEdit((d) => {
      const next = clone(d);
      const map: JsonMap = isMap(next.targets) ? next.targets : {};
      if (value === undefined || value === "") delete map[key];
      else map[key] = value;
      if (Object.keys(map).length === 0) delete next.targets;
      else next.targets = map;
      return next;
    });
  const [tags, setTags] = useRawText(doc.tags, (v) => (Array.isArray(v) ? v.join(", ") : typeof v === "string" ? v : ""), (t) => t.split(",").map((x) => x.trim()).filter(Boolean), (v) => set("tags", v));
  const [hosts, setHosts] = useRawText(targets.hosts, listToLines, (t) => linesToList(t, false), (v) => setTarget("hosts", v));
  const [groups, setGroups] = useRawText(targets.groups, listToLines, (t) => linesToList(t, false), (v) => setTarget("groups", v));
  const problemsAt = (prefix: string) => problems.filter((p) => p.field === prefix || p.field.startsWith(`${prefix}.`));

  return (
    <div className="panel-body" data-testid="runbook-panel">
      <h3>Runbook</h3>
      {problems.map((p) => <p key={`${p.path}${p.message}`} className="field-problem error" data-testid="field-problem">{p.path || "runbook"}: {p.message}</p>)}
      <div className="field">
        <label className="field-label" htmlFor="rb-name">name <span className="required">*</span></label>
        <input id="rb-name" type="text" value={typeof doc.name === "string" ? doc.name : ""} onChange={(e) => set("name", e.target.value)} readOnly={readOnly} data-testid="runbook-name" />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="rb-description">description</label>
        <textarea id="rb-description" rows={3} value={typeof doc.description === "string" ? doc.description : ""} onChange={(e) => set("description", e.target.value)} readOnly={readOnly} />
      </div>
      <div className="field-row">
        <div className="field">
          <label className="field-label" htmlFor="rb-version">version</label>
          <input id="rb-version" type="text" value={doc.version === undefined || doc.version === null ? "" : String(doc.version)} onChange={(e) => set("version", e.target.value)} readOnly={readOnly} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="rb-tags">tags <span className="muted">comma-separated</span></label>
          <input id="rb-tags" type="text" value={tags} onChange={(e) => setTags(e.target.value)} readOnly={readOnly} />
        </div>
      </div>
      <fieldset>
        <legend>parameters</legend>
        {Object.entries(parameters).map(([name, raw]) => {
          const p: JsonMap = isMap(raw) ? raw : {};
          return (
            <div key={name} className="parameter" data-testid="parameter" data-name={name}>
              <div className="field-row">
                <input aria-label="parameter name" type="text" defaultValue={name} onBlur={(e) => renameParameter(name, e.target.value.trim())} readOnly={readOnly} />
                <select aria-label={`type of ${name}`} value={typeof p.type === "string" ? p.type : ""} onChange={(e) => setParameter(name, "type", e.target.value)} disabled={readOnly}>
                  <option value="">(type)</option>
                  {parameterTypes.map((t) => <option key={t} value={t}>{t}</option>)}
                </select>
                <label className="check"><input type="checkbox" checked={p.required === true} onChange={(e) => setParameter(name, "required", e.target.checked ? true : undefined)} disabled={readOnly} /> required</label>
                {!readOnly && <button type="button" className="link" onClick={() => onEdit((d) => { const next = clone(d); delete (next.parameters as JsonMap)[name]; if (Object.keys(next.parameters as JsonMap).length === 0) delete next.parameters; return next; })}>remove</button>}
              </div>
              <div className="field-row two">
                <input aria-label={`default of ${name}`} type="text" placeholder="default" value={p.default === undefined || p.default === null ? "" : typeof p.default === "object" ? JSON.stringify(p.default) : String(p.default)} onChange={(e) => setParameter(name, "default", defaultValue(e.target.value, String(p.type ?? "string")))} readOnly={readOnly || p.type === "secret"} />
                <input aria-label={`pattern of ${name}`} type="text" placeholder="pattern (regex)" value={typeof p.pattern === "string" ? p.pattern : ""} onChange={(e) => setParameter(name, "pattern", e.target.value)} readOnly={readOnly} />
              </div>
              <input aria-label={`description of ${name}`} type="text" placeholder="description" value={typeof p.description === "string" ? p.description : ""} onChange={(e) => setParameter(name, "description", e.target.value)} readOnly={readOnly} className="wide" />
              {problemsAt(`parameters.${name}`).map((x) => <p key={x.message} className="field-problem error">{x.message}</p>)}
            </div>
          );
        })}
        {!readOnly && (
          <button type="button" onClick={() => onEdit((d) => { const next = clone(d); const all: JsonMap = isMap(next.parameters) ? next.parameters : {}; let n = 1; while (`param${n}` in all) n++; all[`param${n}`] = { type: "string" }; next.parameters = all; return next; })} data-testid="add-parameter">
            Add parameter
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>targets</legend>
        {doc.targets === "local" || doc.targets === undefined ? <p className="muted">Runs on the Runbooks machine itself (local) unless hosts, groups or a selector are given.</p> : null}
        <div className="field">
          <label className="field-label" htmlFor="rb-hosts">hosts <span className="muted">one per line; templates allowed</span></label>
          <TemplateInput id="rb-hosts" multiline value={hosts} onChange={setHosts} completions={completions} testId="targets-hosts" readOnly={readOnly} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="rb-groups">groups <span className="muted">one per line</span></label>
          <textarea id="rb-groups" rows={2} value={groups} onChange={(e) => setGroups(e.target.value)} readOnly={readOnly} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="rb-selector">selector</label>
          <input id="rb-selector" type="text" value={typeof targets.selector === "string" ? targets.selector : ""} placeholder="env=prod,role in (web,api)" onChange={(e) => setTarget("selector", e.target.value)} readOnly={readOnly} />
        </div>
        {problemsAt("targets").map((x) => <p key={x.message} className="field-problem error">{x.message}</p>)}
      </fieldset>
      <p className="muted">Triggers (schedules, alerts), the rollout strategy and outputs are edited in the YAML tab.</p>
    </div>
  );
}

function defaultValue(text: string, type: string): Json | undefined {
  if (text === "") return undefined;
  if ((type === "int" || type === "number") && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (type === "bool" && (text === "true" || text === "false")) return text === "true";
  if (type === "list" || type === "map") {
    try {
      return JSON.parse(text) as Json;
    } catch {
      return text;
    }
  }
  return text;
}
