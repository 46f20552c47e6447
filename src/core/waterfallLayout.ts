/**
 * Waterfall layout math, kept free of the DOM so it can be unit-tested: which rows are visible under a set
 * of collapsed spans, where a span's bar sits on the time axis, the axis ticks, and duration text.
 *
 * Row numbers here are display indices (see {@link TraceViewModel}): depth-first order, a parent before
 * its children, so one forward pass over the `parent` column answers "is any ancestor collapsed?".
 */
import type { SpanColumns } from '../protocol/traceView';

/** Collapsed spans by display index: a set, or a byte per span (non-zero = collapsed). */
export type CollapsedSpans = ReadonlySet<number> | Uint8Array;

function isCollapsed(collapsed: CollapsedSpans, displayIndex: number): boolean {
  return collapsed instanceof Uint8Array ? (collapsed[displayIndex] ?? 0) !== 0 : collapsed.has(displayIndex);
}

/**
 * The display indices of the rows shown when the spans in `collapsed` have their children hidden, in order.
 * Linear in the span count.
 */
export function visibleRows(spans: Pick<SpanColumns, 'parent'>, collapsed: CollapsedSpans): Int32Array {
  const count = spans.parent.length;
  // hidesChildren[i]: span i is collapsed or itself hidden, so its children are not shown.
  const hidesChildren = new Uint8Array(count);
  const rows = new Int32Array(count);
  let rowCount = 0;
  for (let i = 0; i < count; i++) {
    const parent = spans.parent[i]!;
    const hidden = parent >= 0 && hidesChildren[parent] === 1;
    if (!hidden) rows[rowCount++] = i;
    hidesChildren[i] = hidden || isCollapsed(collapsed, i) ? 1 : 0;
  }
  return rows.subarray(0, rowCount);
}

/** `result[i]`: how many direct children span i has. Linear. */
export function childCounts(spans: Pick<SpanColumns, 'parent'>): Int32Array {
  const counts = new Int32Array(spans.parent.length);
  for (const parent of spans.parent) {
    if (parent >= 0) counts[parent]!++;
  }
  return counts;
}

/** The display indices of every span that has children: what "Collapse all" collapses. */
export function spansWithChildren(spans: Pick<SpanColumns, 'parent'>): number[] {
  const counts = childCounts(spans);
  const result: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) result.push(i);
  return result;
}

/** Where a bar sits, in percent (0..100) of the trace duration. */
export interface BarPosition {
  readonly leftPercent: number;
  readonly widthPercent: number;
}

/**
 * The bar of a span that starts `startOffsetUs` after the trace start and lasts `durationUs`, on an axis
 * `traceDurationUs` long. Clamped to the axis; a zero-length trace puts everything at 0 with zero width.
 */
