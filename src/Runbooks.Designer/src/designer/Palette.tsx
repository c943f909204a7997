import { useMemo, useState } from "react";
import type { ActionInfo } from "../api/types";
import { paletteMime, type PaletteItem } from "./palette";

/** The actions of the server's catalog, grouped by category and searchable; drag one onto the canvas (or press Add). */
export function Palette({ actions, onAdd, disabled }: { actions: ActionInfo[]; onAdd: (item: PaletteItem) => void; disabled: boolean }) {
  const [query, setQuery] = useState("");
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const map = new Map<string, ActionInfo[]>();
    for (const action of actions) {
      if (q && !action.name.toLowerCase().includes(q) && !action.description.toLowerCase().includes(q) && !action.category.toLowerCase().includes(q)) continue;
      map.set(action.category, [...(map.get(action.category) ?? []), action]);
    }
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [actions, query]);

  const item = (payload: PaletteItem, label: string, title: string, testId: string) => (
    <li
      key={testId}
      className="palette-item"
      draggable={!disabled}
      onDragStart={(event) => {
        event.dataTransfer.setData(paletteMime, JSON.stringify(payload));
        event.dataTransfer.effectAllowed = "copy";
      }}
      title={title}
      data-testid="palette-item"
      data-item={testId}
    >
      <span>{label}</span>
      <button type="button" className="link" onClick={() => onAdd(payload)} disabled={disabled} aria-label={`add ${label}`}>Add</button>
    </li>
  );

  return (
    <aside className="palette" data-testid="palette">
      <input type="search" placeholder="Search actions" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="search actions" data-testid="palette-search" />
      <div className="palette-scroll">
        <h4>Groups</h4>
        <ul>
          {item({ kind: "parallel" }, "parallel group", "Runs its branches at the same time", "flow:parallel")}
          {item({ kind: "forEach" }, "for each", "Runs its steps once per item of a list", "flow:forEach")}
        </ul>
        {groups.map(([category, list]) => (
          <div key={category}>
            <h4>{category}</h4>
            <ul>{list.map((action) => item({ kind: "action", action: action.name }, action.name, action.description, action.name))}</ul>
          </div>
        ))}
      </div>
    </aside>
  );
}
