import { useRef, useState } from "react";
import { suggest, tokenAt } from "./completions";

interface TemplateInputProps {
  value: string;
  onChange: (value: string) => void;
  completions: string[];
  multiline?: boolean;
  placeholder?: string;
  id?: string;
  invalid?: boolean;
  testId?: string;
  readOnly?: boolean;
}

/**
 * A text field for templates and expressions that completes `params.*`, `steps.<id>.outputs.*`, `secrets.*` as you
 * type (↑/↓ to choose, Enter or Tab to take, Esc to close). Changes are committed on every keystroke; the caller
 * decides what the text means.
 */
export function TemplateInput({ value, onChange, completions, multiline, placeholder, id, invalid, testId, readOnly }: TemplateInputProps) {
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [options, setOptions] = useState<string[]>([]);
  const [active, setActive] = useState(0);

  const refresh = (text: string, cursor: number) => {
    setOptions(suggest(completions, tokenAt(text, cursor).token));
    setActive(0);
  };

  const take = (choice: string) => {
    const element = field.current;
    if (!element) return;
    const cursor = element.selectionStart ?? value.length;
    const { start } = tokenAt(value, cursor);
    const next = value.slice(0, start) + choice + value.slice(cursor);
    onChange(next);
    setOptions([]);
    requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(start + choice.length, start + choice.length);
    });
  };

  const keyDown = (event: React.KeyboardEvent) => {
    if (options.length === 0) return;
    if (event.key === "ArrowDown") setActive((a) => (a + 1) % options.length);
    else if (event.key === "ArrowUp") setActive((a) => (a - 1 + options.length) % options.length);
    else if (event.key === "Enter" || event.key === "Tab") take(options[active]);
    else if (event.key === "Escape") setOptions([]);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const props = {
    id,
    ref: field,
    value,
    placeholder,
    readOnly,
    spellCheck: false,
    className: `template-input${invalid ? " invalid" : ""}`,
    "data-testid": testId,
    "aria-autocomplete": "list" as const,
    onKeyDown: keyDown,
    onBlur: () => setTimeout(() => setOptions([]), 150),
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (readOnly) return;
      onChange(event.target.value);
      refresh(event.target.value, event.target.selectionStart ?? event.target.value.length);
    },
  };

  return (
    <div className="template-field">
      {multiline ? <textarea rows={Math.min(10, Math.max(3, value.split("\n").length))} {...props} /> : <input type="text" {...props} />}
      {options.length > 0 && (
        <ul className="completions" role="listbox" data-testid="completions">
          {options.map((option, index) => (
            <li key={option} role="option" aria-selected={index === active} className={index === active ? "active" : ""} onMouseDown={(e) => { e.preventDefault(); take(option); }}>
              {option}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
