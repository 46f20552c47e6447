/**
 * Every command, setting and view id Trace Lens contributes, in typed tables. `scripts/checkManifest.mjs`
 * fails the build when these tables and package.json's `contributes` disagree in either direction.
 * This file must not import `vscode`: the manifest check loads it in plain Node.
 */
import type { BackendKindChoice } from '../core/backendChoice';
import type { ClusterBackendChoice } from '../kube/clusterOverrides';
import type { LintSeverity } from '../core/lint/lintTypes';
import { DEFAULT_TRACE_HEADERS } from '../core/lint/traceHeaders';

/** The one prefix of every contributed id. */
export const ID_PREFIX = 'traceLens';

export enum Command {
  OpenTraceFile = 'traceLens.openTraceFile',
  OpenTraceById = 'traceLens.openTraceById',
  SearchTraces = 'traceLens.searchTraces',
  SetBackendToken = 'traceLens.setBackendToken',
  ClearBackendToken = 'traceLens.clearBackendToken',
  SetBackendBasicAuth = 'traceLens.setBackendBasicAuth',
  ConnectToCluster = 'traceLens.connectToCluster',
  DisconnectFromCluster = 'traceLens.disconnectFromCluster',
  /** The status bar item's click: reconnect, switch backend, disconnect, show log. */
  ClusterConnectionMenu = 'traceLens.clusterConnectionMenu',
  /** Opens the code a span comes from; with a span argument (the waterfall, tests) it asks nothing. */
  GoToSpanSource = 'traceLens.goToSpanSource',
  /** The handler at the cursor, or the one a code lens names: recent traces of its operation. */
  FindTracesForHandler = 'traceLens.findTracesForHandler',
  /** Lints every source file of the workspace for trace propagation and shows all findings. */
  CheckPropagation = 'traceLens.checkPropagation',
}

export interface CommandContribution {
  readonly title: string;
  readonly category: 'Trace Lens';
}

/** A row per command: leaving one out is a compile error. */
export const commandContributions: { readonly [K in Command]: CommandContribution } = {
  [Command.OpenTraceFile]: { title: 'Open Trace File…', category: 'Trace Lens' },
  [Command.OpenTraceById]: { title: 'Open Trace…', category: 'Trace Lens' },
  [Command.SearchTraces]: { title: 'Search Traces…', category: 'Trace Lens' },
  [Command.SetBackendToken]: { title: 'Set Backend Token…', category: 'Trace Lens' },
  [Command.ClearBackendToken]: { title: 'Clear Backend Credentials', category: 'Trace Lens' },
  [Command.SetBackendBasicAuth]: { title: 'Set Backend Username and Password…', category: 'Trace Lens' },
  [Command.ConnectToCluster]: { title: 'Connect to Cluster…', category: 'Trace Lens' },
  [Command.DisconnectFromCluster]: { title: 'Disconnect from Cluster', category: 'Trace Lens' },
  [Command.ClusterConnectionMenu]: { title: 'Cluster Connection…', category: 'Trace Lens' },
  [Command.GoToSpanSource]: { title: 'Go to Span Source…', category: 'Trace Lens' },
  [Command.FindTracesForHandler]: { title: 'Find Traces for This Handler', category: 'Trace Lens' },
  [Command.CheckPropagation]: { title: 'Check Trace Propagation in Workspace', category: 'Trace Lens' },
};

export enum Setting {
  MaxTraceFileSizeMb = 'traceLens.maxTraceFileSizeMb',
  BackendUrl = 'traceLens.backend.url',
  BackendKind = 'traceLens.backend.kind',
  BackendHeaders = 'traceLens.backend.headers',
  BackendTimeoutSeconds = 'traceLens.backend.timeoutSeconds',
  ClusterKubeconfig = 'traceLens.cluster.kubeconfig',
  ClusterNamespace = 'traceLens.cluster.namespace',
  ClusterLabelSelector = 'traceLens.cluster.labelSelector',
  ClusterService = 'traceLens.cluster.service',
  ClusterPort = 'traceLens.cluster.port',
  ClusterBasePath = 'traceLens.cluster.basePath',
  ClusterBackend = 'traceLens.cluster.backend',
  BackendCaFile = 'traceLens.backend.caFile',
  BackendAllowInsecureTls = 'traceLens.backend.allowInsecureTls',
  SourcePathMappings = 'traceLens.source.pathMappings',
  SourceServiceFolders = 'traceLens.source.serviceFolders',
  SourceCodeLens = 'traceLens.source.codeLens',
  LintEnabled = 'traceLens.lint.enabled',
  LintHeaders = 'traceLens.lint.headers',
  LintVendorHeaders = 'traceLens.lint.vendorHeaders',
  LintSeverity = 'traceLens.lint.severity',
  LintScope = 'traceLens.lint.scope',
}

