import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { errorText } from "../api/client";
import "./ops.css";

export interface ConfirmDialogProps {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** "required": the action is recorded with why (a reset, a pause); "none": a plain confirmation. */
  comment: "required" | "none";
  commentLabel?: string;
  danger?: boolean;
  /** Does the work; a rejection shows its message in the dialog, which stays open. */
  onConfirm: (comment: string) => Promise<void>;
  onClose: () => void;
}

/**
 * A modal confirmation for an action with consequences, optionally asking why. Escape or Cancel closes it; focus goes
 * into it when it opens and back to what opened it when it closes.
 */
export function ConfirmDialog({ title, children, confirmLabel, comment, commentLabel, danger, onConfirm, onClose }: ConfirmDialogProps) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const titleId = useId();
  const opener = useRef<Element | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const commentBox = useRef<HTMLTextAreaElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const busyRef = useRef(busy);
  busyRef.current = busy;

  useEffect(() => {
    opener.current = document.activeElement;
    if (comment === "none") confirmButton.current?.focus();
    return () => (opener.current as HTMLElement | null)?.focus?.();
  }, [comment]);

  // Keys on the whole document: focus may be on the page's body (a button that was disabled while working loses it).
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key === "Escape" && !busyRef.current) {
        event.preventDefault();
        closeRef.current();
      } else if (event.key === "Tab" && dialog.current) {
        // Keep Tab inside the dialog: the page behind it is not usable until it closes.
        const focusable = Array.from(dialog.current.querySelectorAll<HTMLElement>("textarea, input, select, button, a[href]")).filter((e) => !e.hasAttribute("disabled"));
        if (focusable.length === 0) return;
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        const inside = dialog.current.contains(document.activeElement);
        if (!inside || (event.shiftKey && document.activeElement === first) || (!event.shiftKey && document.activeElement === last)) {
          event.preventDefault();
          (event.shiftKey ? last : first).focus();
        }
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // After a failure, back to where the user can fix it or try again.
  useEffect(() => {
    if (error) (commentBox.current ?? confirmButton.current)?.focus();
  }, [error]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(text.trim());
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  }

  return (
    <div className="dialog-backdrop">
      <div className="dialog ops-dialog" ref={dialog} role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="confirm-dialog">
        <form onSubmit={submit}>
          <h3 id={titleId}>{title}</h3>
          {children}
          {comment === "required" && (
            <label>
              {commentLabel ?? "Comment (recorded with who you are)"}
              <textarea ref={commentBox} value={text} onChange={(e) => setText(e.target.value)} required autoFocus data-testid="dialog-comment" />
            </label>
          )}
          {error && <p className="error" role="alert" data-testid="dialog-error">{error}</p>}
          <div className="actions">
            <button type="button" onClick={onClose} disabled={busy}>Cancel</button>
            <button
              type="submit"
              ref={confirmButton}
              className={danger ? "danger" : "primary"}
              disabled={busy || (comment === "required" && text.trim() === "")}
              data-testid="dialog-confirm"
            >
              {busy ? "Working…" : confirmLabel}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
