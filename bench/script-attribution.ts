// Plaudit's script on the main thread, attributed by URL from the trace (issue 20's "Plaudit
// script"), not as the difference of two pages' noisy totals (bench/page-profile.ts's
// ScriptDuration, with − without).
//
// A script event is Plaudit's when its script is: EvaluateScript, FunctionCall and v8.compile* name
// their script's URL (PLAUDIT_URL: plaudit.js and its chunks). TimerFire, FireAnimationFrame,
// FireIdleCallback and EventDispatch name none, but the FunctionCall inside them does. An event
// found Plaudit's counts whole, with everything nested in it (the style sheet a replaceSync parses,
// the HTML an innerHTML parses, the microtasks its callback queued, its GC), and nothing in it is
// counted again; one that runs both the page's and Plaudit's script is split into its parts.
//
// Some script names nothing anywhere: a promise continuation (RunMicrotasks: after a fetch, a
// response's text, an import()), a module evaluated (v8.evaluateModule), and a timer, frame or idle
// callback that is a promise's resolve function (`await nextTask()`: no FunctionCall in it). These
// are counted apart as "unnamed". On the demo pages the page's own script (shop.js) queues no
// continuation and loads no module, so the unnamed script of the page with Plaudit is Plaudit's but
// for the browser's own continuations, which the page without Plaudit shows alone: its unnamed
// figure is how much of the unnamed figure may not be Plaudit's. (The V8 sampling profiler could say
// whose each continuation is, but its trace category more than doubled the page's script CPU.)
import { PLAUDIT_URL } from "./page-builds.ts";

export interface AttributionEvent {
  name: string;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { url?: string } };
}

const SCRIPT_EVENTS =
  /^(EvaluateScript|FunctionCall|v8\.compile|v8\.compileModule|v8\.evaluateModule|v8\.callFunction|TimerFire|FireAnimationFrame|FireIdleCallback|EventDispatch|RunMicrotasks|RunYieldContinuation)$/;
/** The script events CDP's ScriptDuration counts. */
const CALLS = /^(EvaluateScript|FunctionCall|v8\.compile|v8\.compileModule)$/;
/** Script events that may run script naming none (see above): an EventDispatch with no listener runs none. */
const MAY_BE_UNNAMED =
  /^(TimerFire|FireAnimationFrame|FireIdleCallback|RunMicrotasks|v8\.evaluateModule|RunYieldContinuation)$/;

/** Plaudit's script, by the kind of event it ran in; the last, script that names none. */
export const ATTRIBUTED_KINDS = [
  "plaudit.js and chunks compiled, evaluated",
  "timers",
  "animation frames",
  "idle callbacks",
  "events",
  "promise continuations, named",
  "other callbacks",
  "unnamed: continuations, modules, resolve callbacks",
] as const;
const KIND_OF: Record<string, (typeof ATTRIBUTED_KINDS)[number]> = {
  TimerFire: "timers",
  FireAnimationFrame: "animation frames",
  FireIdleCallback: "idle callbacks",
  EventDispatch: "events",
  RunMicrotasks: "promise continuations, named",
};
const kindOf = (name: string) =>
  /EvaluateScript|compile/.test(name) ? ATTRIBUTED_KINDS[0] : (KIND_OF[name] ?? "other callbacks");

export interface Spent {
  wall: number;
  cpu: number;
}

export interface Attributed {
  /** Script naming Plaudit's URL (counted once, nested excluded). */
  named: Spent;
  /**
   * Of `named`, what ran inside a FunctionCall, EvaluateScript or compile event: the calls CDP's
   * ScriptDuration adds up (Blink's CallFunction and ExecuteScript probes). It leaves out the
   * promise continuations a task runs after its callback returned (RunMicrotasks beside the
   * FunctionCall, or on its own after a fetch): most of a paint written with `await`.
   */
  calls: Spent;
  /** Script naming no URL at all (see above). */
  unnamed: Spent;
  /** CPU ms by ATTRIBUTED_KINDS. */
  byKind: Record<string, number>;
}

export const noneAttributed = (): Attributed => ({
  named: { wall: 0, cpu: 0 },
  calls: { wall: 0, cpu: 0 },
  unnamed: { wall: 0, cpu: 0 },
  byKind: Object.fromEntries(ATTRIBUTED_KINDS.map((kind) => [kind, 0])),
});

interface Node {
  event: AttributionEvent;
  children: Node[];
}

/** Whether script events under `node` name Plaudit's URL, another one. */
function named(node: Node, seen = { ours: false, theirs: false }) {
  for (const child of node.children) {
    const url = child.event.args?.data?.url;
    if (url && SCRIPT_EVENTS.test(child.event.name)) {
      if (PLAUDIT_URL.test(url)) seen.ours = true;
      else seen.theirs = true;
    } else named(child, seen);
  }
  return seen;
}

/**
 * Adds the script in one top-level task (its events, outermost first, by start) to `into`: answers
 * whether any of it was Plaudit's by name.
 */
export function attributeTask(task: AttributionEvent[], into: Attributed): boolean {
  if (!task.length) return false;
  const root: Node = { event: task[0]!, children: [] };
  const stack: Node[] = [root];
  for (const event of task.slice(1)) {
    while (stack.length > 1 && stack.at(-1)!.event.ts + stack.at(-1)!.event.dur! <= event.ts) stack.pop();
    const node: Node = { event, children: [] };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  }
  let ours = false;
  const add = (spent: Spent, event: AttributionEvent, kind: string) => {
    spent.wall += event.dur! / 1000;
    spent.cpu += (event.tdur ?? 0) / 1000;
    into.byKind[kind]! += (event.tdur ?? 0) / 1000;
  };
  const addCalls = (node: Node): void => {
    if (CALLS.test(node.event.name)) {
      into.calls.wall += node.event.dur! / 1000;
      into.calls.cpu += (node.event.tdur ?? 0) / 1000;
    } else for (const child of node.children) addCalls(child);
  };
  const visit = (node: Node): void => {
    const { event } = node;
    if (SCRIPT_EVENTS.test(event.name)) {
      const url = event.args?.data?.url;
      const inside = url ? undefined : named(node);
      if (url ? PLAUDIT_URL.test(url) : inside!.ours && !inside!.theirs) {
        ours = true;
        add(into.named, event, kindOf(event.name));
        addCalls(node);
        return;
      }
      if (inside && !inside.ours && !inside.theirs && MAY_BE_UNNAMED.test(event.name)) {
        add(into.unnamed, event, ATTRIBUTED_KINDS.at(-1)!);
        return;
      }
    }
    for (const child of node.children) visit(child);
  };
  visit(root);
  return ours;
}