/** The type each setting holds. */
export interface SettingTypes {
  [Setting.MaxTraceFileSizeMb]: number;
  [Setting.BackendUrl]: string;
  [Setting.BackendKind]: BackendKindChoice;
  [Setting.BackendHeaders]: Readonly<Record<string, string>>;
  [Setting.BackendTimeoutSeconds]: number;
  [Setting.ClusterKubeconfig]: string;
  [Setting.ClusterNamespace]: string;
  [Setting.ClusterLabelSelector]: string;
  [Setting.ClusterService]: string;
  [Setting.ClusterPort]: number;
  [Setting.ClusterBasePath]: string;
  [Setting.ClusterBackend]: ClusterBackendChoice;
  [Setting.BackendCaFile]: string;
  [Setting.BackendAllowInsecureTls]: boolean;
  [Setting.SourcePathMappings]: readonly { readonly from: string; readonly to: string }[];
  [Setting.SourceServiceFolders]: Readonly<Record<string, string>>;
  [Setting.SourceCodeLens]: boolean;
  [Setting.LintEnabled]: boolean;
  [Setting.LintHeaders]: readonly string[];
  [Setting.LintVendorHeaders]: readonly ('datadog' | 'skywalking')[];
  [Setting.LintSeverity]: LintSeverity;
  /** `openFiles`: problems of open files only; `workspace`: of every file in the packages linted. */
  [Setting.LintScope]: 'openFiles' | 'workspace';
}

export interface SettingContribution<T> {
  readonly default: T;
  readonly description: string;
}

