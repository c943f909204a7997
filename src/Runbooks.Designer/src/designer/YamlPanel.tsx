import type { YamlProblem } from "../model/yamlText";

/**
 * The runbook as YAML, in sync both ways: graph edits rewrite it (keeping comments of untouched parts), and typing here
 * changes the graph as soon as the text parses; while it does not, the errors show and the graph keeps the last good
 * model.
 */
export function YamlPanel({ text, problems, onChange, readOnly }: { text: string; problems: YamlProblem[]; onChange: (text: string) => void; readOnly: boolean }) {
  return (
    <div className="yaml-panel">
      {problems.length > 0 && (
        <ul className="yaml-problems" data-testid="yaml-problems" role="alert">
          {problems.map((p) => <li key={`${p.line}:${p.column}:${p.message}`}>line {p.line}, column {p.column}: {p.message} — the graph shows the last valid YAML</li>)}
        </ul>
      )}
      <textarea className="code yaml-text" spellCheck={false} value={text} onChange={(e) => onChange(e.target.value)} readOnly={readOnly} data-testid="yaml-editor" aria-label="runbook YAML" wrap="off" />
    </div>
  );
}
