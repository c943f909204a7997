import { useRef, useState } from "react";
import { api } from "../api/client";
import { navigate } from "../app/router";
import { useSession } from "../app/session";
import { useApi } from "../app/useApi";
import { AlertsTable, DecisionsTable } from "./AlertTables";
import { BreakersTable, NeedsHumanTable, type ResetTarget } from "./BreakerTables";
import { ConfirmDialog } from "./ConfirmDialog";
import { decisionKinds } from "./opsFormat";
import type { AlertBreaker, AlertResetAnswer, NeedsHumanMark, ReceivedAlert, ResetBody, StoredDecision } from "./types";
import "./ops.css";

const tabs = [
  { id: "alerts", label: "Received" },
  { id: "decisions", label: "Decisions" },
  { id: "breakers", label: "Breakers" },
  { id: "needs-human", label: "Needs a human" },
] as const;
type Tab = (typeof tabs)[number]["id"];

const refreshMs = 5000;

function tabFromUrl(): Tab {
  const tab = new URLSearchParams(location.search).get("tab");
  return tabs.find((t) => t.id === tab)?.id ?? "alerts";
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** /alerts: what was received, what was decided and why, breakers and needs-human targets (with resets for admins). */
export function AlertsPage() {
  const session = useSession();
  const canReset = session.can("admin");
  const [tab, setTab] = useState<Tab>(tabFromUrl);
  const [kind, setKind] = useState("");
  const [showReset, setShowReset] = useState(false);
  const [resetting, setResetting] = useState<ResetTarget>();
  const [done, setDone] = useState<string>();
  const tabButtons = useRef<(HTMLButtonElement | null)[]>([]);

  const alerts = useApi<ReceivedAlert[]>("/api/v1/alerts?limit=100", refreshMs);
  const decisions = useApi<StoredDecision[]>(`/api/v1/alerts/decisions?limit=200${kind ? `&kind=${encodeURIComponent(kind)}` : ""}`, refreshMs);
  const breakers = useApi<AlertBreaker[]>(`/api/v1/alerts/breakers${showReset ? "?all=true" : ""}`, refreshMs);
  const needsHuman = useApi<NeedsHumanMark[]>(`/api/v1/alerts/needs-human${showReset ? "?all=true" : ""}`, refreshMs);

  const openBreakers = breakers.data?.filter((b) => b.isOpen).length ?? 0;
  const openMarks = needsHuman.data?.filter((m) => m.isOpen).length ?? 0;
  const counts: Record<Tab, { text: string; alarm: boolean } | undefined> = {
    alerts: alerts.data && { text: String(alerts.data.length), alarm: false },
    decisions: undefined,
    breakers: breakers.data && { text: `${openBreakers} open`, alarm: openBreakers > 0 },
    "needs-human": needsHuman.data && { text: String(openMarks), alarm: openMarks > 0 },
  };

  function select(next: Tab) {
    setTab(next);
    navigate(`/alerts?tab=${next}`, true);
  }

  function onTabKey(event: React.KeyboardEvent, index: number) {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + tabs.length) % tabs.length;
    select(tabs[next].id);
    tabButtons.current[next]?.focus();
  }

  async function reset(target: ResetTarget, comment: string) {
    const body: ResetBody = { key: target.key, comment };
    const answer = await api.post<AlertResetAnswer>("/api/v1/alerts/reset", body);
    setResetting(undefined);
    setDone(`Reset ${answer.key}: closed ${plural(answer.breakers.length, "breaker")} and ${plural(answer.needsHuman.length, "needs-human mark")}. Automatic runs may touch it again.`);
    breakers.reload();
    needsHuman.reload();
  }

  const showing = { alerts, decisions, breakers, "needs-human": needsHuman }[tab];
  return (
    <section className="page ops-page" data-testid="alerts-page">
      <h2>Alerts</h2>
      <div className="ops-tabs" role="tablist" aria-label="Alert views">
        {tabs.map((t, index) => (
          <button
            key={t.id}
            ref={(element) => {
              tabButtons.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`alerts-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="alerts-panel"
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => select(t.id)}
            onKeyDown={(event) => onTabKey(event, index)}
            data-testid={`alerts-tab-${t.id}`}
          >
            {t.label}
            {counts[t.id] && <span className={`count${counts[t.id]!.alarm ? " alarm" : ""}`}>{counts[t.id]!.text}</span>}
          </button>
        ))}
      </div>
      {done && (
        <div className="ops-banner ok" role="status" data-testid="reset-done">
          {done}
          <button type="button" className="link" onClick={() => setDone(undefined)}>Dismiss</button>
        </div>
      )}
      <div id="alerts-panel" role="tabpanel" aria-labelledby={`alerts-tab-${tab}`} className="ops-page">
        {tab === "decisions" && (
          <div className="ops-filters">
            <label>
              Kind
              <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="filter-decision-kind">
                <option value="">any kind</option>
                {decisionKinds.map((k) => <option key={k} value={k}>{k}</option>)}
              </select>
            </label>
          </div>
        )}
        {(tab === "breakers" || tab === "needs-human") && (
          <div className="ops-filters">
            <label className="check">
              <input type="checkbox" checked={showReset} onChange={(e) => setShowReset(e.target.checked)} data-testid="show-reset" />
              Show reset ones too
            </label>
            {!canReset && <span className="muted">Only an admin may reset a breaker or a needs-human mark.</span>}
          </div>
        )}
        {showing.error && <div className="ops-banner error" role="alert">Could not read the {tab === "needs-human" ? "needs-human marks" : tab}: {showing.error}</div>}
        {!showing.data && !showing.error && <p className="muted">Loading…</p>}
        {tab === "alerts" && alerts.data && <AlertsTable alerts={alerts.data} />}
        {tab === "decisions" && decisions.data && <DecisionsTable decisions={decisions.data} />}
        {tab === "breakers" && breakers.data && <BreakersTable breakers={breakers.data} canReset={canReset} onReset={setResetting} />}
        {tab === "needs-human" && needsHuman.data && <NeedsHumanTable marks={needsHuman.data} canReset={canReset} onReset={setResetting} />}
      </div>
      {resetting && (
        <ConfirmDialog
          title={`Reset ${resetting.key}`}
          confirmLabel="Reset"
          comment="required"
          commentLabel="Why automatic runs may go on (recorded with your name)"
          danger
          onConfirm={(comment) => reset(resetting, comment)}
          onClose={() => setResetting(undefined)}
        >
          <p>
            This closes {resetting.what}, and every open breaker and needs-human mark of <code>{resetting.key}</code>: automatic runs
            (alerts) may start for it again.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
