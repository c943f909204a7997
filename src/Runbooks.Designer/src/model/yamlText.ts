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
  const context: MergeContext = { document, steps: stepNodes(document.contents), ids: new Set(allStepIds(doc)) };
  document.contents = merge(context, document.contents, doc) as YAMLMap;
  return document.toString(stringifyOptions);
}

interface MergeContext {
  document: Document;
  /** Every step map of the text last read, by id, wherever it was: a step moved to another list keeps its comments. */
  steps: Map<string, YAMLMap>;
  /** The step ids of the model being written. */
  ids: Set<string>;
}

function stepNodes(root: unknown): Map<string, YAMLMap> {
  const found = new Map<string, YAMLMap>();
  const walk = (node: unknown) => {
    if (isSeq(node)) for (const item of (node as YAMLSeq).items) walk(item);
    else if (isYamlMap(node)) {
      const map = node as YAMLMap;
      const id = map.get("id");
      // With two steps of one id (a paste in the YAML panel), neither is matched by id: the loader refuses that anyway.
      if (typeof id === "string") found.set(id, found.has(id) ? (null as unknown as YAMLMap) : map);
      for (const pair of map.items) walk(pair.value);
    }
  };
  walk(root);
  for (const [id, map] of found) if (map === null) found.delete(id);
  return found;
}

function allStepIds(value: Json): string[] {
  const ids: string[] = [];
  const walk = (item: Json) => {
    if (Array.isArray(item)) item.forEach(walk);
    else if (isMap(item)) {
      if (typeof item.id === "string") ids.push(item.id);
      Object.values(item).forEach(walk);
    }
  };
  walk(value);
  return ids;
}

/** `node` updated in place to hold `value`, keeping whatever of it is unchanged (and so its comments). */
function merge(context: MergeContext, node: unknown, value: Json): unknown {
  const document = context.document;
  if (isMap(value) && isYamlMap(node)) {
    const map = node as YAMLMap<unknown, unknown>;
    const wanted = Object.keys(value);
    map.items = map.items.filter((pair) => wanted.includes(keyOf(pair.key)));
    for (const key of wanted) {
      const pair = map.items.find((item) => keyOf(item.key) === key);
      if (pair) pair.value = merge(context, pair.value, value[key]);
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
    seq.items = value.map((entry, index) => {
      // Steps are matched by id anywhere in the old text (a moved step keeps its comments), each old step used once; a
      // step whose id is new takes the old step at its place if that one's id is gone (a rename). Other lists match by
      // position.
      let match: unknown = old[index];
      if (isMap(entry) && typeof entry.id === "string") {
        match = context.steps.get(entry.id);
        if (match !== undefined) context.steps.delete(entry.id);
        else {
          const here = old[index];
          const hereId = isYamlMap(here) ? (here as YAMLMap).get("id") : undefined;
          if (typeof hereId === "string" && !context.ids.has(hereId) && context.steps.get(hereId) === here) {
            match = here;
            context.steps.delete(hereId);
          }
        }
      }
      return match !== undefined ? merge(context, match, entry) : document.createNode(entry);
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
