/**
 * One line's worth of facts about a trace, for the "pick a trace" list and the CLI.
 */
import type { TraceId, TraceTree } from './model';

export interface TraceSummary {
  readonly traceId: TraceId;
  /** Service and operation of the earliest root span that is not an orphan (else of the earliest orphan). */
  readonly rootService: string;
  readonly rootOperation: string;
  readonly spanCount: number;
  /** Spans whose status is `error`. */
  readonly errorCount: number;
  /** Microseconds from the earliest start to the latest end. */
  readonly durationUs: number;
  /** Microseconds since the Unix epoch of the earliest span start. */
  readonly startUs: number;
  /** Every service in the trace, sorted. */
  readonly services: string[];
}

/** Summarizes a built tree. O(n). */
export function summarizeTrace(tree: TraceTree): TraceSummary {
  const spans = tree.trace.spans;
  // The earliest true root; an orphan only when every root is one (its real root was never received).
  const orphans = new Set(tree.orphans);
  const rootIndex = tree.roots.find((i) => !orphans.has(i)) ?? tree.roots[0];
  const root = rootIndex === undefined ? undefined : spans[rootIndex];
  let errorCount = 0;
  const services = new Set<string>();
  for (const span of spans) {
    if (span.status.code === 'error') errorCount++;
    services.add(span.service);
  }
  return {
    traceId: tree.trace.traceId,
    rootService: root?.service ?? '',
    rootOperation: root?.operation ?? '',
    spanCount: spans.length,
    errorCount,
    durationUs: tree.endUs - tree.startUs,
    startUs: tree.startUs,
    services: [...services].sort(),
  };
}
