/** Shared helpers for the core parser tests. */
import assert from 'node:assert/strict';
import type { ParseFailure, ParseResult, Span, Trace } from '../../../src/core/model';

/** Asserts success and returns the traces. */
export function expectTraces(result: ParseResult): readonly Trace[] {
  if (!result.ok) assert.fail(`expected the parse to succeed, got: ${result.message}`);
  return result.traces;
}

/** Asserts exactly one trace and returns its spans. */
export function expectSpans(result: ParseResult): readonly Span[] {
  const traces = expectTraces(result);
  assert.equal(traces.length, 1, 'one trace');
  return traces[0]!.spans;
}

export function expectFailure(result: ParseResult): ParseFailure {
  if (result.ok) assert.fail('expected the parse to fail');
  return result;
}

/** The span with this id (first one), failing the test when there is none. */
export function spanById(spans: readonly Span[], spanId: string): Span {
  const span = spans.find((s) => s.spanId === spanId);
  if (span === undefined) assert.fail(`no span ${spanId}`);
  return span;
}

/** `{key: value}` of a list of attributes, for compact assertions. */
export function attributeMap(attributes: readonly { key: string; value: unknown }[]): Record<string, unknown> {
  return Object.fromEntries(attributes.map((a) => [a.key, a.value]));
}
