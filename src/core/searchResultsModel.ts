/**
 * The search results as the Traces view shows them: sorted rows, and the duration-over-time scatter
 * (x: trace start, y: duration, dot area: span count, errors drawn last so they stay visible), as Jaeger UI
 * and Kiali draw it. Pure math with `d3-scale`; the webview only turns the positions into SVG.
 */
import { scaleLinear, scaleSqrt, scaleTime, scaleUtc } from 'd3-scale';
import type { SearchResultRow, SortKey } from '../protocol/searchMessages';
import { formatDurationUs } from './waterfallLayout';

/** Sort choices, in the order the view lists them. */
export const SORT_LABELS: { readonly [K in SortKey]: string } = {
  recent: 'Most recent',
  oldest: 'Oldest first',
  longest: 'Longest first',
  shortest: 'Shortest first',
  mostSpans: 'Most spans',
  mostErrors: 'Most errors',
};

type Compare = (a: SearchResultRow, b: SearchResultRow) => number;

/** Unknown counts (Tempo) sort after every known one. */
const count = (value: number | undefined): number => value ?? -1;

const COMPARE: { readonly [K in SortKey]: Compare } = {
  recent: (a, b) => b.startUs - a.startUs,
  oldest: (a, b) => a.startUs - b.startUs,
  longest: (a, b) => b.durationUs - a.durationUs,
  shortest: (a, b) => a.durationUs - b.durationUs,
  mostSpans: (a, b) => count(b.spanCount) - count(a.spanCount),
  mostErrors: (a, b) => count(b.errorCount) - count(a.errorCount),
};

/** A sorted copy. Ties keep a fixed order (newest first, then trace id) so the list never jumps. */
export function sortRows(rows: readonly SearchResultRow[], key: SortKey): SearchResultRow[] {
  const compare = COMPARE[key];
  return [...rows].sort((a, b) => compare(a, b) || b.startUs - a.startUs || (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0));
}

/**
 * The rows the view receives, from the backends' hit summaries (which have the same fields, and may have
 * more): only the row's fields are copied, so no backend data the view does not show crosses the bridge.
 */
export function searchResultRows(summaries: readonly SearchResultRow[], errorsOnly: boolean): SearchResultRow[] {
  const rows = summaries.map((summary): SearchResultRow => ({
    traceId: summary.traceId,
    startUs: summary.startUs,
    durationUs: summary.durationUs,
    rootService: summary.rootService,
    rootOperation: summary.rootOperation,
    ...(summary.spanCount === undefined ? {} : { spanCount: summary.spanCount }),
    ...(summary.errorCount === undefined ? {} : { errorCount: summary.errorCount }),
    services: summary.services,
  }));
  return errorsOnly ? keepErrorTraces(rows) : rows;
}

/**
 * Keeps the traces with at least one failed span. Traces whose error count is unknown are kept: the
 * backend was already asked for `error=true`, and dropping them would hide matches.
 */
export function keepErrorTraces(rows: readonly SearchResultRow[]): SearchResultRow[] {
  return rows.filter((row) => row.errorCount === undefined || row.errorCount > 0);
}

/** Pixels of the SVG drawing area. */
export interface ScatterSize {
  readonly width: number;
  readonly height: number;
}

export interface ScatterPoint {
  readonly traceId: string;
  /** Pixels from the left and top of the SVG. */
  readonly x: number;
  readonly y: number;
  /** Radius in pixels. */
  readonly r: number;
  readonly error: boolean;
  /** e.g. "frontend: GET /dispatch, 1.2 ms, 12 spans": the point's tooltip and accessible name. */
  readonly label: string;
}

export interface AxisTick {
  /** Pixels along the axis (x for the time axis, y for the duration axis). */
  readonly position: number;
  readonly label: string;
}

export interface ScatterLayout {
  /** Non-error points first, then error points, so that red is drawn on top. */
  readonly points: readonly ScatterPoint[];
  readonly timeTicks: readonly AxisTick[];
  readonly durationTicks: readonly AxisTick[];
  /** The plot area inside the axes' margins, in pixels. */
  readonly plot: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number };
}

