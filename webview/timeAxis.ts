/**
 * The time axis above the rows: tick labels at "nice" offsets from the trace start inside the zoom window,
 * positioned by percentage so the axis needs no re-layout when the panel is resized. Its left cell holds
 * the handle that resizes the name column.
 */
import { windowTicks, type TimeTick } from '../src/core/waterfallLayout';
import { el } from './dom';

/** About this many intervals across the axis: readable in a narrow panel, useful in a wide one. */
const TARGET_TICK_COUNT = 5;

export interface TimeAxis {
  readonly element: HTMLElement;
  /** Distance between ticks, percent of the window (for the grid lines behind the bars). */
  readonly tickStepPercent: number;
  /** Where the first tick sits, percent of the window. */
  readonly firstTickPercent: number;
}

/**
 * @param windowStartUs, windowEndUs the zoom window, microseconds from the trace start.
 * @param onNameWidth the user dragged the column divider to this share (percent) of the tree's width.
 */
export function createTimeAxis(windowStartUs: number, windowEndUs: number, onNameWidth: (percent: number) => void): TimeAxis {
  const ticks = windowTicks(windowStartUs, windowEndUs, TARGET_TICK_COUNT);
  const axis = el('div', 'tl-axis');
  const label = el('div', 'tl-axis-label', 'Service and operation');
  label.setAttribute('aria-hidden', 'true');
  const resizer = el('div', 'tl-column-resizer');
  resizer.setAttribute('role', 'separator');
  resizer.setAttribute('aria-orientation', 'vertical');
  resizer.setAttribute('aria-label', 'Resize the name column');
  resizer.title = 'Drag to resize the name column';
  resizer.addEventListener('pointerdown', (event) => {
    const tree = axis.parentElement;
    if (!tree) return;
    event.preventDefault();
    resizer.setPointerCapture(event.pointerId);
    const move = (moved: PointerEvent): void => {
      const box = tree.getBoundingClientRect();
      if (box.width > 0) onNameWidth(((moved.clientX - box.left) / box.width) * 100);
    };
    const stop = (): void => {
      resizer.removeEventListener('pointermove', move);
      resizer.removeEventListener('pointerup', stop);
    };
    resizer.addEventListener('pointermove', move);
    resizer.addEventListener('pointerup', stop);
  });
  const scale = el('div', 'tl-axis-scale');
  scale.setAttribute('aria-hidden', 'true');
  ticks.forEach((tick, index) => scale.appendChild(tickElement(tick, index === ticks.length - 1)));
  axis.append(label, resizer, scale);
  const first = ticks[0];
  const second = ticks[1];
  return {
    element: axis,
    tickStepPercent: first && second ? second.percent - first.percent : 100,
    firstTickPercent: first ? first.percent : 0,
  };
}

function tickElement(tick: TimeTick, isLast: boolean): HTMLElement {
  const element = el('div', 'tl-tick', tick.label);
  element.style.left = `${tick.percent}%`;
  // Labels sit right of their tick; one too close to the right edge is drawn to the left instead.
  if (isLast && tick.percent > 90) element.classList.add('tl-tick-end');
  return element;
}
