import { useEffect, useState } from "react";

/** The app's pages, from the path (the server answers index.html for every non-API path, so deep links work). */
export type Route =
  | { page: "runbooks" }
  | { page: "designer"; name: string | null }
  | { page: "runs"; query: URLSearchParams }
  | { page: "run"; runId: string }
  | { page: "alerts" }
  | { page: "schedules" }
  | { page: "notFound"; path: string };

export function parseRoute(pathname: string, search = ""): Route {
  const parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === "runbooks")) return { page: "runbooks" };
  if (parts[0] === "runbooks" && parts.length === 2) return { page: "designer", name: parts[1] === "new" ? null : parts[1] };
  if (parts[0] === "runs" && parts.length === 1) return { page: "runs", query: new URLSearchParams(search) };
  if (parts[0] === "runs" && parts.length === 2) return { page: "run", runId: parts[1] };
  if (parts[0] === "alerts" && parts.length === 1) return { page: "alerts" };
  if (parts[0] === "schedules" && parts.length === 1) return { page: "schedules" };
  return { page: "notFound", path: pathname };
}

const listeners = new Set<() => void>();

/** Answers a question to ask before leaving the page (unsaved changes), or null when leaving is fine. */
type LeaveGuard = () => string | null;
let leaveGuard: LeaveGuard | null = null;
let currentUrl = typeof location === "undefined" ? "/" : location.pathname + location.search;

/** The editor registers what to ask before the app leaves it; the returned function unregisters. */
export function setLeaveGuard(guard: LeaveGuard): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

/** Whether the user lets the app leave the current page (asked only when a guard has a question). */
export function confirmLeave(): boolean {
  const question = leaveGuard?.();
  return !question || window.confirm(question);
}

/**
 * Goes to another page of the app without reloading it. Unsaved changes are asked about first, unless `force`
 * (the editor itself moving to a runbook it has just saved).
 */
export function navigate(to: string, replace = false, force = false): void {
  if (!force && !confirmLeave()) return;
  currentUrl = to;
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  listeners.forEach((listener) => listener());
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname, location.search));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname, location.search));
    // Back and forward cannot be cancelled: when the user keeps their unsaved changes, the URL is put back.
    const popped = () => {
      if (!confirmLeave()) {
        history.pushState(null, "", currentUrl);
        return;
      }
      currentUrl = location.pathname + location.search;
      update();
    };
    listeners.add(update);
    window.addEventListener("popstate", popped);
    return () => {
      listeners.delete(update);
      window.removeEventListener("popstate", popped);
    };
  }, []);
  return route;
}

/** An in-app link: a real href (open in a new tab works) that navigates without a reload on a plain click. */
export function linkProps(to: string): { href: string; onClick: (event: React.MouseEvent) => void } {
  return {
    href: to,
    onClick: (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(to);
    },
  };
}
