import { useMemo, useState } from "react";
import { api, errorText, problemReasons } from "../api/client";
import type { Inventory, PlanResult, StartRunAnswer } from "../api/types";
import { navigate } from "../app/router";
import { StatusBadge } from "../app/StatusBadge";
import { useApi } from "../app/useApi";
import { isMap, type Json, type JsonMap, type RunbookDoc } from "../model/runbook";
import { parameterValue } from "./parameterValue";

/**
 * Run from the designer: a form from the runbook's typed parameters, a target picker from the inventory, a plan
 * (dry run: each host's steps with their rendered commands, nothing connects), then run.
 */
export function RunDialog({ name, doc, onClose }: { name: string; doc: RunbookDoc; onClose: () => void }) {
  const inventory = useApi<Inventory>("/api/v1/inventory");
  const parameters = useMemo(() => Object.entries(isMap(doc.parameters) ? doc.parameters : {}).map(([key, raw]) => ({ name: key, spec: (isMap(raw) ? raw : {}) as JsonMap })), [doc]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [pick, setPick] = useState(false);
  const [hosts, setHosts] = useState<string[]>([]);
  const [filter, setFilter] = useState("");
  const [plan, setPlan] = useState<PlanResult | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState<"plan" | "run" | null>(null);
  const token = useMemo(() => crypto.randomUUID(), []);

  const body = () => {
    const given: Record<string, Json> = {};
    const errors: string[] = [];
    for (const { name: key, spec } of parameters) {
      const text = values[key];
      if (text === undefined || text === "") continue;
      const parsed = parameterValue(text, String(spec.type ?? "string"));
      if (parsed.error) errors.push(`${key}: ${parsed.error}`);
      else given[key] = parsed.value!;
    }
    if (pick && hosts.length === 0) errors.push("pick at least one host, or use the runbook's own targets");
    return { given, errors };
  };

  const describe = (failure: unknown) => [errorText(failure), ...problemReasons(failure)];

  const doPlan = async () => {
    const { given, errors } = body();
    setProblems(errors);
    if (errors.length > 0) return;
    setBusy("plan");
    try {
      setPlan(await api.post<PlanResult>("/api/v1/runbooks/plan", { name, parameters: given, ...(pick ? { targets: hosts } : {}) }));
    } catch (failure) {
      setPlan(null);
      setProblems(describe(failure));
    } finally {
      setBusy(null);
    }
  };

  const doRun = async () => {
    const { given, errors } = body();
    setProblems(errors);
    if (errors.length > 0) return;
    setBusy("run");
    try {
      const started = await api.post<StartRunAnswer>("/api/v1/runs", { runbook: name, parameters: given, ...(pick ? { hosts } : {}), clientToken: token });
      onClose();
      navigate(`/runs/${encodeURIComponent(started.runId)}`);
    } catch (failure) {
      setProblems(describe(failure));
      setBusy(null);
    }
  };

  const shown = (inventory.data?.hosts ?? []).filter((h) => !filter || h.name.includes(filter) || h.groups.some((g) => g.includes(filter)));

  return (
    <div className="dialog-backdrop" role="dialog" aria-modal="true" aria-labelledby="run-title" data-testid="run-dialog">
      <div className="dialog">
        <h3 id="run-title">Run {name}</h3>
        {parameters.length > 0 ? (
          <fieldset>
            <legend>parameters</legend>
            {parameters.map(({ name: key, spec }) => (
              <div className="field" key={key}>
                <label className="field-label" htmlFor={`param-${key}`}>
                  {key}
                  {spec.required === true && spec.default === undefined && <span className="required"> *</span>}
                  <span className="muted"> {String(spec.type ?? "string")}</span>
                </label>
                {spec.type === "bool" ? (
                  <select id={`param-${key}`} value={values[key] ?? ""} onChange={(e) => setValues({ ...values, [key]: e.target.value })} data-testid={`param-${key}`}>
                    <option value="">{spec.default !== undefined ? `default: ${String(spec.default)}` : "(not set)"}</option>
                    <option value="true">true</option>
                    <option value="false">false</option>
                  </select>
                ) : Array.isArray(spec.allowed) ? (
                  <select id={`param-${key}`} value={values[key] ?? ""} onChange={(e) => setValues({ ...values, [key]: e.target.value })} data-testid={`param-${key}`}>
                    <option value="">{spec.default !== undefined ? `default: ${String(spec.default)}` : "(not set)"}</option>
                    {spec.allowed.map((a) => <option key={String(a)} value={String(a)}>{String(a)}</option>)}
                  </select>
                ) : (
                  <input
                    id={`param-${key}`}
                    type="text"
                    value={values[key] ?? ""}
                    disabled={spec.type === "secret"}
                    placeholder={spec.type === "secret" ? "secrets come from the server's environment, not from a form" : spec.default !== undefined ? `default: ${typeof spec.default === "object" ? JSON.stringify(spec.default) : String(spec.default)}` : spec.type === "list" ? 'a,b,c or ["a","b"]' : spec.type === "map" ? '{"key":"value"}' : ""}
                    onChange={(e) => setValues({ ...values, [key]: e.target.value })}
                    data-testid={`param-${key}`}
                  />
                )}
                {typeof spec.description === "string" && <p className="field-help muted">{spec.description}</p>}
              </div>
            ))}
          </fieldset>
        ) : (
          <p className="muted">This runbook has no parameters.</p>
        )}
        <fieldset>
          <legend>targets</legend>
          <label className="check"><input type="radio" checked={!pick} onChange={() => setPick(false)} name="targets" /> the runbook's own targets</label>
          <label className="check"><input type="radio" checked={pick} onChange={() => setPick(true)} name="targets" data-testid="pick-hosts" /> these inventory hosts (the rollout strategy is kept)</label>
          {pick && (
            <div className="host-picker" data-testid="host-picker">
              <input type="search" placeholder="filter by name or group" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="filter hosts" />
              {inventory.error && <p className="error">{inventory.error}</p>}
              {shown.length === 0 && <p className="muted">No inventory hosts{filter ? " match" : ""}.</p>}
              {shown.map((h) => (
                <label key={h.name} className="check">
                  <input type="checkbox" checked={hosts.includes(h.name)} onChange={(e) => setHosts(e.target.checked ? [...hosts, h.name] : hosts.filter((x) => x !== h.name))} data-testid="host-option" data-host={h.name} />
                  {h.name} <span className="muted">{h.address}{h.groups.length ? ` · ${h.groups.join(", ")}` : ""}</span>
                </label>
              ))}
            </div>
          )}
        </fieldset>
        {problems.length > 0 && (
          <ul className="error" role="alert" data-testid="run-problems">
            {problems.map((p) => <li key={p}>{p}</li>)}
          </ul>
        )}
        {plan && <PlanView plan={plan} />}
        <div className="actions">
          <button type="button" onClick={onClose}>Close</button>
          <button type="button" onClick={() => void doPlan()} disabled={busy !== null} data-testid="plan">{busy === "plan" ? "Planning…" : "Plan"}</button>
          <button type="button" className="primary" onClick={() => void doRun()} disabled={busy !== null} data-testid="start-run">{busy === "run" ? "Starting…" : "Run"}</button>
        </div>
      </div>
    </div>
  );
}

function PlanView({ plan }: { plan: PlanResult }) {
  return (
    <div className="plan" data-testid="plan-view">
      <h4>Plan: what each host would do (nothing has run)</h4>
      {plan.targets.map((target) => (
        <details key={target.target} open data-testid="plan-host" data-host={target.target}>
          <summary>{target.target} <span className="muted">· {target.steps.length} step(s)</span></summary>
          <table>
            <tbody>
              {target.steps.map((step) => (
                <tr key={`${step.path}`}>
                  <td><code>{step.path}</code></td>
                  <td><StatusBadge status={step.status} /></td>
                  <td>
                    {step.action && <code className="muted">{step.action} </code>}
                    {step.plan && <pre className="plan-command" data-testid="plan-command">{step.plan}</pre>}
                    {step.reason && <span className="muted">{step.reason}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </div>
  );
}