/** Defaults, as declared in package.json: the manifest check compares them. */
export const settingContributions: { readonly [K in Setting]: SettingContribution<SettingTypes[K]> } = {
  [Setting.MaxTraceFileSizeMb]: {
    default: 200,
    description:
      'Largest trace file, in megabytes, that Trace Lens opens. Parsing needs roughly ten times the file size in memory inside the extension host, so larger files are refused with a message instead of risking the extension host.',
  },
  [Setting.BackendUrl]: {
    default: '',
    description:
      'The trace backend\'s query URL, e.g. `http://localhost:16686` (Jaeger), `http://localhost:9411` (Zipkin) or `http://localhost:3200` (Tempo). Empty: no backend, so "Open Trace…" and "Search Traces…" ask for one. A value from workspace settings is used only in a trusted workspace.',
  },
  [Setting.BackendKind]: {
    default: 'auto',
    description:
      'Which API the backend speaks. `auto` finds out by probing the URL; `jaeger` is the Jaeger query API v1 (what Jaeger UI uses), `jaeger-v3` the Jaeger v2 `/api/v3`.',
  },
  [Setting.BackendHeaders]: {
    default: {},
    description:
      'Extra HTTP headers sent with every backend request, e.g. `{ "X-Scope-OrgID": "team-a" }` for a multi-tenant Tempo. Used only in a trusted workspace when set in workspace settings. For a bearer token use "Trace Lens: Set Backend Token…", which keeps it in the OS keychain, not in settings.',
  },
  [Setting.BackendTimeoutSeconds]: {
    default: 15,
    description: 'How long, in seconds, one backend request may take (connecting, waiting and downloading) before it is abandoned.',
  },
  [Setting.ClusterKubeconfig]: {
    default: '',
    description:
      'The kubeconfig file "Trace Lens: Connect to Cluster…" reads. Empty: the files in `KUBECONFIG`, else `~/.kube/config`, as kubectl does. A value from workspace settings is used only in a trusted workspace, and exec credential plugins run only in a trusted workspace.',
  },
  [Setting.ClusterNamespace]: {
    default: '',
    description:
      'Search only this namespace for the trace backend. Empty: the usual namespaces (`kyma-system`, `istio-system`, `observability`, `tracing`, `jaeger`, `tempo`, `monitoring`) and the context\'s own.',
  },
  [Setting.ClusterLabelSelector]: {
    default: '',
    description:
      'Forward to the pods with these labels (e.g. `app=jaeger`) instead of discovering a Service; set `traceLens.cluster.port` to the container port.',
  },
  [Setting.ClusterService]: {
    default: '',
    description:
      'Forward to this Service (in `traceLens.cluster.namespace`, else the context\'s namespace) instead of discovering one.',
  },
  [Setting.ClusterPort]: {
    default: 0,
    description:
      'With `traceLens.cluster.service`: the Service port of the query API; with `traceLens.cluster.labelSelector`: the container port. 0: find it.',
  },
  [Setting.ClusterBasePath]: {
    default: '',
    description:
      'The path the query API answers under, e.g. `/jaeger` for Istio\'s Jaeger addon. Empty: as discovered.',
  },
  [Setting.ClusterBackend]: {
    default: 'auto',
    description:
      'Which backend to look for in the cluster. `auto`: any of Jaeger, Tempo and Zipkin; the API version is found by probing.',
  },
  [Setting.BackendCaFile]: {
    default: '',
    description:
      'A PEM file of certificate authorities to trust for an `https://` backend URL (e.g. a cluster ingress with a private CA). A value from workspace settings is used only in a trusted workspace.',
  },
  [Setting.BackendAllowInsecureTls]: {
    default: false,
    description:
      'Accept any TLS certificate from the backend URL (self-signed development clusters). Anyone between you and the backend can then read your token: Trace Lens warns each time it connects this way. Used only in a trusted workspace when set in workspace settings.',
  },
  [Setting.SourcePathMappings]: {
    default: [],
    description:
      'Where the file paths in spans\' `code.file.path` / `code.filepath` attributes are in this workspace, for code that ran in a container or on another machine: `[{ "from": "/app/", "to": "services/api/" }]` (workspace-relative). Without a mapping, Trace Lens matches the longest common ending of the path.',
  },
  [Setting.SourceServiceFolders]: {
    default: {},
    description:
      'Which workspace folder holds each service\'s code, when its folder name differs from the service name and no Kubernetes manifest in the workspace says: `{ "productpage": "apps/frontend" }`.',
  },
  [Setting.SourceCodeLens]: {
    default: true,
    description: 'Show a code lens above every request handler and span Trace Lens finds: trace counts and latency from the backend when connected, else "Find traces".',
  },
  [Setting.LintEnabled]: {
    default: true,
    description: 'Warn where an outbound HTTP or gRPC call made while serving a request forwards none of the trace headers, so the mesh splits the trace in two (TypeScript, JavaScript, Python, Go, Java, Ruby).',
  },
  [Setting.LintHeaders]: {
    default: DEFAULT_TRACE_HEADERS,
    description: 'The trace headers an outbound call must forward (any one but `x-request-id` carries the trace). Default: Istio\'s list, the OpenCensus additions (`traceparent`, `grpc-trace-bin`, `x-cloud-trace-context`), `b3`, `tracestate` and `baggage`.',
  },
  [Setting.LintVendorHeaders]: {
    default: [],
    description: 'Vendor header sets that also count as forwarding the trace: `datadog` (`x-datadog-*`), `skywalking` (`sw8`).',
  },
  [Setting.LintSeverity]: {
    default: 'warning',
    description: 'How trace propagation problems show in the Problems panel.',
  },
  [Setting.LintScope]: {
    default: 'openFiles',
    description: 'Show trace propagation problems for open files only (`openFiles`), or for every file of the packages linted (`workspace`; "Check Trace Propagation in Workspace" lints them all).',
  },
};

/** Webview panel types (the `viewType` of `createWebviewPanel`). */
export enum WebviewType {
  Waterfall = 'traceLens.waterfall',
}

/** Views and their containers (package.json `viewsContainers` and `views`). */
export enum View {
  /** The Traces view: a webview view with the search form and results. */
  Traces = 'traceLens.traces',
}

export enum ViewContainer {
  /** Trace Lens's own activity-bar container. */
  TraceLens = 'traceLens',
}
