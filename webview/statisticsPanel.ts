/**
 * The statistics table (`#tl-statistics`): spans grouped by service or by operation with count, errors,
 * total, average, min, max and self time, largest self time first. Computed when opened.
 */
import type { TraceViewModel } from '../src/protocol/traceView';
import { traceStatistics, type StatisticsGrouping } from '../src/core/traceStatistics';
import { formatDurationUs } from '../src/core/waterfallLayout';
import { el } from './dom';

const COLUMNS = ['Name', 'Count', 'Errors', 'Total', 'Average', 'Min', 'Max', 'Self time'] as const;

export function createStatisticsPanel(view: TraceViewModel, selfTimes: () => ArrayLike<number>, onClose: () => void): HTMLElement {
  const panel = el('section', 'tl-statistics');
  panel.id = 'tl-statistics';
  panel.setAttribute('aria-label', 'Trace statistics');
  const heading = el('div', 'tl-statistics-heading');
  const grouping = el('select', 'tl-input');
  grouping.id = 'tl-statistics-grouping';
  grouping.setAttribute('aria-label', 'Group by');
  for (const [value, text] of [['service', 'By service'], ['operation', 'By operation']] as const) {
    const option = el('option', undefined, text);
    option.value = value;
    grouping.appendChild(option);
  }
  const close = el('button', 'tl-button', 'Close');
  close.type = 'button';
  close.addEventListener('click', onClose);
  heading.append(el('h2', 'tl-statistics-title', 'Statistics'), grouping, close);
  const table = el('table', 'tl-statistics-table');
  const fill = (): void => {
    const head = el('thead');
    const headRow = el('tr');
    for (const name of COLUMNS) headRow.appendChild(el('th', undefined, name));
    head.appendChild(headRow);
    const body = el('tbody');
    for (const row of traceStatistics(view, selfTimes(), grouping.value as StatisticsGrouping)) {
      const tr = el('tr', 'tl-statistics-row');
      const cells = [row.name, String(row.count), String(row.errorCount), formatDurationUs(row.totalUs), formatDurationUs(Math.round(row.averageUs)),
        formatDurationUs(row.minUs), formatDurationUs(row.maxUs), formatDurationUs(row.selfTotalUs)];
      cells.forEach((text, index) => tr.appendChild(el(index === 0 ? 'th' : 'td', undefined, text)));
      body.appendChild(tr);
    }
    table.replaceChildren(head, body);
  };
  grouping.addEventListener('change', fill);
  fill();
  panel.append(heading, table);
  return panel;
}
