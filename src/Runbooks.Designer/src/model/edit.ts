import { allSteps, clone, freshId, isMap, sections, stepKind, stepList, type Json, type JsonMap, type RunbookDoc, type Section, type StepDoc } from "./runbook";

// Edits of the runbook model. Each takes a model and answers a new one (the input is never changed), so the designer's
// undo/redo is a stack of models and the canvas and the YAML panel re-render from whatever is current.

/** Where a step goes: right after another step, at the end of a group's children, or at the end of a section. */
export type Place = { after: string } | { into: string } | { failureOf: string } | { section: Section; index?: number };

interface Location {
  list: StepDoc[];
  index: number;
  owner: StepDoc | null;
}

function locate(doc: RunbookDoc, id: string): Location | null {
  const search = (list: StepDoc[], owner: StepDoc | null): Location | null => {
    for (let index = 0; index < list.length; index++) {
      const step = list[index];
      if (step.id === id) return { list, index, owner };
      for (const key of ["parallel", "steps", "onFailure"] as const) {
        if (Array.isArray(step[key])) {
          const found = search(step[key] as StepDoc[], step);
          if (found) return found;
        }
      }
    }
    return null;
  };
  for (const section of sections) {
    if (Array.isArray(doc[section])) {
      const found = search(doc[section] as StepDoc[], null);
      if (found) return found;
    }
  }
  return null;
}

export function findStep(doc: RunbookDoc, id: string): StepDoc | null {
  const at = locate(doc, id);
  return at ? at.list[at.index] : null;
}

/** The list a group's new children go into: a parallel's branches or a forEach block's steps. */
function childList(group: StepDoc): StepDoc[] | null {
  const kind = stepKind(group);
  if (kind === "parallel") return group.parallel as StepDoc[];
  if (kind === "forEach") return group.steps as StepDoc[];
  return null;
}

function sectionList(doc: RunbookDoc, section: Section): StepDoc[] {
  if (!Array.isArray(doc[section])) doc[section] = [];
  return doc[section] as StepDoc[];
}

function put(doc: RunbookDoc, step: StepDoc, place: Place): void {
  if ("after" in place) {
    const at = locate(doc, place.after);
    if (!at) throw new Error(`there is no step ${place.after}`);
    at.list.splice(at.index + 1, 0, step);
  } else if ("into" in place) {
    const group = findStep(doc, place.into);
    const list = group && childList(group);
    if (!list) throw new Error(`${place.into} is not a parallel group or a forEach block`);
    list.push(step);
  } else if ("failureOf" in place) {
    const owner = findStep(doc, place.failureOf);
    if (!owner) throw new Error(`there is no step ${place.failureOf}`);
    if (!Array.isArray(owner.onFailure)) owner.onFailure = [];
    (owner.onFailure as StepDoc[]).push(step);
  } else {
    const list = sectionList(doc, place.section);
    list.splice(place.index ?? list.length, 0, step);
  }
}

export function insertStep(doc: RunbookDoc, step: StepDoc, place: Place): RunbookDoc {
  const next = clone(doc);
  put(next, clone(step), place);
  return next;
}

export function removeStep(doc: RunbookDoc, id: string): RunbookDoc {
  const next = clone(doc);
  const at = locate(next, id);
  if (!at) return doc;
  const [removed] = at.list.splice(at.index, 1);
  const gone = new Set([...allSteps({ steps: [removed] })].map((step) => step.id));
  forgetPositions(next, gone);
  return next;
}

/** Moves a step (with everything nested in it) to another place; a step cannot go inside itself. */
export function moveStep(doc: RunbookDoc, id: string, place: Place): RunbookDoc {
  const target = "after" in place ? place.after : "into" in place ? place.into : "failureOf" in place ? place.failureOf : null;
  if (target === id) return doc;
  const moving = findStep(doc, id);
  if (!moving) return doc;
  if (target && [...allSteps({ steps: [moving] })].some((step) => step.id === target)) return doc;
  const next = clone(doc);
  const at = locate(next, id)!;
  const [step] = at.list.splice(at.index, 1);
  put(next, step, place);
  return next;
}

/** Moves a step one place up (-1) or down (+1) in its own list. */
export function shiftStep(doc: RunbookDoc, id: string, by: -1 | 1): RunbookDoc {
  const next = clone(doc);
  const at = locate(next, id);
  if (!at) return doc;
  const to = at.index + by;
  if (to < 0 || to >= at.list.length) return doc;
  const [step] = at.list.splice(at.index, 1);
  at.list.splice(to, 0, step);
  return next;
}

/** Changes one step: `change` gets a copy to edit in place. */
export function updateStep(doc: RunbookDoc, id: string, change: (step: StepDoc) => void): RunbookDoc {
  const next = clone(doc);
  const step = findStep(next, id);
  if (!step) return doc;
  change(step);
  return next;
}

/** Sets (or, for undefined/empty, removes) one key of a step, keeping the key's place in the file. */
export function setStepField(doc: RunbookDoc, id: string, key: string, value: Json | undefined): RunbookDoc {
  return updateStep(doc, id, (step) => {
    if (value === undefined || value === "") delete step[key];
    else putKey(step, key, value);
  });
}

