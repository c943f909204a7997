import { useEffect, useState } from "react";
import type { JsonSchema } from "../api/types";
import { isMap, type Json, type JsonMap } from "../model/runbook";
import { fieldsOf, linesToList, listToLines, numberOrText, type FieldInfo } from "./schemaFields";
import { TemplateInput } from "./TemplateInput";
import { useRawText } from "./useRawText";

interface SchemaFormProps {
  schema: JsonSchema;
  values: JsonMap;
  onChange: (name: string, value: Json | undefined) => void;
  completions: string[];
  /** Problems by input name, shown under the field. */
  problems: Map<string, string[]>;
  readOnly?: boolean;
  idPrefix: string;
}

/** A form generated from an action's input schema: types, enums, required, defaults and descriptions. */
export function SchemaForm({ schema, values, onChange, completions, problems, readOnly, idPrefix }: SchemaFormProps) {
  const fields = fieldsOf(schema);
  const known = new Set(fields.map((f) => f.name));
  const unknown = Object.keys(values).filter((name) => !known.has(name));
  return (
    <div className="schema-form">
      {fields.map((field) => (
        <Field key={field.name} field={field} value={values[field.name]} onChange={(value) => onChange(field.name, value)} completions={completions} problems={problems.get(field.name) ?? []} readOnly={readOnly} id={`${idPrefix}-${field.name}`} />
      ))}
      {unknown.map((name) => (
        <div key={name} className="field">
          <label className="field-label error">{name} (not an input of this action)</label>
          <button type="button" className="link" onClick={() => onChange(name, undefined)} disabled={readOnly}>remove</button>
          {(problems.get(name) ?? []).map((message) => <p key={message} className="field-problem error" data-testid="field-problem">{message}</p>)}
        </div>
      ))}
    </div>
  );
}

function Field({ field, value, onChange, completions, problems, readOnly, id }: { field: FieldInfo; value: Json | undefined; onChange: (value: Json | undefined) => void; completions: string[]; problems: string[]; readOnly?: boolean; id: string }) {
  const placeholder = field.default !== undefined && field.default !== null ? `default: ${typeof field.default === "object" ? JSON.stringify(field.default) : String(field.default)}` : field.required ? "required" : "";
  const isTemplate = typeof value === "string" && value.includes("{{");
  let control: React.ReactNode;
  if (field.kind === "enum" && !isTemplate) {
    control = (
      <select id={id} value={value === undefined || value === null ? "" : String(value)} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} disabled={readOnly} data-testid={`input-${field.name}`}>
        <option value="">{placeholder || "(not set)"}</option>
        {field.options!.map((option) => <option key={option} value={option}>{option}</option>)}
      </select>
    );
  } else if (field.kind === "boolean" && !isTemplate) {
    control = (
      <select id={id} value={value === true ? "true" : value === false ? "false" : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value === "true")} disabled={readOnly} data-testid={`input-${field.name}`}>
        <option value="">{placeholder || "(not set)"}</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  } else if (field.kind === "list") {
    control = <ListField id={id} value={value} onChange={onChange} numeric={field.numericItems ?? false} completions={completions} placeholder={placeholder ? `${placeholder} (one per line)` : "one item per line"} invalid={problems.length > 0} readOnly={readOnly} name={field.name} />;
  } else if (field.kind === "json") {
    control = <JsonField id={id} value={value} onChange={onChange} readOnly={readOnly} name={field.name} />;
  } else if (field.kind === "number") {
    control = <TemplateInput id={id} value={value === undefined || value === null ? "" : String(value)} onChange={(text) => onChange(numberOrText(text))} completions={completions} placeholder={placeholder} invalid={problems.length > 0} readOnly={readOnly} testId={`input-${field.name}`} />;
  } else {
    control = <TemplateInput id={id} multiline={field.kind === "multiline"} value={value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value)} onChange={(text) => onChange(text === "" ? undefined : text)} completions={completions} placeholder={placeholder} invalid={problems.length > 0} readOnly={readOnly} testId={`input-${field.name}`} />;
  }
  return (
    <div className={`field${problems.length > 0 ? " has-problem" : ""}`} data-field={field.name}>
      <label className="field-label" htmlFor={id}>
        {field.name}
        {field.required && <span className="required" title="required"> *</span>}
        <span className="field-type muted"> {field.kind === "multiline" ? "text" : field.kind}</span>
      </label>
      {control}
      {field.description && <p className="field-help muted">{field.description}</p>}
      {problems.map((message) => <p key={message} className="field-problem error" data-testid="field-problem">{message}</p>)}
    </div>
  );
}

/** A list edited one item per line; the text keeps an empty line being typed while the model gets the items. */
function ListField({ id, value, onChange, numeric, completions, placeholder, invalid, readOnly, name }: { id: string; value: Json | undefined; onChange: (value: Json | undefined) => void; numeric: boolean; completions: string[]; placeholder: string; invalid: boolean; readOnly?: boolean; name: string }) {
  const [text, setText] = useRawText(value, listToLines, (typed) => linesToList(typed, numeric), onChange);
  return <TemplateInput id={id} multiline value={text} onChange={setText} completions={completions} placeholder={placeholder} invalid={invalid} readOnly={readOnly} testId={`input-${name}`} />;
}

/** A map or object input edited as JSON; the model changes only when the text parses. */
function JsonField({ id, value, onChange, readOnly, name }: { id: string; value: Json | undefined; onChange: (value: Json | undefined) => void; readOnly?: boolean; name: string }) {
  const shown = value === undefined ? "" : JSON.stringify(value, null, 1);
  const [text, setText] = useState(shown);
  const [error, setError] = useState("");
  useEffect(() => setText(shown), [shown]);
  return (
    <>
      <textarea
        id={id}
        className="code"
        rows={3}
        value={text}
        readOnly={readOnly}
        data-testid={`input-${name}`}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === "") {
            setError("");
            onChange(undefined);
            return;
          }
          try {
            const parsed = JSON.parse(e.target.value) as Json;
            setError(isMap(parsed) || Array.isArray(parsed) || typeof parsed === "string" ? "" : "expected a JSON object");
            onChange(parsed);
          } catch {
            setError("not valid JSON yet; the runbook keeps the last valid value");
          }
        }}
      />
      {error && <p className="field-problem error">{error}</p>}
    </>
  );
}
