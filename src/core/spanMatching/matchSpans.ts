import type { Span } from '../model';
import type { SourceHandler } from '../source/handlerTypes';
import { compileIndex, normalizeRpcName, type CompiledIndex, type IndexedHandler } from './compiledIndex';
import { resolveReportedPath } from './pathRemapping';
import { canonicalRoute, compareSpecificity, segmentsOf } from './routeTemplate';
import { serviceFolderOf, withinFolder } from './serviceScope';
import { codeAttributes, grpcNameOf, httpMethodOf, requestPathOf, routeInName, sidecarServiceOf, stringAttribute } from './spanEvidence';
import type { MatchOptions, SourceLocation, WorkspaceIndex } from './workspaceIndex';

/** Which rule produced a match, strongest evidence first. */
export type MatchRule = 'code-attributes' | 'http-route' | 'url-path' | 'grpc' | 'span-name';

export interface MatchCandidate {
  readonly location: SourceLocation;
  readonly handler?: SourceHandler;
}

/** Where a span's code is, why Trace Lens thinks so, and how sure it is. */
export interface SpanMatch extends MatchCandidate {
  readonly rule: MatchRule;
  /** Sentences for a person, e.g. `http.route "/users/:id" with GET matches app.get('/users/:id') (express)`. */
  readonly evidence: readonly string[];
  /** 0..1: 0.95 for code attributes with a line, down to 0.4 for an ambiguous span name. */
  readonly confidence: number;
  /** True when several places fit equally well: offer `candidates` as a pick list instead of guessing. */
  readonly ambiguous: boolean;
  /** Every equally good place, best first; `candidates[0]` is `location`. */
  readonly candidates: readonly MatchCandidate[];
}

/**
 * Matches each span to indexed code. Returns one entry per span, in order: a match or undefined.
 * Pure and synchronous; the compiled lookup tables are cached per `index` object, and results for spans
 * with the same service, method and path are shared within one call.
 */
export function matchSpans(index: WorkspaceIndex, spans: readonly Span[], options: MatchOptions = {}): (SpanMatch | undefined)[] {
  const matcher = new SpanMatcher(index, compileIndex(index), options);
  return spans.map((span) => matcher.match(span));
}

/** One span's match; see {@link matchSpans}. */
export function matchSpan(index: WorkspaceIndex, span: Span, options: MatchOptions = {}): SpanMatch | undefined {
  return matchSpans(index, [span], options)[0];
}

/** The 1-based location of a handler: the one place 0-based tree-sitter rows become editor lines. */
export function locationOf(file: string, handler: SourceHandler): SourceLocation {
  return { file, line1: handler.range.startLine0 + 1, column1: handler.range.startColumn0 + 1 };
}