/** The order the language reference writes a step's keys in; a key the designer adds goes to its place in it. */
const stepKeyOrder = ["id", "name", "if", "action", "forEach", "parallel", "idempotent", "continueOnError", "timeout", "retry", "with", "steps", "outputs", "onFailure"];

/** Sets `key` on `map`: in place when it exists, else before the first key that comes after it in the usual order. */
export function putKey(map: JsonMap, key: string, value: Json): void {
  if (key in map || !stepKeyOrder.includes(key)) {
    map[key] = value;
    return;
  }
  const rank = stepKeyOrder.indexOf(key);
  const entries = Object.entries(map);
  const at = entries.findIndex(([existing]) => stepKeyOrder.includes(existing) && stepKeyOrder.indexOf(existing) > rank);
  entries.splice(at < 0 ? entries.length : at, 0, [key, value]);
  for (const existing of Object.keys(map)) delete map[existing];
  for (const [name, item] of entries) map[name] = item;
}

/** Sets one input of a step's `with:` (removing `with` when it becomes empty). */
export function setStepInput(doc: RunbookDoc, id: string, input: string, value: Json | undefined): RunbookDoc {
  return updateStep(doc, id, (step) => {
    const inputs: JsonMap = isMap(step.with) ? step.with : {};
    if (value === undefined || value === "") delete inputs[input];
    else inputs[input] = value;
    if (Object.keys(inputs).length === 0) delete step.with;
    else putKey(step, "with", inputs);
  });
}

/**
 * Gives a step a new id, and rewrites `steps.<old>` references in every template and expression of the runbook so
 * they keep pointing at it.
 */
export function renameStep(doc: RunbookDoc, id: string, newId: string): RunbookDoc {
  if (id === newId || findStep(doc, newId)) return doc;
  const pattern = new RegExp(`\\bsteps\\.${id.replace(/[-]/g, "\\-")}(?![A-Za-z0-9_-])`, "g");
  const rewrite = (value: Json): Json => {
    if (typeof value === "string") return value.replace(pattern, `steps.${newId}`);
    if (Array.isArray(value)) return value.map(rewrite);
    if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewrite(item)]));
    return value;
  };
  const next = rewrite(clone(doc)) as RunbookDoc;
  // An alert trigger names its verification step by bare id.
  for (const trigger of Array.isArray(next.triggers) ? next.triggers : []) {
    if (isMap(trigger) && isMap(trigger.alert) && trigger.alert.verify === id) trigger.alert.verify = newId;
  }
  const step = findStep(next, id);
  if (step) step.id = newId;
  const kept = positionsMap(next);
  if (kept && kept[id] !== undefined) {
    kept[newId] = kept[id];
    delete kept[id];
  }
  return next;
}

/** A copy of a step (and what is nested in it) with new ids, ready to insert into `doc`. */
export function copyOf(doc: RunbookDoc, step: StepDoc): StepDoc {
  const copy = clone(step);
  const taken = clone(doc);
  const renumber = (item: StepDoc) => {
    item.id = freshId(taken, item.id);
    sectionList(taken, "steps").push({ id: item.id });
    for (const key of ["parallel", "steps", "onFailure"] as const) for (const child of stepList(item[key])) renumber(child);
  };
  renumber(copy);
  return copy;
}

/** Keeps a node's manual canvas position in the file's designer metadata. */
export function setPosition(doc: RunbookDoc, id: string, x: number, y: number): RunbookDoc {
  const next = clone(doc);
  if (!isMap(next.designer)) next.designer = {};
  const designer = next.designer as JsonMap;
  if (!isMap(designer.positions)) designer.positions = {};
  (designer.positions as JsonMap)[id] = { x: Math.round(x), y: Math.round(y) };
  return next;
}

/** Forgets every manual position (the canvas goes back to the automatic layout). */
export function clearPositions(doc: RunbookDoc): RunbookDoc {
  if (!isMap(doc.designer)) return doc;
  const next = clone(doc);
  const designer = next.designer as JsonMap;
  delete designer.positions;
  if (Object.keys(designer).length === 0) delete next.designer;
  return next;
}

function positionsMap(doc: RunbookDoc): JsonMap | null {
  return isMap(doc.designer) && isMap(doc.designer.positions) ? doc.designer.positions : null;
}

function forgetPositions(doc: RunbookDoc, ids: Set<string>): void {
  const kept = positionsMap(doc);
  if (!kept) return;
  for (const id of ids) delete kept[id];
  if (Object.keys(kept).length === 0) {
    const designer = doc.designer as JsonMap;
    delete designer.positions;
    if (Object.keys(designer).length === 0) delete doc.designer;
  }
}

/** A new step for an action, with the action's required inputs present (empty) so the form shows them first. */
export function newActionStep(doc: RunbookDoc, action: string, required: string[] = []): StepDoc {
  const id = freshId(doc, action.split(".").pop() ?? "step");
  const step: StepDoc = { id, action };
  if (required.length > 0) step.with = Object.fromEntries(required.map((name) => [name, ""]));
  return step;
}

export function newParallelGroup(doc: RunbookDoc): StepDoc {
  return { id: freshId(doc, "parallel"), name: "In parallel", parallel: [] };
}

export function newForEachBlock(doc: RunbookDoc): StepDoc {
  return { id: freshId(doc, "each"), name: "For each item", forEach: { items: "[]", as: "item" }, steps: [] };
}
