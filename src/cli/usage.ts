import { version } from '../../package.json';
import { MAX_SEARCH_LIMIT } from '../protocol/searchMessages';
import { DEFAULT_TOKEN_ENV } from './backendArgs';
import { MAX_TRACE_FILE_MB } from './readTraceFile';

/** `trace-lens --version`: the package version. */
export const CLI_VERSION: string = version;

/** The short synopsis printed after a usage error. */
export const SYNOPSIS = `Usage:
  trace-lens inspect <file> [--format text|json]
  trace-lens convert <file> --to jaeger|otlp|zipkin [--out FILE]
  trace-lens search --url URL --service S [--operation O] [--lookback 1h] [--limit N] [--format text|json]
  trace-lens get <traceId…> --url URL [--format jaeger|otlp|zipkin|json]
  trace-lens map --trace FILE --workspace DIR [--format text|json]
  trace-lens lint [PATHS…] [--format text|json|sarif]
  trace-lens forward [--kubeconfig PATH] [--context NAME] [--namespace NS] [--service S] [--port N] [--json]
  trace-lens --help | --version
`;

/** `trace-lens --help`. The JSON shape of `inspect` is documented here: scripts depend on it. */
export const HELP = `trace-lens ${version}: read distributed traces (Jaeger, OTLP, Zipkin) from the command line.

${SYNOPSIS}
The input format is detected from the content: Jaeger query API / UI JSON, OTLP/JSON (one document or
NDJSON, one request per line, also inside a Jaeger api_v3 "result"), or a Zipkin v2 span array.

Commands:
  inspect <file>     Summarize each trace in the file.
    --format text    (default) a readable summary per trace.
    --format json    one JSON document on one line:
                       {"traces":[{"traceId","spans","services","roots","orphans","warnings"}]}
                     traceId   the trace id, normalized (32 lowercase hex characters when it is hex)
                     spans     the number of spans
                     services  the distinct service names, sorted: a LIST of strings, not a count
                     roots     the number of spans without a parent in the file (orphans included)
                     orphans   the number of spans whose parent id names a span missing from the file
                     warnings  problems found while reading or arranging the trace, one string each

  convert <file>     Write the trace(s) in another format, as one line of JSON.
    --to FORMAT      jaeger (query API v1 envelope), otlp (OTLP/JSON) or zipkin (v2 span array).
    --out FILE       write to FILE instead of standard output.
                     Fields a format has no place for are dropped (e.g. Zipkin has no resource
                     attributes or links; Jaeger references carry no attributes).

  search             Find traces on a trace backend (Jaeger, Zipkin, Tempo), newest first.
    --service S      the service (required); --operation O narrows to one operation.
    --lookback D     how far back from now: 30m, 2h, 7d, … (default 1h).
    --limit N        at most N traces, 1 to ${MAX_SEARCH_LIMIT} (default 20).
    --format json    one line: {"traces":[{"traceId","startTime","durationUs","rootService","rootOperation","spans","errors"}]}
                     startTime   RFC 3339 UTC with microseconds; durationUs in microseconds
                     spans, errors  counts, or null when the backend does not report them (Tempo)

  get <traceId…>     Fetch traces by id (32 or 16 hex characters, or base64) and print them as one
                     line of JSON: --format jaeger (default), otlp, zipkin, or json (summaries as
                     search prints them). Ids not found are reported on stderr; the rest are printed.

  forward            Find the trace backend in a Kubernetes cluster (Jaeger, Tempo, Zipkin), forward a
                     local port on 127.0.0.1 to it, and stay up until Ctrl+C (SIGINT) or SIGTERM,
                     reconnecting by itself when the pod is replaced. Point search and get at the URL.
    --kubeconfig P   the kubeconfig (default: the files in KUBECONFIG, else ~/.kube/config).
    --context NAME   the kube context (default: the current-context).
    --namespace NS   search only this namespace (default: the usual ones and the context's own).
    --service S      forward to this Service; --port N names its port (or, with --label-selector
                     SELECTOR, the pods' container port). --base-path P: the API's path prefix.
    --backend B      look only for jaeger, tempo or zipkin (default auto).
    --json           stdout: first one line
                       {"url":"http://127.0.0.1:PORT","backend","api","basePath","context","namespace","service","pod"}
                     backend   jaeger, tempo or zipkin; api: jaeger-v1, jaeger-v3, zipkin or tempo
                     then one line per event: {"event":"reconnecting","attempt","reason"},
                     {"event":"connected","pod"}, {"event":"failed","kind","reason"}.
                     Exec credential plugins in the kubeconfig run, as with kubectl. Tokens and keys
                     never appear in the output.

  map                Find the code each span of a trace comes from, in a workspace folder (TypeScript,
                     JavaScript, Python, Go, Java, Ruby): OpenTelemetry code attributes, http.route,
                     the request URL against route templates, gRPC names, literal span names.
    --trace FILE     the trace file (any format inspect reads).
    --workspace DIR  the source folder to index.
    --format json    one line: {"spans":[{"spanId","service","operation","location","evidence","confidence"}]}
                     location    {"file","line"}: workspace-relative path, 1-based line; null when no match
                     evidence    why, a list of sentences; confidence 0..1 (0 when no match)

  lint [PATHS…]      Warn where an outbound HTTP/gRPC call made while serving a request forwards no
                     trace headers (Istio's list, traceparent, b3 …) and nothing else covers it
                     (OpenTelemetry instrumentation, a propagator, headers copied from the request).
                     TypeScript, JavaScript, Python, Go, Java, Ruby. PATHS default to the current folder.
    --format text    (default) file:line:column: severity [rule] message, one per line.
    --format json    one line: {"findings":[{"file","line","column","rule","severity","message"}]}
                     file: relative to the current folder; line and column 1-based
                     rule: missing-trace-headers (error), partial-trace-headers or
                     empty-header-copy-loop (warning)
    --format sarif   SARIF 2.1.0 for code-scanning UIs.
                     A line after "trace-lens-ignore-next-line" in a comment is not checked.

  Options of search and get:
    --url URL        the backend's query URL, e.g. http://localhost:16686 (Jaeger), :9411 (Zipkin),
                     :3200 (Tempo); credentials in the URL are sent as basic auth.
    --kind K         auto (default: probe the URL), jaeger, jaeger-v3, zipkin or tempo.
    --header "K: V"  an extra request header (repeatable), e.g. "X-Scope-OrgID: team-a".
    --token-env NAME the environment variable holding a bearer token (default ${DEFAULT_TOKEN_ENV}).
                     Tokens and header values never appear in messages.

Files over ${MAX_TRACE_FILE_MB} MB are refused: that is about the longest text JavaScript can hold.

Exit codes:
  0  success
  1  the output could not be produced (too large) or written; lint: findings at error severity
  2  bad usage, a file that cannot be read or is too large, or a file that is not a trace
  3  search/get: the backend could not be reached or refused, or a trace was not found;
     forward: no backend was found or reached, or reconnecting gave up
`;
