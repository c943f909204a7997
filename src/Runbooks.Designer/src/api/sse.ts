import type { ApiClient } from "./client";
import type { RunEvent } from "./types";

export interface RunStreamHandlers {
  onEvent(event: RunEvent): void;
  onEnd(status: string): void;
  onError?(message: string): void;
}

/**
 * Follows GET /api/v1/runs/{id}/events (Server-Sent Events). EventSource cannot send an Authorization header, so this
 * reads the stream with fetch and parses the SSE frames itself; after a dropped connection it reconnects with
 * Last-Event-ID so no event is shown twice or missed. Stops when the run ends or the signal aborts.
 */
export async function followRun(client: ApiClient, runId: string, handlers: RunStreamHandlers, signal: AbortSignal): Promise<void> {
  let lastId = "";
  let failures = 0;
  while (!signal.aborted) {
    try {
      const headers = client.headers({ Accept: "text/event-stream" });
      if (lastId) headers["Last-Event-ID"] = lastId;
      const response = await fetch(`/api/v1/runs/${encodeURIComponent(runId)}/events`, { headers, signal, credentials: "omit" });
      if (!response.ok || !response.body) {
        if (response.status === 401) {
          client.onUnauthorized?.();
          return;
        }
        if (response.status >= 400 && response.status < 500) {
          handlers.onError?.(`the event stream answered HTTP ${response.status}; live updates stopped (reload the page)`);
          return;
        }
        handlers.onError?.(`the event stream answered HTTP ${response.status}; reconnecting`);
      } else {
        failures = 0;
        const ended = await readFrames(response.body, signal, (frame) => {
          if (frame.id) lastId = frame.id;
          if (frame.event === "run") handlers.onEvent(JSON.parse(frame.data) as RunEvent);
          if (frame.event === "end") {
            handlers.onEnd((JSON.parse(frame.data) as { status: string }).status);
            return true;
          }
          return false;
        });
        if (ended) return;
      }
    } catch (error) {
      if (signal.aborted) return;
      handlers.onError?.(`${error instanceof Error ? error.message : String(error)}; reconnecting`);
    }
    failures++;
    await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** failures)));
  }
}

interface Frame {
  id: string;
  event: string;
  data: string;
}

/** Reads SSE frames until the stream closes (false) or `onFrame` says the run ended (true). */
export async function readFrames(body: ReadableStream<Uint8Array>, signal: AbortSignal, onFrame: (frame: Frame) => boolean): Promise<boolean> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    while (!signal.aborted) {
      const { done, value } = await reader.read();
      if (done) return false;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const frame = parseFrame(block);
        if (frame && onFrame(frame)) return true;
      }
    }
    return false;
  } finally {
    reader.releaseLock();
  }
}

export function parseFrame(block: string): Frame | null {
  const frame: Frame = { id: "", event: "message", data: "" };
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id") frame.id = value;
    else if (field === "event") frame.event = value;
    else if (field === "data") data.push(value);
  }
  if (data.length === 0) return null;
  frame.data = data.join("\n");
  return frame;
}
