import { useEffect, useState } from "react";
import type { Json } from "../model/runbook";

/**
 * Text typed into a field whose model value is parsed from it (a list one item per line, comma-separated tags): the
 * field keeps exactly what was typed — an empty new line, a trailing comma — while the model gets the parsed value;
 * when the model changes from elsewhere (undo, the YAML panel), the field shows it afresh.
 */
export function useRawText(value: Json | undefined, format: (value: Json | undefined) => string, parse: (text: string) => Json | undefined, onChange: (value: Json | undefined) => void): [string, (text: string) => void] {
  const [text, setText] = useState(() => format(value));
  const current = JSON.stringify(value ?? null);
  useEffect(() => {
    setText((typed) => (JSON.stringify(parse(typed) ?? null) === current ? typed : format(value)));
    // Only a change of the model itself re-formats the text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);
  return [
    text,
    (typed: string) => {
      setText(typed);
      onChange(parse(typed));
    },
  ];
}
