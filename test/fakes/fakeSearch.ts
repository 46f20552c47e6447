/**
 * The fake backend's search semantics, shared by every API it speaks: which of its traces match a
 * service / operation / tags / time window / duration, and the wire units each API uses for those.
 * Deliberately strict about units: a client that sends milliseconds where microseconds are expected finds
 * nothing, which is what a real backend would do to it.
 */
import { buildTraceTree } from '../../src/core/buildTree';
import type { Trace } from '../../src/core/model';
import { summarizeTrace, type TraceSummary } from '../../src/core/traceSummary';

export interface FakeCriteria {
  service?: string;
  operation?: string;
  tags?: Record<string, string>;
  /** µs since the epoch; a trace matches when its start lies in [startUs, endUs]. */
  startUs?: number;
  endUs?: number;
  /** µs, compared with the trace's duration. */
  minDurationUs?: number;
  maxDurationUs?: number;
  limit?: number;
}

export function summaryOf(trace: Trace): TraceSummary {
  return summarizeTrace(buildTraceTree(trace));
}

export function findTraces(traces: readonly Trace[], criteria: FakeCriteria): Trace[] {
  const found = traces.filter((trace) => matches(trace, criteria));
  return criteria.limit === undefined || criteria.limit <= 0 ? found : found.slice(0, criteria.limit);
}

function matches(trace: Trace, criteria: FakeCriteria): boolean {
  const summary = summaryOf(trace);
  if (criteria.startUs !== undefined && summary.startUs < criteria.startUs) return false;
  if (criteria.endUs !== undefined && summary.startUs > criteria.endUs) return false;
  if (criteria.minDurationUs !== undefined && summary.durationUs < criteria.minDurationUs) return false;
  if (criteria.maxDurationUs !== undefined && summary.durationUs > criteria.maxDurationUs) return false;
  return trace.spans.some((span) => {
    if (criteria.service !== undefined && span.service !== criteria.service) return false;
    if (criteria.operation !== undefined && span.operation !== criteria.operation) return false;
    for (const [key, value] of Object.entries(criteria.tags ?? {})) {
      const attribute = [...span.attributes, ...span.resource].find((candidate) => candidate.key === key);
      if (attribute === undefined || (value !== '' && String(attribute.value) !== value)) return false;
    }
    return true;
  });
}

/** Go's duration syntax as Jaeger and Tempo accept it ("1500us", "1.5ms", "2s", "1m30s") → µs. */
export function parseGoDuration(text: string | null): number | undefined {
  if (text === null || text === '') return undefined;
  const units: Record<string, number> = { ns: 0.001, us: 1, 'µs': 1, ms: 1000, s: 1_000_000, m: 60_000_000, h: 3_600_000_000 };
  let total = 0;
  let rest = text;
  while (rest !== '') {
    const match = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (match === null) throw new Error(`time: invalid duration "${text}"`);
    total += Number(match[1]) * units[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return Math.round(total);
}

/** RFC 3339 with up to nanoseconds ("2023-11-14T22:13:20.123456789Z") → µs since the epoch. */
export function parseRfc3339(text: string | null): number | undefined {
  if (text === null || text === '') return undefined;
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (match === null) throw new Error(`parsing time "${text}" as RFC3339Nano: cannot parse`);
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  const fractionUs = Math.floor(Number((match[2] ?? '0').padEnd(9, '0')) / 1000);
  return seconds * 1000 + fractionUs;
}

/** A number parameter, or undefined when absent. */
export function numberParam(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  return text === null || text === '' ? undefined : Number(text);
}

/** Tempo/Jaeger-UI logfmt `k=v k2="v 2"` → map. */
export function parseLogfmt(text: string | null): Record<string, string> {
  const tags: Record<string, string> = {};
  if (text === null) return tags;
  for (const match of text.matchAll(/([^\s=]+)(?:=(?:"((?:[^"\\]|\\.)*)"|(\S*)))?/g)) {
    tags[match[1]!] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
  }
  return tags;
}
