/**
 * Clock skew detection and adjustment, after Jaeger's clock-skew adjuster (model/adjuster/clockskew.go):
 * a span from another host that does not fit inside its parent (starts before it or ends after it) while
 * being no longer than the parent can only be explained by the two hosts' clocks disagreeing. It is moved
 * to the middle of its parent (the network latency split evenly both ways), and its descendants on the same
 * host move with it. A child longer than its parent is asynchronous work, not skew: left alone.
 *
 * The view model has no host column, so the service stands for the host: two services are assumed to run
 * on different machines, spans of one service on the same one.
 */
import type { SpanColumns } from '../protocol/traceView';

export interface ClockSkewAdjustment {
  /** Microseconds from the (raw) trace start; what the bars use in "adjusted" mode. */
  readonly startOffsetUs: Float64Array;
  /** `deltaUs[i]`: how far span i was moved, microseconds (0 = not moved). */
  readonly deltaUs: Float64Array;
  /** Spans whose own skew was corrected (not those only carried along by an adjusted ancestor). */
  readonly skewed: readonly number[];
  /** The adjusted trace's extent, microseconds from the raw trace start (the start may become negative). */
  readonly minStartUs: number;
  readonly maxEndUs: number;
}

/** Linear: display order puts every parent before its children, so one forward pass adjusts top-down. */
export function adjustClockSkew(spans: Pick<SpanColumns, 'parent' | 'serviceIndex' | 'startOffsetUs' | 'durationUs'>): ClockSkewAdjustment {
  const count = spans.parent.length;
  const start = Float64Array.from(spans.startOffsetUs);
  const deltaUs = new Float64Array(count);
  const skewed: number[] = [];
  let minStartUs = count > 0 ? Infinity : 0;
  let maxEndUs = count > 0 ? -Infinity : 0;
  for (let i = 0; i < count; i++) {
    const p = spans.parent[i]!;
    if (p >= 0) {
      // Same host: inherit the parent's correction. Another host: measure against the adjusted parent.
      let delta = deltaUs[p]!;
      if (spans.serviceIndex[i] !== spans.serviceIndex[p]) delta = skewDelta(start[p]!, spans.durationUs[p]!, spans.startOffsetUs[i]!, spans.durationUs[i]!);
      if (delta !== 0 && spans.serviceIndex[i] !== spans.serviceIndex[p]) skewed.push(i);
      deltaUs[i] = delta;
      start[i] = spans.startOffsetUs[i]! + delta;
    }
    minStartUs = Math.min(minStartUs, start[i]!);
    maxEndUs = Math.max(maxEndUs, start[i]! + spans.durationUs[i]!);
  }
  return { startOffsetUs: start, deltaUs, skewed, minStartUs, maxEndUs };
}

/** The correction (µs) for a child of another host, 0 when it fits its parent or is longer than it. */
export function skewDelta(parentStartUs: number, parentDurationUs: number, childStartUs: number, childDurationUs: number): number {
  if (childDurationUs > parentDurationUs) return 0;
  const fits = childStartUs >= parentStartUs && childStartUs + childDurationUs <= parentStartUs + parentDurationUs;
  if (fits) return 0;
  const latency = Math.floor((parentDurationUs - childDurationUs) / 2);
  return parentStartUs + latency - childStartUs;
}
