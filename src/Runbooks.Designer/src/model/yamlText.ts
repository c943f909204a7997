import { isMap as isYamlMap, isScalar, isSeq, LineCounter, parseDocument, stringify, Scalar, YAMLMap, YAMLSeq, type Document, type Node as YamlNode } from "yaml";
import { isMap, type Json, type RunbookDoc } from "./runbook";

export interface YamlProblem {
  line: number;
  column: number;
  message: string;
}

export interface ParsedYaml {
  doc: RunbookDoc | null;
  problems: YamlProblem[];
  /** The parsed document with its comments, kept so a graph edit can be written back without losing them. */
  document: Document | null;
}

/** Parses runbook YAML as the server's loader does (YAML 1.2 core schema, one document, a map at the top). */
export function parseRunbookYaml(text: string): ParsedYaml {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: "1.2", schema: "core" });
  const problems: YamlProblem[] = document.errors.map((error) => {
    const at = lines.linePos(error.pos[0]);
    return { line: at.line, column: at.col, message: error.message.split("\n")[0] };
  });
  if (problems.length > 0) return { doc: null, problems, document: null };
  const value = document.toJS({ maxAliasCount: 100 }) as unknown;
  if (value === null || value === undefined) return { doc: {}, problems: [], document };
  if (!isMap(value)) return { doc: null, problems: [{ line: 1, column: 1, message: "a runbook is a map of keys (name, steps, …) at the top level" }], document: null };
  return { doc: value as RunbookDoc, problems: [], document };
}

const stringifyOptions = { lineWidth: 0, indent: 2, indentSeq: true, doubleQuotedAsJSON: true } as const;

/**
 * YAML text for the model. With the document the text was last read from, only what changed is rewritten: untouched
 * keys keep their comments, quoting and block styles (the workflows' comments survive a graph edit). Without it, or
 * for new parts, the text is plain YAML. Comments on parts that were removed go with them.
 */
export function writeRunbookYaml(doc: RunbookDoc, previous?: Document | null): string {
  if (!previous || !isYamlMap(previous.contents)) return stringify(doc, stringifyOptions);
  const document = previous.clone();
  document.contents = merge(document, document.contents, doc) as YAMLMap;
  return document.toString(stringifyOptions);
}

/** `node` updated in place to hold `value`, keeping whatever of it is unchanged (and so its comments). */
function merge(document: Document, node: unknown, value: Json): unknown {
  if (isMap(value) && isYamlMap(node)) {
    const map = node as YAMLMap<unknown, unknown>;
    const wanted = Object.keys(value);
    map.items = map.items.filter((pair) => wanted.includes(keyOf(pair.key)));
    for (const key of wanted) {
      const pair = map.items.find((item) => keyOf(item.key) === key);
      if (pair) pair.value = merge(document, pair.value, value[key]);
      else map.items.push(document.createPair(key, value[key]) as never);
    }
    map.items.sort((a, b) => wanted.indexOf(keyOf(a.key)) - wanted.indexOf(keyOf(b.key)));
    return map;
  }
  if (Array.isArray(value) && isSeq(node)) {
    const seq = node as YAMLSeq<unknown>;
    const old = [...seq.items];
    // `steps: []` written inline becomes a block list once it holds steps.
    if (seq.flow && old.length === 0 && value.some((entry) => typeof entry === "object" && entry !== null)) seq.flow = false;
    const byId = new Map<string, unknown>();
    for (const item of old) if (isYamlMap(item) && typeof (item as YAMLMap).get("id") === "string") byId.set(String((item as YAMLMap).get("id")), item);
    seq.items = value.map((entry, index) => {
      // Steps are matched by id, so a moved step keeps its comments; other lists by position.
      const match = isMap(entry) && typeof entry.id === "string" ? byId.get(entry.id) : old[index];
      return match !== undefined ? merge(document, match, entry) : document.createNode(entry);
    });
    return seq;
  }
  if (isScalar(node) && !isMap(value) && !Array.isArray(value)) {
    const scalar = node as Scalar;
    if (scalar.value === value) return scalar;
    const fresh = document.createNode(value) as Scalar;
    fresh.commentBefore = scalar.commentBefore;
    fresh.comment = scalar.comment;
    if (typeof value === "string" && typeof scalar.value === "string" && (scalar.type === "BLOCK_LITERAL" || scalar.type === "QUOTE_DOUBLE" || scalar.type === "QUOTE_SINGLE")) fresh.type = scalar.type;
    return fresh;
  }
  const created = document.createNode(value) as YamlNode;
  if (node && typeof node === "object" && "commentBefore" in node) created.commentBefore = (node as YamlNode).commentBefore;
  return created;
}

function keyOf(key: unknown): string {
  return isScalar(key) ? String((key as Scalar).value) : String(key);
}
