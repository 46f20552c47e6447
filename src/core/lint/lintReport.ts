import type { LintFinding, LintRuleId, LintSeverity } from './lintTypes';
import { PROPAGATION_DOCS_URL } from './lintTypes';

/**
 * The CLI's three outputs of the same findings. Lines and columns become 1-based here, the one
 * conversion point. Paths are printed as given (relative to where the lint ran, `/` separators).
 */

/** One finding in `trace-lens lint --format json`; documented in `--help`. */
export interface JsonFinding {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly rule: LintRuleId;
  readonly severity: LintSeverity;
  readonly message: string;
}

export function findingsAsJson(findings: readonly LintFinding[]): string {
  const rows: JsonFinding[] = findings.map((finding) => ({
    file: finding.path,
    line: finding.range.start.row + 1,
    column: finding.range.start.column + 1,
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
  }));
  return `${JSON.stringify({ findings: rows })}\n`;
}

/** `file:line:column: severity [rule] message`, then a count. */
export function findingsAsText(findings: readonly LintFinding[], filesLinted: number): string {
  const lines = findings.map((finding) => `${finding.path}:${finding.range.start.row + 1}:${finding.range.start.column + 1}: ${finding.severity} [${finding.rule}] ${finding.message}`);
  const count = findings.length === 1 ? '1 finding' : `${findings.length} findings`;
  lines.push(`${count} in ${filesLinted} ${filesLinted === 1 ? 'file' : 'files'} linted.`);
  return `${lines.join('\n')}\n`;
}

const RULE_TEXT: Readonly<Record<LintRuleId, string>> = {
  'missing-trace-headers': 'An outbound call made while serving a request forwards none of the trace headers.',
  'partial-trace-headers': 'An outbound call forwards only x-request-id or Jaeger-only headers the mesh cannot join.',
  'empty-header-copy-loop': 'A loop meant to copy the trace headers copies none of them.',
};

const SARIF_LEVEL: Readonly<Record<LintSeverity, string>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, one run, for code-scanning UIs. */
export function findingsAsSarif(findings: readonly LintFinding[], toolVersion: string): string {
  const ruleIds = Object.keys(RULE_TEXT) as LintRuleId[];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trace-lens',
            version: toolVersion,
            informationUri: PROPAGATION_DOCS_URL,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: RULE_TEXT[id] }, helpUri: PROPAGATION_DOCS_URL })),
          },
        },
        results: findings.map((finding) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIds.indexOf(finding.rule),
          level: SARIF_LEVEL[finding.severity],
          message: { text: finding.message },
          locations: [location(finding.path, finding.range.start, finding.range.end)],
          relatedLocations: [{ id: 1, ...location(finding.handler.path, finding.handler.range.start, finding.handler.range.start), message: { text: `the handler being served: ${finding.handler.name}` } }],
        })),
      },
    ],
  };
  return `${JSON.stringify(log)}\n`;
}

function location(path: string, start: { row: number; column: number }, end: { row: number; column: number }) {
  return {
    physicalLocation: {
      artifactLocation: { uri: path },
      region: { startLine: start.row + 1, startColumn: start.column + 1, endLine: end.row + 1, endColumn: end.column + 1 },
    },
  };
}
