import type { Node as SyntaxNode } from 'web-tree-sitter';
import { describeFile, type FileInfo, type ParsedSourceFile } from './fileDescription';
import { gatherEvidence, type CallSite, type Evidence } from './evidence';
import { languageHandlerLocator, type HandlerLocator } from './handlerLocator';
import type { CallView, FunctionView, InstrumentationFact } from './languageRules';
import { RULES_BY_LANGUAGE } from './languages/rulesByLanguage';
import type { LintFinding, LintFix, LintRuleId, LintSeverity, ServedHandler } from './lintTypes';
import { fixesFor } from './quickFixes';
import { rangeOf } from './syntaxWalk';
import { judgeSentHeaders } from './traceHeaders';

/** The parsed files the lint reads. */
export type { ParsedSourceFile } from './fileDescription';

/** What the lint is configured to want (`traceLens.lint.*`). */
export interface LintSettings {
  /** Lower-case header names an outbound call must forward (see `configuredHeaders`). */
  readonly headers: ReadonlySet<string>;
  readonly missingSeverity: LintSeverity;
  readonly partialSeverity: LintSeverity;
}

/** What the project around the package switched on (from package.json, Dockerfile, requirements …). */
export interface ProjectFacts {
  readonly instrumentation: ReadonlySet<InstrumentationFact>;
  /** The project already depends on the OpenTelemetry API, so a quick fix may inject the context. */
  readonly dependsOnOtelApi: boolean;
}

/** How many calls deep from a handler outbound calls are still attributed to it. */
export const MAX_CALL_DEPTH = 4;

interface Visit {
  readonly info: FileInfo;
  readonly fn: FunctionView;
  readonly requestNames: ReadonlySet<string>;
  readonly handler: ServedHandler;
  readonly depth: number;
  readonly caller: CallSite | undefined;
}

/**
 * Lints one package (files that call each other's functions): finds outbound calls made while
 * serving a request, up to `MAX_CALL_DEPTH` calls from a handler, and judges whether each carries the
 * trace. Pure: takes parsed trees, returns findings with fixes.
 */
/**
 * Evidence kept between runs of one lint session (settings fixed), keyed by the calling functions'
 * syntax nodes. Tree-sitter keeps the node ids of subtrees an edit did not touch, so after a small edit
 * only the edited function's calls are searched again; an entry whose dependencies (helpers, constants)
 * are gone is searched again too.
 */
export type EvidenceCache = Map<string, Evidence>;

export interface LintPackageOptions {
  /** Which functions serve a request; default: each language's own handler patterns. */
  readonly locator?: HandlerLocator;
  readonly cache?: EvidenceCache;
}

export function lintPackage(files: readonly ParsedSourceFile[], settings: LintSettings, facts: ProjectFacts, options: LintPackageOptions = {}): LintFinding[] {
  const { locator, cache } = options;
  const infos = files.flatMap((file) => {
    const rules = RULES_BY_LANGUAGE[file.language];
    return rules ? [describeFile(file, rules)] : [];
  });
  const instrumented = new Set(facts.instrumentation);
  for (const info of infos) for (const fact of info.instrumentation) instrumented.add(fact);
  const byName = new Map<string, { info: FileInfo; fn: FunctionView }[]>();
  for (const info of infos) {
    for (const fn of info.functions) {
      if (fn.name === undefined) continue;
      const named = byName.get(fn.name);
      if (named) named.push({ info, fn });
      else byName.set(fn.name, [{ info, fn }]);
    }
  }

  const queue: Visit[] = [];
  for (const info of infos) {
    for (const { fn, requestNames, handler } of handlersIn(info, locator ?? languageHandlerLocator(info.rules))) queue.push({ info, fn, requestNames, handler, depth: 0, caller: undefined });
  }
  const live = new Set<number>();
  for (const info of infos) {
    for (const fn of info.functions) live.add(fn.node.id);
    for (const node of info.topLevel) live.add(node.id);
  }
  const used = new Set<string>();
  const evidenceFor = (visit: Visit, call: CallView): Evidence => {
    const site: CallSite = { call, fn: visit.fn, requestNames: visit.requestNames, rules: visit.info.rules, topLevel: visit.info.topLevel, clues: visit.info.clues, caller: visit.caller };
    const helpers = (name: string) => byName.get(name)?.map((entry) => ({ fn: entry.fn, rules: entry.info.rules, topLevel: entry.info.topLevel, clues: entry.info.clues })) ?? [];
    if (!cache) return gatherEvidence(site, settings.headers, helpers);
    const key = evidenceKey(visit, call);
    used.add(key);
    const cached = cache.get(key);
    if (cached && cached.dependencies.every((id) => live.has(id))) return cached;
    const evidence = gatherEvidence(site, settings.headers, helpers);
    // Loops are reported by position, and old nodes die with their tree: such results are not kept.
    if (evidence.emptyCopyLoops.length === 0) cache.set(key, evidence);
    return evidence;
  };
  const findings: LintFinding[] = [];
  const seenCalls = new Set<string>();
  const seenVisits = new Set<string>();
  for (let next = 0; next < queue.length; next++) {
    const visit = queue[next] as Visit;
    const visitKey = `${visit.info.file.path}:${visit.fn.node.id}`;
    if (seenVisits.has(visitKey)) continue;
    seenVisits.add(visitKey);
    for (const call of visit.info.callsByFunction.get(visit.fn.node.id) ?? []) {
      const client = visit.info.rules.outboundClient(call, visit.info.clues);
      if (client !== undefined) {
        const key = `${visit.info.file.path}:${call.node.startIndex}`;
        if (seenCalls.has(key) || visit.info.suppressedRows.has(call.node.startPosition.row)) continue;
        seenCalls.add(key);
        const finding = judgeCall(visit, call, client, settings, facts, instrumented, evidenceFor(visit, call));
        if (finding) findings.push(finding);
        continue;
      }
      if (visit.depth >= MAX_CALL_DEPTH) continue;
      for (const target of byName.get(call.method) ?? []) {
        if (target.fn.node.id === visit.fn.node.id && target.info === visit.info) continue;
        const caller: CallSite = { call, fn: visit.fn, requestNames: visit.requestNames, rules: visit.info.rules, topLevel: visit.info.topLevel, clues: visit.info.clues, caller: visit.caller };
        queue.push({ info: target.info, fn: target.fn, requestNames: new Set(target.info.rules.globalRequestNames), handler: visit.handler, depth: visit.depth + 1, caller });
      }
    }
  }
  if (cache) for (const key of cache.keys()) if (!used.has(key)) cache.delete(key);
  return findings;
}

