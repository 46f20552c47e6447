import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { CallView, FileClues, FunctionView, LanguageRules } from './languageRules';
import { statementsOf, topLevelStatements, type StatementFacts } from './statementIndex';
import { pathReceiver, pathRoot, walkNamed } from './syntaxWalk';
import { isKnownTraceHeader } from './traceHeaders';

/**
 * Follows the data that flows into one outbound call's arguments (variables declared, assigned or
 * mutated before it; loops that fill them; constants at file level; the caller's arguments when a
 * parameter is passed through; helpers handed the incoming request) and records what it shows about
 * trace headers.
 */

/** An outbound (or intermediate) call in the function that makes it, and who called that function. */
export interface CallSite {
  readonly call: CallView;
  readonly fn: FunctionView;
  readonly requestNames: ReadonlySet<string>;
  readonly rules: LanguageRules;
  readonly topLevel: readonly SyntaxNode[];
  readonly clues: FileClues;
  readonly caller: CallSite | undefined;
}

/** A function of the package that a call may invoke by name. */
export interface HelperTarget {
  readonly fn: FunctionView;
  readonly rules: LanguageRules;
  readonly topLevel: readonly SyntaxNode[];
  readonly clues: FileClues;
}

export interface Evidence {
  /** Lower-case string values seen in the data flowing into the call (header names among them). */
  readonly sentHeaders: Set<string>;
  /** All incoming headers are copied or handed on (spread, cloned, passed to a helper). */
  copiesAll: boolean;
  /** A propagator injects the current context into the outgoing headers. */
  injects: boolean;
  requestContextPassed: boolean;
  clientName: string | undefined;
  /** Loops that copy incoming headers by a list holding no trace header. */
  readonly emptyCopyLoops: SyntaxNode[];
  /** Ids of the nodes outside the calling function the result depends on (helpers, constants, callers). */
  readonly dependencies: number[];
}

interface Scope {
  readonly clues: FileClues;
  readonly fn: FunctionView;
  readonly requestNames: ReadonlySet<string>;
  readonly rules: LanguageRules;
  readonly topLevel: readonly SyntaxNode[];
  readonly caller: CallSite | undefined;
}

const MAX_HELPER_DEPTH = 3;

export function gatherEvidence(site: CallSite, configured: ReadonlySet<string>, helpersNamed: (name: string) => readonly HelperTarget[]): Evidence {
  const evidence: Evidence = { sentHeaders: new Set(), copiesAll: false, injects: false, requestContextPassed: false, clientName: pathReceiver(site.call.path), emptyCopyLoops: [], dependencies: [] };
  const receiverRoot = pathRoot(site.call.path);
  const start = [...site.call.args, ...chainArguments(site)];
  examineFlow(site, start, receiverRoot === 'this' || receiverRoot === 'self' ? [] : [receiverRoot], evidence, configured, helpersNamed, 0);
  return evidence;
}

/** Arguments of calls chained onto the outbound one (`webClient.get().header(…).retrieve()`). */
function chainArguments(site: CallSite): SyntaxNode[] {
  const args: SyntaxNode[] = [];
  let node = site.call.node.parent;
  while (node && node.type !== 'expression_statement' && !site.rules.blocks.has(node.type)) {
    if (site.rules.calls.has(node.type)) args.push(...(site.rules.readCall(node)?.args ?? []));
    node = node.parent;
  }
  return args;
}