export function barPosition(startOffsetUs: number, durationUs: number, traceDurationUs: number): BarPosition {
  if (!(traceDurationUs > 0)) return { leftPercent: 0, widthPercent: 0 };
  const left = clamp((startOffsetUs / traceDurationUs) * 100, 0, 100);
  const right = clamp(((startOffsetUs + durationUs) / traceDurationUs) * 100, left, 100);
  return { leftPercent: left, widthPercent: right - left };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** One labelled tick of the time axis. */
export interface TimeTick {
  /** Microseconds from the trace start. */
  readonly offsetUs: number;
  /** Position on the axis, percent (0..100) of the trace duration. */
  readonly percent: number;
  readonly label: string;
}

/**
 * "Nice" ticks (1, 2 or 5 × 10^k µs apart) from 0 to at most `traceDurationUs`, about `targetCount`
 * intervals. A trace of 0 or 1 µs still gets its 0 tick.
 */
export function timeTicks(traceDurationUs: number, targetCount = 5): TimeTick[] {
  const duration = Math.max(0, traceDurationUs);
  const step = niceStep(duration / Math.max(1, targetCount));
  const ticks: TimeTick[] = [];
  for (let index = 0; index * step <= duration; index++) {
    const offsetUs = index * step;
    ticks.push({ offsetUs, percent: duration > 0 ? (offsetUs / duration) * 100 : 0, label: formatDurationUs(offsetUs) });
  }
  return ticks;
}

/** The smallest of 1, 2, 5 × 10^k that is >= `rough`, and at least 1 µs (times are whole microseconds). */
function niceStep(rough: number): number {
  if (!(rough > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const multiple of [1, 2, 5, 10]) {
    if (multiple * power >= rough) return multiple * power;
  }
  return 10 * power;
}

const UNITS = [
  { suffix: 'µs', perUnit: 1 },
  { suffix: 'ms', perUnit: 1_000 },
  { suffix: 's', perUnit: 1_000_000 },
] as const;

/**
 * A duration in microseconds as short text with at most 3 significant digits:
 * 0 → "0 µs", 750 → "750 µs", 1500 → "1.5 ms", 250000 → "250 ms", 1500000 → "1.5 s",
 * 90000000 → "1 min 30 s", 5400000000 → "1 h 30 min".
 */
export function formatDurationUs(durationUs: number): string {
  const sign = durationUs < 0 ? '-' : '';
  const us = Math.abs(durationUs);
  if (us >= 60_000_000) return sign + formatLong(us);
  for (let unitIndex = 0; unitIndex < UNITS.length; unitIndex++) {
    const unit = UNITS[unitIndex]!;
    const rounded = roundSignificant(us / unit.perUnit);
    // 999.7 ms rounds to 1000 ms: say "1 s" instead.
    if (rounded < 1000 || unitIndex === UNITS.length - 1) return `${sign}${rounded} ${unit.suffix}`;
  }
  return `${sign}${us} µs`;
}

function formatLong(us: number): string {
  const totalSeconds = Math.round(us / 1_000_000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** Rounds to 3 significant digits but never drops integer digits (1234 stays 1234). */
function roundSignificant(value: number): number {
  if (value >= 100) return Math.round(value);
  if (value >= 10) return Math.round(value * 10) / 10;
  return Math.round(value * 100) / 100;
}

/**
 * Ticks for a zoomed view: "nice" offsets (µs from the trace start) inside `[windowStartUs, windowEndUs]`,
 * with positions in percent of the window. Labels stay relative to the trace start, as in Jaeger UI.
 */
export function windowTicks(windowStartUs: number, windowEndUs: number, targetCount = 5): TimeTick[] {
  const length = windowEndUs - windowStartUs;
  if (!(length > 0)) return [{ offsetUs: windowStartUs, percent: 0, label: formatDurationUs(windowStartUs) }];
  const step = niceStep(length / Math.max(1, targetCount));
  const ticks: TimeTick[] = [];
  for (let offsetUs = Math.ceil(windowStartUs / step) * step; offsetUs <= windowEndUs; offsetUs += step) {
    ticks.push({ offsetUs, percent: ((offsetUs - windowStartUs) / length) * 100, label: formatDurationUs(offsetUs) });
  }
  return ticks;
}

/** A zoom window as fractions (0..1) of the whole time range; `{ from: 0, to: 1 }` is not zoomed. */
export interface ZoomWindow {
  readonly from: number;
  readonly to: number;
}

export const FULL_ZOOM: ZoomWindow = { from: 0, to: 1 };

/** The narrowest window allowed, as a fraction of the trace (so a zoomed view never becomes empty). */
export const MIN_ZOOM_SPAN = 1e-6;

/** Clamps a window into 0..1 keeping its width where possible; swaps reversed ends. */
export function clampZoom(window: ZoomWindow): ZoomWindow {
  let from = Math.min(window.from, window.to);
  let to = Math.max(window.from, window.to);
  const width = clamp(to - from, MIN_ZOOM_SPAN, 1);
  from = clamp(from, 0, 1 - width);
  to = from + width;
  return { from, to };
}

/**
 * Zooms by `factor` (< 1 zooms in, > 1 out) around `anchor`, a fraction (0..1) of the current window that
 * stays put on screen (the mouse position for the wheel, the middle for the keyboard).
 */
export function zoomAround(window: ZoomWindow, factor: number, anchor = 0.5): ZoomWindow {
  const width = window.to - window.from;
  const pivot = window.from + width * clamp(anchor, 0, 1);
  const newWidth = clamp(width * factor, MIN_ZOOM_SPAN, 1);
  return clampZoom({ from: pivot - newWidth * anchor, to: pivot - newWidth * anchor + newWidth });
}

/** Where the duration text goes relative to its bar, all in percent of the timeline width. */
export type DurationLabelPlacement =
  | { readonly side: 'after'; readonly leftPercent: number }
  | { readonly side: 'before'; readonly rightPercent: number }
  | { readonly side: 'inside'; readonly rightPercent: number };

/**
 * After the bar when there is room to its right, else before it when there is room to its left, else
 * inside it at its right end (a bar spanning the whole width), so the text never covers the bar's start.
 */
export function durationLabelPlacement(bar: BarPosition, roomPercent = 25): DurationLabelPlacement {
  const end = bar.leftPercent + bar.widthPercent;
  if (end <= 100 - roomPercent) return { side: 'after', leftPercent: end };
  if (bar.leftPercent >= roomPercent) return { side: 'before', rightPercent: 100 - bar.leftPercent };
  return { side: 'inside', rightPercent: 100 - end };
}