interface FoundHandler {
  readonly fn: FunctionView;
  readonly requestNames: ReadonlySet<string>;
  readonly handler: ServedHandler;
}

/** The handlers of each file, kept while the file and the locator's answers for it stay the same. */
const foundHandlers = new WeakMap<FileInfo, { readonly version: object; readonly handlers: readonly FoundHandler[] }>();

function handlersIn(info: FileInfo, locator: HandlerLocator): readonly FoundHandler[] {
  const version = locator.versionOf?.(info.file.path);
  const cached = foundHandlers.get(info);
  if (version !== undefined && cached?.version === version) return cached.handlers;
  const handlers: FoundHandler[] = [];
  for (const fn of info.functions) {
    const names = locator.requestNamesOf(fn, info.file.path);
    if (names === undefined) continue;
    handlers.push({ fn, requestNames: new Set([...names, ...info.rules.globalRequestNames]), handler: servedHandler(info, fn) });
  }
  if (version !== undefined) foundHandlers.set(info, { version, handlers });
  return handlers;
}

/**
 * The handler a finding names, read only when a finding needs it (route labels read the tree); findings
 * copy it while the tree is alive.
 */
function servedHandler(info: FileInfo, fn: FunctionView): ServedHandler {
  let read: ServedHandler | undefined;
  const get = (): ServedHandler => (read ??= { path: info.file.path, name: fn.name ?? info.rules.routeLabel?.(fn) ?? 'request handler', range: rangeOf(fn.node) });
  return {
    get path() {
      return info.file.path;
    },
    get name() {
      return get().name;
    },
    get range() {
      return get().range;
    },
  };
}

/** A node's identity across re-parses: id, plus type and length against reuse of a freed id. */
function signature(node: SyntaxNode): string {
  return `${node.id}:${node.type}:${node.endIndex - node.startIndex}`;
}

function evidenceKey(visit: Visit, call: CallView): string {
  const parts = [visit.info.file.path, signature(visit.fn.node), signature(call.node), visit.info.cluesKey, [...visit.requestNames].sort().join(',')];
  for (let caller = visit.caller; caller; caller = caller.caller) parts.push(signature(caller.fn.node), signature(caller.call.node));
  return parts.join('|');
}

function judgeCall(
  visit: Visit,
  call: CallView,
  client: string,
  settings: LintSettings,
  facts: ProjectFacts,
  instrumented: ReadonlySet<InstrumentationFact>,
  evidence: Evidence,
): LintFinding | undefined {
  const { info } = visit;
  if (evidence.copiesAll || evidence.injects) return undefined;
  if (info.rules.coveredByInstrumentation(client, { requestContextPassed: evidence.requestContextPassed, clientName: evidence.clientName, clues: info.clues }, instrumented)) return undefined;
  const verdict = judgeSentHeaders(evidence.sentHeaders, settings.headers);
  if (verdict === 'carries-context') return undefined;
  const emptyLoop = evidence.emptyCopyLoops[0];
  if (emptyLoop !== undefined) {
    return finding(visit, client, 'empty-header-copy-loop', settings.partialSeverity, emptyLoop, `This loop is meant to copy the trace headers to the ${client} call, but its list holds none of them, so it copies nothing and the trace splits here.`, []);
  }
  const fixes = fixesFor(info.rules, info.file, call, client, visit, settings.headers, facts.dependsOnOtelApi, evidence);
  if (verdict === 'request-id-only') {
    return finding(visit, client, 'partial-trace-headers', settings.partialSeverity, call.node, `This ${client} call forwards only x-request-id; the mesh also needs the B3 or W3C trace context (e.g. traceparent, x-b3-traceid), so the trace splits here.`, fixes);
  }
  if (verdict === 'jaeger-only') {
    return finding(visit, client, 'partial-trace-headers', settings.partialSeverity, call.node, `This ${client} call forwards only Jaeger's uber-trace-id; the mesh expects B3 or W3C headers (e.g. x-b3-traceid, traceparent), so the trace splits here.`, fixes);
  }
  return finding(visit, client, 'missing-trace-headers', settings.missingSeverity, call.node, `This ${client} call is made while serving "${visit.handler.name}" but sends none of the trace headers (e.g. traceparent, x-b3-traceid, x-request-id), so the trace splits in two here.`, fixes);
}

function finding(visit: Visit, client: string, rule: LintRuleId, severity: LintSeverity, at: SyntaxNode, message: string, fixes: readonly LintFix[]): LintFinding {
  const { path, name, range } = visit.handler;
  return { path: visit.info.file.path, language: visit.info.file.language, rule, severity, message, range: rangeOf(at), client, handler: { path, name, range }, fixes };
}