function examineFlow(
  scope: Scope,
  start: readonly SyntaxNode[],
  extraSeeds: readonly string[],
  evidence: Evidence,
  configured: ReadonlySet<string>,
  helpersNamed: (name: string) => readonly HelperTarget[],
  depth: number,
): void {
  const seeds = [...extraSeeds];
  const examined = new Set<number>();
  const examine = (node: SyntaxNode): void => {
    if (examined.has(node.id)) return;
    examined.add(node.id);
    walkNamed(node, (current) => {
      const use = scope.rules.incomingHeaderUse(current, scope.requestNames);
      if (use === 'whole') evidence.copiesAll = true;
      if (scope.rules.derivesRequestContext(current, scope.requestNames)) evidence.requestContextPassed = true;
      if (scope.rules.calls.has(current.type)) {
        const call = scope.rules.readCall(current);
        if (call && call.method.toLowerCase() === 'inject') evidence.injects = true;
        if (call && depth < MAX_HELPER_DEPTH) examineHelper(scope, call, evidence, configured, helpersNamed, depth);
      }
      if (scope.rules.identifiers.has(current.type) && !isMemberName(scope.rules, current)) seeds.push(current.text);
      const value = scope.rules.stringValue(current);
      if (value !== undefined) evidence.sentHeaders.add(value.toLowerCase());
      return true;
    }, scope.rules.evidenceTypes);
  };
  for (const node of start) examine(node);
  const expanded = new Set<string>();
  for (let index = 0; index < seeds.length; index++) {
    const name = seeds[index] as string;
    if (expanded.has(name) || scope.requestNames.has(name)) continue;
    expanded.add(name);
    const body = scope.fn.body ?? scope.fn.node;
    const statements = statementsOf(scope.rules, body).filter((statement) => statement.binds.has(name) || statement.callRoot === name || statement.argumentNames.has(name));
    // Only names bound here are followed: module and package names (`http`, `requests`) would pull in
    // every unrelated call made through them.
    if (statements.some((statement) => statement.binds.has(name))) {
      for (const statement of statements) {
        // A response of another outbound call (`quote = await pricing.post(…)`) is data, not headers.
        if (holdsOutboundResponse(scope, statement.binds.get(name))) continue;
        examine(statement.node);
        const loop = enclosingLoop(scope.rules, statement.node, body);
        if (loop) judgeLoop(scope, loop, evidence, configured);
      }
      // A variable filled inside a callback: `headers.forEach((k, v) -> builder.header(k, v))`.
      for (const statement of statementsOf(scope.rules, body)) {
        if (!statements.includes(statement) && callbackNames(scope.rules, statement).has(name)) examine(statement.node);
      }
    } else {
      for (const top of topLevelStatements(scope.rules, scope.topLevel)) {
        const value = top.binds.get(name);
        if (!value) continue;
        evidence.dependencies.push(top.node.id);
        // The value bound, not the whole statement: in Java and TypeScript a field's top-level statement is
        // its class, and reading all of it would count every header named anywhere in the class.
        examine(value);
      }
    }
    const paramIndex = scope.fn.params.indexOf(name);
    const callerArg = paramIndex >= 0 ? scope.caller?.call.args[paramIndex] : undefined;
    if (scope.caller && callerArg) {
      evidence.dependencies.push(scope.caller.fn.node.id);
      examineFlow(scope.caller, [callerArg], [], evidence, configured, helpersNamed, depth + 1);
    }
  }
}

/** A package function called in the data flow (`headers=trace_headers()`, `forwardedHeaders(req)`). */
function examineHelper(scope: Scope, call: CallView, evidence: Evidence, configured: ReadonlySet<string>, helpersNamed: (name: string) => readonly HelperTarget[], depth: number): void {
  const passed: number[] = [];
  call.args.forEach((arg, index) => {
    if (scope.requestNames.has(arg.text) || scope.rules.incomingHeaderUse(arg, scope.requestNames) === 'whole') passed.push(index);
  });
  const targets = helpersNamed(call.method);
  if (targets.length === 0) {
    // An imported helper handed the whole request: assume it forwards what it needs.
    if (passed.length > 0) evidence.copiesAll = true;
    return;
  }
  // A package function whose result flows into the call: what its body reads and writes counts too.
  for (const target of targets) {
    const names = new Set(passed.map((index) => target.fn.params[index]).filter((name): name is string => name !== undefined));
    for (const name of target.rules.globalRequestNames) names.add(name);
    evidence.dependencies.push(target.fn.node.id);
    const inner: Scope = { clues: target.clues, fn: target.fn, requestNames: names, rules: target.rules, topLevel: target.topLevel, caller: undefined };
    if (target.fn.body) examineFlow(inner, [target.fn.body], [], evidence, configured, helpersNamed, depth + 1);
  }
}

