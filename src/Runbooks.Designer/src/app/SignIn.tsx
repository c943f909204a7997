import { useState } from "react";
import { api, ApiError } from "../api/client";
import type { Me } from "../api/types";

/** Sign-in with an API key (`runbooks keys create`); the key is checked against GET /api/v1/me before it is kept. */
export function SignIn({ onSignedIn, message }: { onSignedIn: (me: Me) => void; message?: string }) {
  const [key, setKey] = useState("");
  const [error, setError] = useState(message ?? "");
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError("");
    api.signIn(key);
    try {
      onSignedIn(await api.get<Me>("/api/v1/me"));
    } catch (failure) {
      api.signOut();
      setError(failure instanceof ApiError && failure.status === 401 ? "The server does not know this key (revoked, or mistyped)." : `Sign-in failed: ${String(failure instanceof Error ? failure.message : failure)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin">
      <form onSubmit={submit} data-testid="signin">
        <h1>Runbooks</h1>
        <p>Sign in with an API key. An admin makes one with <code>runbooks keys create --name you --role operator</code>.</p>
        <label>
          API key
          <input type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder="rbk_…" data-testid="api-key" autoFocus />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy || key.trim().length === 0} data-testid="signin-submit">Sign in</button>
      </form>
    </div>
  );
}
