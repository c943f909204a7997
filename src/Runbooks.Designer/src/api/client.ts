import type { ProblemDetails } from "./types";

/** An API answer that was not 2xx, with the server's problem details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDetails,
  ) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = "ApiError";
  }
}

/** What went wrong, for a person: the server's problem detail when it sent one, else the error's message. */
export function errorText(failure: unknown): string {
  if (failure instanceof ApiError) return failure.problem.detail || failure.problem.title || failure.message;
  return failure instanceof Error ? failure.message : String(failure);
}

/** The validation problems a 422 carries, one line each ("steps[0].timeout: 'abc' is not a duration…"). */
export function problemReasons(failure: unknown): string[] {
  if (!(failure instanceof ApiError)) return [];
  return (failure.problem.problems ?? []).map((p) => `${p.path ? `${p.path}: ` : ""}${p.message}`);
}

const keyStorage = "runbooks.apiKey";

/**
 * The only way the designer talks to the network: relative URLs on the server that served it, with the API key as a
 * bearer token. The key lives in sessionStorage (gone when the tab closes), never in a URL or a cookie.
 */
export class ApiClient {
  private key: string | null;

  constructor(private readonly storage: Storage | null = typeof sessionStorage === "undefined" ? null : sessionStorage) {
    this.key = this.storage?.getItem(keyStorage) ?? null;
  }

  get hasKey(): boolean {
    return this.key !== null;
  }

  signIn(key: string): void {
    this.key = key.trim();
    this.storage?.setItem(keyStorage, this.key);
  }

  signOut(): void {
    this.key = null;
    this.storage?.removeItem(keyStorage);
  }

  headers(extra?: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = { Accept: "application/json", ...extra };
    if (this.key) headers.Authorization = `Bearer ${this.key}`;
    return headers;
  }

  async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return (await this.send<T>("GET", path, undefined, undefined, signal)).body;
  }

  async post<T>(path: string, body?: unknown): Promise<T> {
    return (await this.send<T>("POST", path, body)).body;
  }

  /** Sends a request; a string body goes as YAML, anything else as JSON. Answers the body and the ETag. */
  async send<T>(method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>, signal?: AbortSignal): Promise<{ body: T; etag: string | null; status: number }> {
    // Only the server's own API: "//host/…" or "/\\host" would be another host to the browser, and the key goes with it.
    if (!path.startsWith("/api/") || path.includes("\\") || path.slice(1).includes("//")) throw new Error(`the designer only calls its own server's /api/; got ${path}`);
    const headers = this.headers(extraHeaders);
    let payload: string | undefined;
    if (typeof body === "string") {
      headers["Content-Type"] = "application/yaml";
      payload = body;
    } else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const response = await fetch(path, { method, headers, body: payload, signal, credentials: "omit" });
    const text = await response.text();
    const type = response.headers.get("Content-Type") ?? "";
    const parsed: unknown = text.length > 0 && type.includes("json") ? JSON.parse(text) : text;
    if (!response.ok) {
      const problem: ProblemDetails = typeof parsed === "object" && parsed !== null ? (parsed as ProblemDetails) : { title: response.statusText, detail: String(parsed || response.statusText) };
      if (response.status === 401 && this.key) this.onUnauthorized?.();
      throw new ApiError(response.status, { status: response.status, ...problem });
    }
    const etag = response.headers.get("ETag");
    return { body: parsed as T, etag: etag ? etag.replace(/^W\//, "").replace(/"/g, "") : null, status: response.status };
  }

  /** Called when the server refuses the key (revoked or expired): the app goes back to sign-in. */
  onUnauthorized?: () => void;
}

export const api = new ApiClient();
