/**
 * The panel header: trace title and summary, the trace warnings in a collapsible banner, and the toolbar.
 * Hooks: `.tl-title`, `.tl-trace-id`, `.tl-warnings` (a `<details>`), `#tl-expand-all`, `#tl-collapse-all`,
 * `.tl-row-count`. The other controls (find, filters, view options) come from their own files.
 */
import type { TraceViewModel } from '../src/protocol/traceView';
import { formatDurationUs } from '../src/core/waterfallLayout';
import { append, el, icon } from './dom';

export interface HeaderActions {
  readonly onExpandAll: () => void;
  readonly onCollapseAll: () => void;
}

export interface Header {
  readonly element: HTMLElement;
  /** Updates "Showing N of M spans" after expanding, collapsing or filtering. */
  setVisibleRowCount(visible: number, hiddenByFilter?: number): void;
}

/** `rows`: further toolbar rows (find, filters, view options) placed under the first one. */
export function createHeader(view: TraceViewModel, actions: HeaderActions, controls: readonly Node[] = [], rows: readonly Node[] = []): Header {
  const spanCount = view.spans.parent.length;
  const header = el('header', 'tl-header');
  header.appendChild(el('h1', 'tl-title', view.title));

  const facts = el('dl', 'tl-facts');
  const fact = (term: string, value: string, className: string): void => {
    const group = el('div', 'tl-fact');
    append(group, el('dt', undefined, term), el('dd', className, value));
    facts.appendChild(group);
  };
  fact('Trace ID', view.traceId, 'tl-trace-id');
  fact('Spans', String(spanCount), 'tl-span-count');
  fact('Duration', formatDurationUs(view.durationUs), 'tl-trace-duration');
  fact('Started', formatStart(view.startUs), 'tl-trace-start');
  fact(view.services.length === 1 ? 'Service' : `Services (${view.services.length})`, view.services.join(', '), 'tl-services');
  header.appendChild(facts);

  if (view.warnings.length > 0) header.appendChild(createWarningsBanner(view.warnings));

  const toolbar = el('div', 'tl-toolbar');
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Waterfall');
  const expandAll = el('button', 'tl-button', 'Expand all');
  expandAll.id = 'tl-expand-all';
  expandAll.type = 'button';
  expandAll.addEventListener('click', actions.onExpandAll);
  const collapseAll = el('button', 'tl-button', 'Collapse all');
  collapseAll.id = 'tl-collapse-all';
  collapseAll.type = 'button';
  collapseAll.addEventListener('click', actions.onCollapseAll);
  const rowCount = el('span', 'tl-row-count');
  rowCount.setAttribute('aria-live', 'polite');
  append(toolbar, expandAll, collapseAll, ...controls, rowCount);
  header.appendChild(toolbar);
  for (const row of rows) header.appendChild(row);

  return {
    element: header,
    setVisibleRowCount: (visible, hiddenByFilter = 0) => {
      const base = visible === spanCount ? `${spanCount} spans` : `Showing ${visible} of ${spanCount} spans`;
      rowCount.textContent = hiddenByFilter > 0 ? `${base} (${hiddenByFilter} hidden by filters)` : base;
    },
  };
}

function createWarningsBanner(warnings: readonly string[]): HTMLElement {
  const banner = el('details', 'tl-warnings');
  const summary = el('summary', 'tl-warnings-summary');
  summary.append(
    icon('warning', 'tl-warning-icon'),
    el('span', undefined, warnings.length === 1 ? '1 warning about this trace' : `${warnings.length} warnings about this trace`),
  );
  const list = el('ul', 'tl-warnings-list');
  for (const warning of warnings) list.appendChild(el('li', 'tl-warning', warning));
  append(banner, summary, list);
  return banner;
}

/** The trace start as local date and time with milliseconds; µs since the epoch in. */
function formatStart(startUs: number): string {
  const date = new Date(Math.floor(startUs / 1000));
  if (Number.isNaN(date.getTime())) return String(startUs);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
  );
}