/** Room for the duration labels on the left and the time labels below, in pixels. */
const MARGIN = { left: 52, top: 10, right: 12, bottom: 22 };
/** Dot radii in pixels for the smallest and the largest span count. */
const RADIUS_RANGE: readonly [number, number] = [3, 9];
const RADIUS_UNKNOWN = 4;
/** Room above the longest trace, as a fraction of its duration, so its dot is not cut off at the top. */
const HEADROOM = 0.08;
/** A single trace, or traces at one instant, still get a readable time axis: ±1 minute (ms). */
const SINGLE_INSTANT_PADDING_MS = 60_000;

/** Positions every row in the scatter. `timeZone` picks the labels' clock: the user's, or UTC (tests). */
export function scatterLayout(rows: readonly SearchResultRow[], size: ScatterSize, timeZone: 'local' | 'utc' = 'local'): ScatterLayout {
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    right: Math.max(MARGIN.left + 2 * RADIUS_RANGE[1] + 1, size.width - MARGIN.right),
    bottom: Math.max(MARGIN.top + 1, size.height - MARGIN.bottom),
  };
  let minMs = Infinity;
  let maxMs = -Infinity;
  let maxDurationUs = 0;
  let maxSpans = 0;
  for (const row of rows) {
    minMs = Math.min(minMs, row.startUs / 1000);
    maxMs = Math.max(maxMs, row.startUs / 1000);
    maxDurationUs = Math.max(maxDurationUs, row.durationUs);
    maxSpans = Math.max(maxSpans, row.spanCount ?? 0);
  }
  if (rows.length === 0) minMs = maxMs = Date.UTC(2000, 0, 1);
  if (minMs === maxMs) {
    minMs -= SINGLE_INSTANT_PADDING_MS;
    maxMs += SINGLE_INSTANT_PADDING_MS;
  }
  // Dots are inset by the largest radius so that none is cut by the plot's edge or hides an axis.
  const inset = RADIUS_RANGE[1];
  const x = (timeZone === 'utc' ? scaleUtc() : scaleTime()).domain([new Date(minMs), new Date(maxMs)]).range([plot.left + inset, plot.right - inset]);
  const y = scaleLinear().domain([0, Math.max(1, maxDurationUs * (1 + HEADROOM))]).range([plot.bottom, plot.top]).nice(5);
  const r = scaleSqrt().domain([0, Math.max(1, maxSpans)]).range(RADIUS_RANGE);

  const point = (row: SearchResultRow): ScatterPoint => ({
    traceId: row.traceId,
    x: x(new Date(row.startUs / 1000)),
    y: y(row.durationUs),
    r: row.spanCount === undefined ? RADIUS_UNKNOWN : r(row.spanCount),
    error: (row.errorCount ?? 0) > 0,
    label: pointLabel(row),
  });
  const points = rows.map(point);
  const timeFormat = x.tickFormat();
  return {
    points: [...points.filter((p) => !p.error), ...points.filter((p) => p.error)],
    timeTicks: x.ticks(tickCount(plot.right - plot.left, 90)).map((tick) => ({ position: x(tick), label: timeFormat(tick) })),
    durationTicks: y.ticks(tickCount(plot.bottom - plot.top, 28)).map((tick) => ({ position: y(tick), label: formatDurationUs(tick) })),
    plot,
  };
}

/** How many ticks fit when each label needs `spacing` pixels; at least 2. */
function tickCount(lengthPx: number, spacing: number): number {
  return Math.max(2, Math.floor(lengthPx / spacing));
}

function pointLabel(row: SearchResultRow): string {
  const parts = [`${row.rootService}: ${row.rootOperation}`, formatDurationUs(row.durationUs)];
  if (row.spanCount !== undefined) parts.push(`${row.spanCount} span${row.spanCount === 1 ? '' : 's'}`);
  if ((row.errorCount ?? 0) > 0) parts.push(`${row.errorCount} error${row.errorCount === 1 ? '' : 's'}`);
  return parts.join(', ');
}
