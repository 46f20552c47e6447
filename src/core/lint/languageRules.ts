import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { Evidence } from './evidence';
import type { LintFix } from './lintTypes';

/**
 * What the rule engine needs to know about one language: how its syntax trees spell calls, functions,
 * strings, loops and the incoming request's headers, which calls are outbound HTTP/gRPC calls, which
 * functions serve a request, and what already covers propagation. One implementation per language
 * under `languages/`; the engine (`lintPackage.ts`) is language-neutral.
 */
export interface LanguageRules {
  readonly calls: ReadonlySet<string>;
  /** Reads a call node (its type is in `calls`) as a dotted callee path and arguments. */
  readCall(node: SyntaxNode): CallView | undefined;
  readonly functions: ReadonlySet<string>;
  readFunction(node: SyntaxNode): FunctionView | undefined;
  /** Parent node types whose children are statements. */
  readonly blocks: ReadonlySet<string>;
  readonly identifiers: ReadonlySet<string>;
  /**
   * Every node type the evidence search reads (identifiers, strings, calls, header accesses): the
   * walks build node objects only for these.
   */
  readonly evidenceTypes: ReadonlySet<string>;
  /** Names the incoming request goes by everywhere, not as a parameter (Flask's `request`). */
  readonly globalRequestNames: readonly string[];
  /** Parent node types whose given field holds a member or method name spelled as an identifier. */
  readonly memberNameFields: Readonly<Record<string, string>>;
  /** The value of a string literal or a literal map key, else undefined. */
  stringValue(node: SyntaxNode): string | undefined;
  /** For a loop (a statement or a `forEach`/`each` call), the node it iterates over. */
  loopIterable(node: SyntaxNode): SyntaxNode | undefined;
  /** Declaration and assignment node types, with the fields naming their target and value. */
  readonly assignments: Readonly<Record<string, { readonly target: string; readonly value: string }>>;
  /**
   * How `node` reads the incoming request's headers, given the names the request goes by:
   * `whole` (all headers copied or passed on), `single` (one named header), `keyed` (by a variable key).
   */
  incomingHeaderUse(node: SyntaxNode, requestNames: ReadonlySet<string>): 'whole' | 'single' | 'keyed' | undefined;
  /** True when `node` derives a context from the incoming request (Go: `r.Context()`). */
  derivesRequestContext(node: SyntaxNode, requestNames: ReadonlySet<string>): boolean;
  /** The client library an outbound call uses, or undefined when the call is not outbound. */
  outboundClient(call: CallView, file: FileClues): string | undefined;
  /** When `fn` serves an incoming request: the names the request (or its headers) goes by inside it. */
  handlerRequestNames(fn: FunctionView): readonly string[] | undefined;
  /**
   * The names the request goes by inside `fn` when something else (the source index) already says it
   * serves a request, so the rules need not find that out again. Absent: `handlerRequestNames`.
   */
  servedRequestNames?(fn: FunctionView): readonly string[] | undefined;
  /** A label for an anonymous handler (`GET /orders/:id`), from the route it is registered for. */
  routeLabel?(fn: FunctionView): string | undefined;
  /** In-code instrumentation this call switches on (e.g. `RequestsInstrumentor().instrument()`). */
  instrumentationOf(call: CallView): readonly InstrumentationFact[];
  /** Whether an instrumented client covers this outbound call, given what the package switched on. */
  coveredByInstrumentation(client: string, evidence: EvidenceSummary, instrumented: ReadonlySet<InstrumentationFact>): boolean;
  /** Builds the one-click fixes for a flagged call (forward from the request, or inject the context). */
  readonly quickFix?: (request: FixRequest) => LintFix[];
  /** The node types `fileClues` reads; the engine collects them in its one walk over the file. */
  readonly clueTypes: ReadonlySet<string>;
  /**
   * Whether a call of a clue type, as `readCall` read it, can be a clue at all; the engine passes
   * `fileClues` only those (it has read every call already). Absent: every such call is passed.
   */
  clueCall?(call: CallView): boolean;
  /** Collects per-file clues (client variable names, imports) from the file's `clueTypes` nodes. */
  fileClues(nodes: readonly SyntaxNode[]): FileClues;
}

/** A call, language-neutral. `path` is the dotted callee (`axios.post`, `Net.HTTP.get`, `requests.get`). */
export interface CallView {
  readonly node: SyntaxNode;
  readonly path: string;
  /** The last segment of `path`: the function or method name. */
  readonly method: string;
  readonly args: readonly SyntaxNode[];
}

export interface FunctionView {
  readonly node: SyntaxNode;
  /** Undefined for anonymous functions. */
  readonly name: string | undefined;
  readonly params: readonly string[];
  readonly body: SyntaxNode | undefined;
}

/** Names in one file that hold HTTP client objects, and the modules it imports. */
export interface FileClues {
  /** Variable, field or parameter names bound to a client object, with the client's name. */
  readonly clientNames: ReadonlyMap<string, string>;
  /** Names bound to a client made in a way instrumentation does not cover (`new RestTemplate()`). */
  readonly uncoveredClientNames: ReadonlySet<string>;
  readonly imports: ReadonlySet<string>;
}

/** Instrumentation switched on in code or by the project setup. */
export type InstrumentationFact =
  | 'node-http'
  /** `@opentelemetry/instrumentation-grpc` (alone or in the auto-instrumentations bundle). */
  | 'node-grpc'
  | 'python-requests'
  | 'python-httpx'
  | 'python-aiohttp'
  | 'python-urllib'
  | 'python-grpc'
  | 'python-all'
  | 'go-otelhttp'
  | 'go-otelgrpc'
  | 'java-agent'
  | 'java-spring-tracing'
  /** A Feign `RequestInterceptor` in the package copies the trace headers onto every Feign request. */
  | 'java-feign-interceptor'
  | 'ruby-otel';

/** What the evidence around one outbound call showed, for the instrumentation decision. */
export interface EvidenceSummary {
  /** The request's context is passed to the call (Go), or the language carries it implicitly. */
  readonly requestContextPassed: boolean;
  /** The client object's name, when the call is made on one. */
  readonly clientName: string | undefined;
  readonly clues: FileClues;
}

/** What a quick fix builder gets: the flagged call and what is in scope around it. */
export interface FixRequest {
  readonly call: CallView;
  readonly client: string;
  /** Names the incoming request goes by in the calling function (empty deeper down the call chain). */
  readonly requestNames: ReadonlySet<string>;
  /** The configured header names, lower-case. */
  readonly headers: readonly string[];
  readonly dependsOnOtelApi: boolean;
  readonly evidence: Evidence;
  readonly path: string;
}
