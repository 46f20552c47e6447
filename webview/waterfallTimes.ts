/**
 * The time side of the waterfall: raw or clock-skew-adjusted starts, the zoom window, self times and the
 * critical path. Derived data is computed lazily and dropped when the time mode changes.
 */
import type { SpanColumns } from '../src/protocol/traceView';
import { adjustClockSkew, type ClockSkewAdjustment } from '../src/core/clockSkew';
import { criticalPath, type CriticalSegment } from '../src/core/criticalPath';
import { selfTimes } from '../src/core/selfTime';
import { clampZoom, FULL_ZOOM, type ZoomWindow } from '../src/core/waterfallLayout';

export class WaterfallTimes {
  /** Clock-skew correction, computed once (linear); shown only when the user asks. */
  readonly skew: ClockSkewAdjustment;
  private readonly skewedSpans: Set<number>;
  private adjusted = false;
  private selfTime: Float64Array | undefined;
  private critical: Map<number, CriticalSegment[]> | undefined;
  private showCritical = false;
  private zoomWindow: ZoomWindow = FULL_ZOOM;

  /** @param traceDurationUs the raw trace duration (the view model's `durationUs`). */
  constructor(private readonly spans: SpanColumns, private readonly traceDurationUs: number) {
    this.skew = adjustClockSkew(spans);
    this.skewedSpans = new Set(this.skew.skewed);
  }

  get skewAdjusted(): boolean {
    return this.adjusted;
  }

  /** Switches raw/adjusted times; adjusted only when there is skew to correct. */
  setSkewAdjusted(adjusted: boolean): void {
    this.adjusted = adjusted && this.skew.skewed.length > 0;
    this.selfTime = undefined;
    this.critical = undefined;
  }

  /** Span `displayIndex` was moved by the clock-skew adjustment (and adjusted times are shown). */
  isShownAdjusted(displayIndex: number): boolean {
    return this.adjusted && this.skewedSpans.has(displayIndex);
  }

  get criticalPathShown(): boolean {
    return this.showCritical;
  }

  setCriticalPath(show: boolean): void {
    this.showCritical = show;
    this.critical = undefined;
  }

  get zoom(): ZoomWindow {
    return this.zoomWindow;
  }

  set zoom(window: ZoomWindow) {
    this.zoomWindow = clampZoom(window);
  }

  /** The time range (µs from the trace start) that zoom fractions refer to: the raw or adjusted extent. */
  timeDomain(): { readonly startUs: number; readonly endUs: number } {
    return this.adjusted ? { startUs: this.skew.minStartUs, endUs: this.skew.maxEndUs } : { startUs: 0, endUs: this.traceDurationUs };
  }

  /** The zoom window in microseconds from the trace start. */
  window(): { readonly startUs: number; readonly lengthUs: number } {
    const { startUs, endUs } = this.timeDomain();
    const length = endUs - startUs;
    return { startUs: startUs + this.zoomWindow.from * length, lengthUs: (this.zoomWindow.to - this.zoomWindow.from) * length };
  }

  /** Bar start (µs from the trace start) in the mode shown. */
  startOf(displayIndex: number): number {
    return this.adjusted ? this.skew.startOffsetUs[displayIndex]! : this.spans.startOffsetUs[displayIndex]!;
  }

  private starts(): ArrayLike<number> {
    return this.adjusted ? this.skew.startOffsetUs : this.spans.startOffsetUs;
  }

  /** Self times of every span (µs), in the mode shown. */
  allSelfTimes(): Float64Array {
    this.selfTime ??= selfTimes(this.spans, this.starts());
    return this.selfTime;
  }

  selfTimeUs(displayIndex: number): number {
    return this.allSelfTimes()[displayIndex] ?? 0;
  }

  /** The span's stretches on the critical path, when the path is shown and the span is on it. */
  criticalSegments(displayIndex: number): readonly CriticalSegment[] | undefined {
    if (!this.showCritical) return undefined;
    if (!this.critical) {
      this.critical = new Map();
      for (const segment of criticalPath(this.spans, this.starts()).segments) {
        const list = this.critical.get(segment.spanIndex);
        if (list) list.push(segment);
        else this.critical.set(segment.spanIndex, [segment]);
      }
    }
    return this.critical.get(displayIndex);
  }
}
