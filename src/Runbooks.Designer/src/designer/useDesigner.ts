import { useCallback, useMemo, useRef, useState } from "react";
import type { Document } from "yaml";
import type { RunbookDoc } from "../model/runbook";
import { parseRunbookYaml, writeRunbookYaml, type YamlProblem } from "../model/yamlText";

interface Snapshot {
  doc: RunbookDoc;
  yaml: string;
}

export interface DesignerState {
  doc: RunbookDoc;
  yaml: string;
  /** Syntax problems of the YAML panel's text; while there are any, the graph shows the last good model. */
  yamlProblems: YamlProblem[];
  canUndo: boolean;
  canRedo: boolean;
  /**
   * Applies an edit made on the canvas or in the property panel; the YAML text follows. While the YAML panel holds text
   * that does not parse, edits are refused (answers false): they would throw that text away.
   */
  apply: (edit: (doc: RunbookDoc) => RunbookDoc) => boolean;
  /** Takes text typed in the YAML panel; the graph follows when it parses. */
  setYaml: (text: string) => void;
  undo: () => void;
  redo: () => void;
  /** Starts over from text read from the server (no undo past it). */
  reset: (text: string) => void;
}

const historyLimit = 200;

interface History {
  entries: Snapshot[];
  index: number;
}

/** The history with `snapshot` after the current entry (a redo branch is dropped), at most `historyLimit` long. */
function appended(h: History, snapshot: Snapshot): History {
  const entries = [...h.entries.slice(0, h.index + 1), snapshot].slice(-historyLimit);
  return { entries, index: entries.length - 1 };
}

/**
 * The designer's state: the runbook model (the source of truth), the YAML text shown beside the canvas, and the undo
 * history. YAML written after a graph edit is merged into the document the text was last read from, so the file's
 * comments survive edits of other parts.
 */
export function useDesigner(initialText: string): DesignerState {
  const first = useMemo(() => parseRunbookYaml(initialText), [initialText]);
  const [history, setHistory] = useState<History>(() => ({ entries: [{ doc: first.doc ?? {}, yaml: initialText }], index: 0 }));
  const [draft, setDraft] = useState<{ text: string; problems: YamlProblem[] } | null>(null);
  const base = useRef<Document | null>(first.document);

  const current = history.entries[history.index];

  const push = useCallback((snapshot: Snapshot) => setHistory((h) => appended(h, snapshot)), []);

  // The edit runs here, not inside a state updater: React may call updaters during render (and twice in StrictMode),
  // where an exception would blank the page instead of reaching the caller.
  const latest = useRef(history);
  latest.current = history;
  const draftRef = useRef(draft);
  draftRef.current = draft;

  const apply = useCallback((edit: (doc: RunbookDoc) => RunbookDoc): boolean => {
    if (draftRef.current) return false;
    const h = latest.current;
    const now = h.entries[h.index];
    const doc = edit(now.doc);
    if (doc === now.doc) return true;
    const yaml = writeRunbookYaml(doc, base.current);
    const reparsed = parseRunbookYaml(yaml);
    if (reparsed.document) base.current = reparsed.document;
    const next = appended(h, { doc, yaml });
    latest.current = next;
    setHistory(next);
    return true;
  }, []);

  const setYaml = useCallback(
    (text: string) => {
      const parsed = parseRunbookYaml(text);
      if (!parsed.doc) {
        setDraft({ text, problems: parsed.problems });
        return;
      }
      base.current = parsed.document;
      setDraft(null);
      push({ doc: parsed.doc, yaml: text });
    },
    [push],
  );

  const move = useCallback((by: -1 | 1) => {
    setDraft(null);
    setHistory((h) => {
      const index = Math.min(h.entries.length - 1, Math.max(0, h.index + by));
      base.current = parseRunbookYaml(h.entries[index].yaml).document;
      return { ...h, index };
    });
  }, []);

  const reset = useCallback((text: string) => {
    const parsed = parseRunbookYaml(text);
    base.current = parsed.document;
    setDraft(null);
    setHistory({ entries: [{ doc: parsed.doc ?? {}, yaml: text }], index: 0 });
  }, []);

  return {
    doc: current.doc,
    yaml: draft?.text ?? current.yaml,
    yamlProblems: draft?.problems ?? [],
    canUndo: history.index > 0,
    canRedo: history.index < history.entries.length - 1,
    apply,
    setYaml,
    undo: () => move(-1),
    redo: () => move(1),
    reset,
  };
}
