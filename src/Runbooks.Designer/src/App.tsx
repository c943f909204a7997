import { useEffect, useMemo, useState } from "react";
import { api } from "./api/client";
import type { Me } from "./api/types";
import { SignIn } from "./app/SignIn";
import { SessionContext, sessionFor } from "./app/session";
import { confirmLeave, linkProps, useRoute, type Route } from "./app/router";
import { ErrorBoundary } from "./app/ErrorBoundary";
import { RunbookList } from "./designer/RunbookList";
import { DesignerPage } from "./designer/DesignerPage";
import { RunPage } from "./run/RunPage";
import { RunHistory } from "./ops/RunHistory";
import { AlertsPage } from "./ops/AlertsPage";
import { SchedulesPage } from "./ops/SchedulesPage";

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(api.hasKey);
  const [message, setMessage] = useState<string>();
  const route = useRoute();

  useEffect(() => {
    api.onUnauthorized = () => {
      api.signOut();
      setMe(null);
      setMessage("The server no longer accepts this key; sign in again.");
    };
    if (!api.hasKey) return;
    api
      .get<Me>("/api/v1/me")
      .then(setMe)
      .catch(() => api.signOut())
      .finally(() => setChecking(false));
  }, []);

  const session = useMemo(
    () =>
      me &&
      sessionFor(me, () => {
        if (!confirmLeave()) return;
        api.signOut();
        setMe(null);
      }),
    [me],
  );

  if (checking) return <main data-testid="app" className="loading">Loading…</main>;
  if (!session) {
    return (
      <main data-testid="app">
        <SignIn onSignedIn={setMe} message={message} />
      </main>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <main data-testid="app" className="app">
        <header className="topbar">
          <a className="brand" {...linkProps("/")}>Runbooks</a>
          <nav>
            <a {...linkProps("/")} className={route.page === "runbooks" || route.page === "designer" ? "active" : ""}>Runbooks</a>
            <a {...linkProps("/runs")} className={route.page === "runs" || route.page === "run" ? "active" : ""} data-testid="nav-runs">Runs</a>
            <a {...linkProps("/alerts")} className={route.page === "alerts" ? "active" : ""} data-testid="nav-alerts">Alerts</a>
            <a {...linkProps("/schedules")} className={route.page === "schedules" ? "active" : ""} data-testid="nav-schedules">Schedules</a>
          </nav>
          <span className="whoami" data-testid="whoami">
            {session.me.name} · {session.me.role}
          </span>
          <button type="button" className="link" onClick={session.signOut} data-testid="signout">Sign out</button>
        </header>
        <ErrorBoundary key={`${route.page}:${"name" in route ? route.name : ""}:${"runId" in route ? route.runId : ""}`}>
          <Page route={route} />
        </ErrorBoundary>
      </main>
    </SessionContext.Provider>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case "runbooks":
      return <RunbookList />;
    case "designer":
      return <DesignerPage key={route.name ?? "(new)"} name={route.name} />;
    case "runs":
      return <RunHistory query={route.query} />;
    case "run":
      return <RunPage key={route.runId} runId={route.runId} />;
    case "alerts":
      return <AlertsPage />;
    case "schedules":
      return <SchedulesPage />;
    default:
      return <section className="page"><h2>Not found</h2><p>There is no page at {route.path}.</p></section>;
  }
}