const callbackNamesOf = new WeakMap<StatementFacts, ReadonlySet<string>>();

/** The identifiers inside the callbacks a statement's call is handed (`forEach(… -> …)`); cached per statement. */
function callbackNames(rules: LanguageRules, statement: StatementFacts): ReadonlySet<string> {
  let names = callbackNamesOf.get(statement);
  if (names) return names;
  const found = new Set<string>();
  const node = rules.calls.has(statement.node.type) ? statement.node : statement.node.namedChild(0);
  const call = node && rules.calls.has(node.type) ? rules.readCall(node) : undefined;
  for (const arg of call?.args ?? []) {
    if (rules.functions.has(arg.type)) walkNamed(arg, (identifier) => void found.add(identifier.text), rules.identifiers);
  }
  callbackNamesOf.set(statement, (names = found));
  return names;
}

function holdsOutboundResponse(scope: Scope, value: SyntaxNode | undefined): boolean {
  if (!value) return false;
  let outbound = false;
  walkNamed(value, (node) => {
    if (scope.rules.calls.has(node.type)) {
      const call = scope.rules.readCall(node);
      if (call && scope.rules.outboundClient(call, scope.clues) !== undefined) outbound = true;
    }
    return !outbound;
  }, scope.rules.calls);
  return outbound;
}

/** True for the accessed name in `a.b` or the method in `a.b()`, which is no variable. */
function isMemberName(rules: LanguageRules, node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  const field = rules.memberNameFields[parent.type];
  return field !== undefined && parent.childForFieldName(field)?.id === node.id;
}

/**
 * A loop copying incoming headers by key: the keys come from its iterable. A literal list (inline or a
 * constant) names the headers sent; a list with none of the trace headers copies nothing useful.
 */
function judgeLoop(scope: Scope, loop: SyntaxNode, evidence: Evidence, configured: ReadonlySet<string>): void {
  let copiesByKey = false;
  walkNamed(loop, (node) => {
    if (scope.rules.incomingHeaderUse(node, scope.requestNames) === 'keyed') copiesByKey = true;
    return !copiesByKey;
  }, scope.rules.evidenceTypes);
  const iterable = scope.rules.loopIterable(loop);
  if (!iterable) return;
  let wholeIteration = false;
  walkNamed(iterable, (node) => {
    if (scope.rules.incomingHeaderUse(node, scope.requestNames) === 'whole') wholeIteration = true;
    return !wholeIteration;
  }, scope.rules.evidenceTypes);
  if (wholeIteration) {
    evidence.copiesAll = true;
    return;
  }
  if (!copiesByKey) return;
  const listNode = scope.rules.identifiers.has(iterable.type) ? resolveName(scope, iterable.text, evidence) : iterable;
  if (!listNode) {
    // The key list is defined elsewhere (imported): give the loop the benefit of the doubt.
    evidence.copiesAll = true;
    return;
  }
  const names: string[] = [];
  walkNamed(listNode, (node) => {
    const value = scope.rules.stringValue(node);
    if (value !== undefined) names.push(value.toLowerCase());
    return true;
  }, scope.rules.evidenceTypes);
  for (const name of names) evidence.sentHeaders.add(name);
  if (!names.some((name) => isKnownTraceHeader(name, configured))) evidence.emptyCopyLoops.push(loop);
}

function enclosingLoop(rules: LanguageRules, statement: SyntaxNode, body: SyntaxNode): SyntaxNode | undefined {
  for (let node = statement.parent; node && node.id !== body.id; node = node.parent) {
    if (rules.loopIterable(node) !== undefined) return node;
  }
  return undefined;
}

function resolveName(scope: Scope, name: string, evidence: Evidence): SyntaxNode | undefined {
  const body = scope.fn.body ?? scope.fn.node;
  for (const statement of statementsOf(scope.rules, body)) {
    const value = statement.binds.get(name);
    if (value) return value;
  }
  for (const top of topLevelStatements(scope.rules, scope.topLevel)) {
    const value = top.binds.get(name);
    if (value) {
      evidence.dependencies.push(top.node.id);
      return value;
    }
  }
  return undefined;
}