class SpanMatcher {
  private readonly folders = new Map<string, { folder: string; how: string } | undefined>();
  private readonly urlResults = new Map<string, readonly IndexedHandler[]>();
  /** `http.route` values repeat across a trace's spans: canonicalize each once. */
  private readonly canonicalRoutes = new Map<string, string>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly compiled: CompiledIndex,
    private readonly options: MatchOptions,
  ) {}

  match(span: Span): SpanMatch | undefined {
    return this.byCodeAttributes(span) ?? this.byHttp(span) ?? this.byGrpc(span) ?? this.bySpanName(span);
  }

  private byCodeAttributes(span: Span): SpanMatch | undefined {
    const code = codeAttributes(span);
    if (!code) return undefined;
    if (code.filePath !== undefined) {
      const resolved = resolveReportedPath(code.filePath, this.compiled.filesByName, this.options);
      const candidates = resolved.files.map((file) => this.codeCandidate(file, code.line1, code.functionName));
      const first = candidates[0];
      if (!first) return undefined;
      const evidence = [`code file ${code.filePath}${code.line1 !== undefined ? ` line ${code.line1}` : ''} → ${first.location.file} (${resolved.how})`];
      const confidence = code.line1 !== undefined ? 0.95 : first.handler ? 0.8 : 0.6;
      return result('code-attributes', candidates, evidence, confidence);
    }
    const wanted = code.namespace !== undefined ? `${code.namespace.split('.').pop()}.${code.functionName}` : code.functionName ?? '';
    const found: MatchCandidate[] = [];
    for (const entry of this.compiled.handlersByFunction.get(code.functionName ?? '') ?? []) {
      const name = entry.handler.functionName ?? '';
      if (name === wanted || name.endsWith(`.${wanted}`) || code.namespace === undefined) found.push({ location: locationOf(entry.file, entry.handler), handler: entry.handler });
    }
    return found.length > 0 ? result('code-attributes', dedupe(found), [`code function ${code.namespace ? `${code.namespace}.` : ''}${code.functionName} names a handler`], 0.7) : undefined;
  }

  private codeCandidate(file: string, line1: number | undefined, functionName: string | undefined): MatchCandidate {
    const entries = this.compiled.handlersByFile.get(file) ?? [];
    const containing = line1 !== undefined
      ? entries.find((entry) => entry.handler.functionRange.startLine0 <= line1 - 1 && line1 - 1 <= entry.handler.functionRange.endLine0)
      : entries.find((entry) => functionName !== undefined && entry.handler.functionName?.split('.').pop() === functionName);
    if (line1 !== undefined) return { location: { file, line1, column1: 1 }, ...(containing ? { handler: containing.handler } : {}) };
    if (containing) return { location: locationOf(file, containing.handler), handler: containing.handler };
    return { location: { file, line1: 1, column1: 1 } };
  }

  private byHttp(span: Span): SpanMatch | undefined {
    if (span.kind === 'client' && sidecarServiceOf(span) === undefined) return undefined;
    const method = httpMethodOf(span);
    const scope = this.scopeOf(span);
    const route = stringAttribute(span, 'http.route') ?? routeInName(span)?.route;
    if (route !== undefined) {
      let canonical = this.canonicalRoutes.get(route);
      if (canonical === undefined) {
        canonical = canonicalRoute(route);
        this.canonicalRoutes.set(route, canonical);
      }
      const exact = (this.compiled.routesByCanonical.get(canonical) ?? []).filter((entry) => methodFits(entry.handler, method));
      const { kept, scoped } = withinFolder(preferExactMethod(exact, method), scope?.folder);
      if (kept.length > 0) {
        const source = stringAttribute(span, 'http.route') !== undefined ? `http.route "${route}"` : `span name "${span.operation}"`;
        const evidence = [`${source}${method ? ` with ${method}` : ''} matches ${describe(kept[0])}`, ...scopeEvidence(scope, scoped)];
        return result('http-route', kept.map(candidateOf), evidence, source.startsWith('http.route') ? 0.9 : 0.85);
      }
    }
    const path = requestPathOf(span);
    if (path === undefined || (span.kind === 'internal' && sidecarServiceOf(span) === undefined)) return undefined;
    const matching = this.routesMatchingPath(path).filter((entry) => methodFits(entry.handler, method));
    const { kept, scoped } = withinFolder(preferExactMethod(matching, method), scope?.folder);
    const best = kept[0];
    if (!best?.route) return undefined;
    const tied = kept.filter((entry) => entry.route && compareSpecificity(entry.route, best.route!) === 0);
    const evidence = [`request path "${path}"${method ? ` with ${method}` : ''} fits ${describe(best)}, the most specific route that fits`, ...scopeEvidence(scope, scoped)];
    return result('url-path', tied.map(candidateOf), evidence, 0.7);
  }

  private routesMatchingPath(path: string): readonly IndexedHandler[] {
    const cached = this.urlResults.get(path);
    if (cached) return cached;
    const buckets = this.compiled.routeBuckets;
    const [, first = '', second = ''] = path.split('/');
    const segments = segmentsOf(path);
    const matching: IndexedHandler[] = [];
    for (const key of [`${first}/${second}`, first, '*']) {
      for (const entry of buckets.get(key) ?? []) {
        const route = entry.route;
        if (route && (route.segmentCount === undefined || route.segmentCount === segments) && route.pattern.test(path)) matching.push(entry);
      }
    }
    if (matching.length > 1) matching.sort((a, b) => compareSpecificity(a.route!, b.route!));
    this.urlResults.set(path, matching);
    return matching;
  }

  private byGrpc(span: Span): SpanMatch | undefined {
    const name = grpcNameOf(span);
    if (!name) return undefined;
    const service = name.service.split('.').pop()?.toLowerCase() ?? '';
    const found = (this.compiled.grpcByMethod.get(normalizeRpcName(name.method)) ?? []).filter(
      (entry) => entry.handler.grpcService?.split('.').pop()?.toLowerCase() === service,
    );
    const { kept, scoped } = withinFolder(found, this.scopeOf(span)?.folder);
    if (kept.length === 0) return undefined;
    const evidence = [`gRPC ${name.service}/${name.method} is implemented by ${describe(kept[0])}`, ...scopeEvidence(this.scopeOf(span), scoped)];
    return result('grpc', kept.map(candidateOf), evidence, 0.85);
  }

  private bySpanName(span: Span): SpanMatch | undefined {
    const found = this.compiled.spansByName.get(span.operation) ?? [];
    const { kept, scoped } = withinFolder(found, this.scopeOf(span)?.folder);
    if (kept.length === 0) return undefined;
    const evidence = [`span name "${span.operation}" is started at ${describe(kept[0])}`, ...scopeEvidence(this.scopeOf(span), scoped)];
    return result('span-name', kept.map(candidateOf), evidence, 0.75);
  }

  /** The folder of the service the span is about: the sidecar's destination for Istio spans, else its own service. */
  private scopeOf(span: Span): { service: string; folder: string; how: string } | undefined {
    const service = sidecarServiceOf(span) ?? span.service;
    if (!this.folders.has(service)) this.folders.set(service, serviceFolderOf(service, this.index, this.compiled, this.options));
    const found = this.folders.get(service);
    return found ? { service, ...found } : undefined;
  }
}

