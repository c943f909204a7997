import { useEffect, useState } from "react";
import { api, errorText } from "../api/client";
import type { ValidationProblem, ValidationResult } from "../api/types";

export interface Validation {
  /** The text the problems are for; while it differs from the current text a validation is on its way. */
  text: string | null;
  problems: ValidationProblem[];
  valid: boolean | null;
  error?: string;
}

/**
 * Live validation by the server (POST /api/v1/runbooks/validate), 400 ms after the last change; with the runbook's
 * name, as the file it is (its relative sub-runbook paths resolve from its folder).
 */
export function useValidation(yaml: string, enabled: boolean, name: string | null): Validation {
  const [state, setState] = useState<Validation>({ text: null, problems: [], valid: null });
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .send<ValidationResult>("POST", `/api/v1/runbooks/validate${name ? `?name=${encodeURIComponent(name)}` : ""}`, yaml, undefined, controller.signal)
        .then(({ body }) => setState({ text: yaml, problems: body.problems, valid: body.valid }))
        .catch((failure: unknown) => {
          if (!controller.signal.aborted) setState({ text: yaml, problems: [], valid: null, error: errorText(failure) });
        });
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [yaml, enabled, name]);
  return state;
}
