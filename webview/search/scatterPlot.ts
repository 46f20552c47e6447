/**
 * The duration-over-time scatter of the results, as SVG from the pure layout in core: axes with tick
 * labels, one circle per trace, errors in the theme's error colour (and drawn on top). Text from the data
 * goes into `<title>` elements as text only. Clicking a dot opens its trace; the list below is the keyboard
 * path to the same traces. Hooks: `.tl-scatter`, `.tl-dot`, `.tl-dot-error`.
 */
import { scatterLayout } from '../../src/core/searchResultsModel';
import type { SearchResultRow } from '../../src/protocol/searchMessages';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Pixels; the width follows the view. */
const HEIGHT_PX = 150;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, className?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (className !== undefined) element.setAttribute('class', className);
  return element;
}

export interface ScatterPlot {
  readonly element: HTMLElement;
  show(rows: readonly SearchResultRow[]): void;
}

export function createScatterPlot(onOpen: (traceId: string) => void): ScatterPlot {
  const container = document.createElement('div');
  container.className = 'tl-scatter-container';
  let rows: readonly SearchResultRow[] = [];

  const draw = (): void => {
    const width = Math.max(160, container.clientWidth);
    const layout = scatterLayout(rows, { width, height: HEIGHT_PX });
    const root = svg('svg', { width, height: HEIGHT_PX, viewBox: `0 0 ${width} ${HEIGHT_PX}`, role: 'img', 'aria-label': `Duration over time of ${rows.length} traces; errors in red` }, 'tl-scatter');
    const { plot } = layout;
    root.appendChild(svg('line', { x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom }, 'tl-axis'));
    root.appendChild(svg('line', { x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom }, 'tl-axis'));
    for (const tick of layout.durationTicks) {
      root.appendChild(svg('line', { x1: plot.left, y1: tick.position, x2: plot.right, y2: tick.position }, 'tl-grid'));
      const label = svg('text', { x: plot.left - 4, y: tick.position, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, 'tl-tick');
      label.textContent = tick.label;
      root.appendChild(label);
    }
    for (const tick of layout.timeTicks) {
      const label = svg('text', { x: tick.position, y: plot.bottom + 14, 'text-anchor': 'middle' }, 'tl-tick');
      label.textContent = tick.label;
      root.appendChild(label);
    }
    for (const point of layout.points) {
      const dot = svg('circle', { cx: point.x, cy: point.y, r: point.r, 'data-trace-id': point.traceId }, point.error ? 'tl-dot tl-dot-error' : 'tl-dot');
      const title = svg('title', {});
      title.textContent = point.label;
      dot.appendChild(title);
      root.appendChild(dot);
    }
    container.replaceChildren(root);
  };

  container.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('circle') : null;
    const traceId = target?.getAttribute('data-trace-id');
    if (traceId) onOpen(traceId);
  });
  // Redraw when the view is resized: an event, not polling.
  new ResizeObserver(() => {
    if (rows.length > 0) draw();
  }).observe(container);

  return {
    element: container,
    show: (next) => {
      rows = next;
      container.hidden = next.length === 0;
      if (next.length > 0) draw();
    },
  };
}