function result(rule: MatchRule, candidates: readonly MatchCandidate[], evidence: string[], confidence: number): SpanMatch | undefined {
  const first = candidates[0];
  if (!first) return undefined;
  const ambiguous = candidates.length > 1;
  if (ambiguous) evidence.push(`${candidates.length} places fit equally well`);
  return { ...first, rule, evidence, confidence: ambiguous ? Math.min(confidence, 0.4) : confidence, ambiguous, candidates };
}

function methodFits(handler: SourceHandler, method: string | undefined): boolean {
  return method === undefined || handler.method === 'ANY' || handler.method === method;
}

/** A handler for exactly this method beats one that accepts any method. */
function preferExactMethod(entries: readonly IndexedHandler[], method: string | undefined): readonly IndexedHandler[] {
  const exact = entries.filter((entry) => entry.handler.method === method);
  return exact.length > 0 ? exact : entries;
}

function candidateOf(entry: IndexedHandler): MatchCandidate {
  return { location: locationOf(entry.file, entry.handler), handler: entry.handler };
}

function describe(entry: IndexedHandler | undefined): string {
  return entry ? `${entry.handler.name} (${entry.handler.framework}) in ${entry.file}:${entry.handler.range.startLine0 + 1}` : '';
}

function scopeEvidence(scope: { service: string; folder: string; how: string } | undefined, scoped: boolean): string[] {
  return scope && scoped ? [`service ${scope.service} → folder ${scope.folder || '.'} (${scope.how})`] : [];
}

function dedupe(candidates: MatchCandidate[]): MatchCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const key = `${candidate.location.file}:${candidate.location.line1}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
