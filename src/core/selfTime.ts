/**
 * Self time: the part of a span's duration not covered by any of its children (clipped to the span), i.e.
 * the time the span spent in its own code. Overlapping children count once. Linear in the span count:
 * children arrive in display order, sorted by start, so a running "covered until" per parent is enough.
 */
import type { SpanColumns } from '../protocol/traceView';

/** `result[i]`: microseconds of span i's own work (0..durationUs). */
export function selfTimes(
  spans: Pick<SpanColumns, 'parent' | 'durationUs' | 'startOffsetUs'>,
  startOffsetUs: ArrayLike<number> = spans.startOffsetUs,
): Float64Array {
  const count = spans.parent.length;
  const covered = new Float64Array(count);
  const coveredUntil = new Float64Array(count).fill(-Infinity);
  for (let i = 0; i < count; i++) {
    const p = spans.parent[i]!;
    if (p < 0) continue;
    const parentStart = startOffsetUs[p]!;
    const parentEnd = parentStart + spans.durationUs[p]!;
    const from = Math.max(startOffsetUs[i]!, parentStart, coveredUntil[p]!);
    const to = Math.min(startOffsetUs[i]! + spans.durationUs[i]!, parentEnd);
    if (to > from) {
      covered[p]! += to - from;
      coveredUntil[p] = to;
    }
  }
  const self = new Float64Array(count);
  for (let i = 0; i < count; i++) self[i] = Math.max(0, spans.durationUs[i]! - covered[i]!);
  return self;
}
