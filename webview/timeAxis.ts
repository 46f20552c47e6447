/**
 * The time axis above the rows: tick labels at "nice" offsets from the trace start, positioned by
 * percentage so the axis needs no re-layout when the panel is resized.
 */
import { timeTicks, type TimeTick } from '../src/core/waterfallLayout';
import { el } from './dom';

/** About this many intervals across the axis: readable in a narrow panel, useful in a wide one. */
const TARGET_TICK_COUNT = 5;

export interface TimeAxis {
  readonly element: HTMLElement;
  /** Distance between ticks, percent of the trace duration (for the grid lines behind the bars). */
  readonly tickStepPercent: number;
}

export function createTimeAxis(traceDurationUs: number): TimeAxis {
  const ticks = timeTicks(traceDurationUs, TARGET_TICK_COUNT);
  const axis = el('div', 'tl-axis');
  axis.setAttribute('aria-hidden', 'true');
  axis.appendChild(el('div', 'tl-axis-label', 'Service and operation'));
  const scale = el('div', 'tl-axis-scale');
  ticks.forEach((tick, index) => scale.appendChild(tickElement(tick, index === ticks.length - 1)));
  axis.appendChild(scale);
  const second = ticks[1];
  return { element: axis, tickStepPercent: second ? second.percent : 100 };
}

function tickElement(tick: TimeTick, isLast: boolean): HTMLElement {
  const element = el('div', 'tl-tick', tick.label);
  element.style.left = `${tick.percent}%`;
  // Labels sit right of their tick; one too close to the right edge is drawn to the left instead.
  if (isLast && tick.percent > 90) element.classList.add('tl-tick-end');
  return element;
}
