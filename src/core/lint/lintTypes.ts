import type { SourceLanguage } from '../sourceLanguage';

/**
 * The propagation lint's vocabulary: what a finding says, where, and how severe. Positions are 0-based
 * (tree-sitter's rows and columns); the CLI and SARIF add 1 at their one conversion point.
 */

/** Which rule found the problem. */
export type LintRuleId =
  /** An outbound call while serving a request sends none of the configured trace headers. */
  | 'missing-trace-headers'
  /** Only `x-request-id`, or only Jaeger's `uber-trace-id`, is forwarded: the mesh still splits the trace. */
  | 'partial-trace-headers'
  /** A loop that is meant to copy the trace headers iterates over a list holding none of them. */
  | 'empty-header-copy-loop';

export type LintSeverity = 'error' | 'warning' | 'information' | 'hint';

/** A 0-based position: `row` is the line, `column` counts UTF-16 code units as VS Code does for ASCII. */
export interface ZeroBasedPosition {
  readonly row: number;
  readonly column: number;
}

export interface ZeroBasedRange {
  readonly start: ZeroBasedPosition;
  readonly end: ZeroBasedPosition;
}

/** One text replacement; offsets are indexes into the file's text (`startIndex <= endIndex`). */
export interface LintTextEdit {
  readonly startIndex: number;
  readonly endIndex: number;
  readonly newText: string;
}

/** A one-click fix: apply every edit (they never overlap) to the finding's file. */
export interface LintFix {
  readonly title: string;
  readonly edits: readonly LintTextEdit[];
}

/** The handler whose incoming request is being served when the outbound call happens. */
export interface ServedHandler {
  readonly path: string;
  readonly name: string;
  readonly range: ZeroBasedRange;
}

export interface LintFinding {
  readonly path: string;
  readonly language: SourceLanguage;
  readonly rule: LintRuleId;
  readonly severity: LintSeverity;
  readonly message: string;
  /** The outbound call (or the copy loop) the finding is about. */
  readonly range: ZeroBasedRange;
  /** The client library recognised, e.g. `axios`, `requests`, `net/http`. */
  readonly client: string;
  readonly handler: ServedHandler;
  readonly fixes: readonly LintFix[];
}

/** Istio's explanation of why an application must forward the headers; the diagnostics link to it. */
export const PROPAGATION_DOCS_URL = 'https://istio.io/latest/docs/tasks/observability/distributed-tracing/overview/';
