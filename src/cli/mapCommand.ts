import { statSync } from 'node:fs';
import * as path from 'node:path';
import { matchSpans, type SpanMatch } from '../core/spanMatching/matchSpans';
import { createGrammarLoader } from '../treeSitter/grammarLoader';
import { createWorkspaceIndexer } from '../treeSitter/workspaceIndexer';
import { ExitCode, type CliIo } from './cliIo';
import { readTraceFile } from './readTraceFile';

export type MapOutput = 'text' | 'json';

/** One span in `map --format json`. The shape is documented in `--help`; keep both in step. */
export interface MappedSpan {
  readonly spanId: string;
  readonly service: string;
  readonly operation: string;
  /** Workspace-relative file (`/` separators) and 1-based line; null when nothing in the workspace fits. */
  readonly location: { readonly file: string; readonly line: number } | null;
  /** Why, one sentence per fact; empty when unmatched. */
  readonly evidence: readonly string[];
  /** 0..1; 0 when unmatched. */
  readonly confidence: number;
}

/** `trace-lens map --trace FILE --workspace DIR [--format text|json]`: which code each span comes from. */
export async function runMap(io: CliIo, traceFile: string, workspace: string, output: MapOutput): Promise<ExitCode> {
  const read = readTraceFile(traceFile);
  if (!read.ok) {
    io.stderr(`${read.message}\n`);
    return ExitCode.BadInput;
  }
  try {
    if (!statSync(workspace).isDirectory()) throw new Error('not a directory');
  } catch {
    io.stderr(`map: --workspace ${workspace} is not a directory\n`);
    return ExitCode.BadInput;
  }
  const indexer = createWorkspaceIndexer(path.resolve(workspace), createGrammarLoader());
  try {
    const index = await indexer.indexAll();
    const spans = read.parsed.traces.flatMap((trace) => trace.spans);
    const matches = matchSpans(index, spans);
    const mapped = spans.map((span, i): MappedSpan => mappedSpan(span.spanId, span.service, span.operation, matches[i]));
    if (output === 'json') io.stdout(`${JSON.stringify({ spans: mapped })}\n`);
    else for (const span of mapped) io.stdout(`${describe(span)}\n`);
    return ExitCode.Ok;
  } finally {
    indexer.dispose();
  }
}

function mappedSpan(spanId: string, service: string, operation: string, match: SpanMatch | undefined): MappedSpan {
  return {
    spanId,
    service,
    operation,
    location: match ? { file: match.location.file, line: match.location.line1 } : null,
    evidence: match?.evidence ?? [],
    confidence: match?.confidence ?? 0,
  };
}

function describe(span: MappedSpan): string {
  const where = span.location ? `${span.location.file}:${span.location.line} (confidence ${span.confidence.toFixed(2)}): ${span.evidence.join('; ')}` : 'no match';
  return `${span.spanId} ${span.service} "${span.operation}" → ${where}`;
}
