/**
 * The results list: a sort menu and one row per trace (root service and operation, duration, start time,
 * span and error counts, services). Each row is a button that opens the waterfall, with a second button for
 * the backend's web UI. All data is set as text. Hooks: `#tl-sort`, `.tl-result`, `.tl-result-open`,
 * `.tl-result-browser`, `.tl-result-errors`.
 */
import { SORT_LABELS, sortRows } from '../../src/core/searchResultsModel';
import { formatDurationUs } from '../../src/core/waterfallLayout';
import type { SearchResultRow, SortKey } from '../../src/protocol/searchMessages';
import { el } from '../dom';

export interface ResultsActions {
  readonly onOpen: (traceId: string) => void;
  readonly onOpenInBrowser: (traceId: string) => void;
  readonly onSortChanged: (sort: SortKey) => void;
}

export interface ResultsList {
  readonly element: HTMLElement;
  show(rows: readonly SearchResultRow[], summary: string): void;
  showMessage(text: string, isError: boolean): void;
}

export function createResultsList(initialSort: SortKey, actions: ResultsActions): ResultsList {
  const section = el('section', 'tl-results');
  section.setAttribute('aria-label', 'Search results');
  const header = el('div', 'tl-results-header');
  const summary = el('p', 'tl-results-summary');
  summary.setAttribute('role', 'status');
  const sort = Object.assign(el('select'), { id: 'tl-sort' });
  sort.setAttribute('aria-label', 'Sort results');
  for (const [key, label] of Object.entries(SORT_LABELS)) sort.appendChild(Object.assign(el('option', undefined, label), { value: key }));
  sort.value = initialSort;
  header.append(summary, sort);
  const list = el('ul', 'tl-result-list');
  section.append(header, list);
  let rows: readonly SearchResultRow[] = [];

  const render = (): void => {
    list.replaceChildren(...sortRows(rows, sort.value as SortKey).map((row) => renderRow(row, actions)));
  };
  sort.addEventListener('change', () => {
    actions.onSortChanged(sort.value as SortKey);
    render();
  });

  return {
    element: section,
    show: (next, text) => {
      rows = next;
      summary.textContent = text;
      summary.classList.remove('tl-error-text');
      sort.hidden = next.length < 2;
      render();
    },
    showMessage: (text, isError) => {
      summary.textContent = text;
      summary.classList.toggle('tl-error-text', isError);
    },
  };
}

function renderRow(row: SearchResultRow, actions: ResultsActions): HTMLLIElement {
  const item = el('li', 'tl-result');
  const open = el('button', 'tl-result-open');
  open.type = 'button';
  const title = el('span', 'tl-result-title', `${row.rootService}: ${row.rootOperation}`);
  // The title may be cut to fit the side bar; the tooltip has it whole (an attribute set as text).
  title.title = title.textContent ?? '';
  const duration = el('span', 'tl-result-duration', formatDurationUs(row.durationUs));
  const facts = el('span', 'tl-result-facts');
  facts.append(el('span', undefined, new Date(row.startUs / 1000).toLocaleString()));
  if (row.spanCount !== undefined) facts.append(el('span', undefined, `${row.spanCount} span${row.spanCount === 1 ? '' : 's'}`));
  if ((row.errorCount ?? 0) > 0) facts.append(el('span', 'tl-result-errors', `${row.errorCount} error${row.errorCount === 1 ? '' : 's'}`));
  const services = el('span', 'tl-result-services', row.services.join(', '));
  open.append(title, duration, facts, services);
  open.addEventListener('click', () => actions.onOpen(row.traceId));
  const browser = el('button', 'tl-result-browser', 'Web UI ↗');
  browser.type = 'button';
  browser.title = `Open trace ${row.traceId} in the backend's web UI`;
  browser.setAttribute('aria-label', `Open trace ${row.traceId} in the browser`);
  browser.addEventListener('click', () => actions.onOpenInBrowser(row.traceId));
  item.append(open, browser);
  return item;
}
