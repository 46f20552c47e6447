/**
 * The filter drop-down (`.tl-filters`): services (`.tl-filter-service`, unchecking one prunes its spans
 * and their subtrees), kinds (`.tl-filter-kind`), status (`#tl-filter-status`) and minimum duration in
 * milliseconds (`#tl-filter-min-duration`); `#tl-filter-clear` resets all.
 */
import { SPAN_KINDS, type TraceViewModel } from '../src/protocol/traceView';
import { NO_FILTER, type SpanFilter } from '../src/core/spanFilters';
import { el } from './dom';
import { serviceColorClass } from './rowRenderer';

type Status = SpanFilter['status'];
const STATUSES: readonly (readonly [Status, string])[] = [['all', 'Any status'], ['error', 'Error'], ['ok', 'OK'], ['unset', 'Unset']];

export interface FilterPanel {
  readonly element: HTMLElement;
  /** The filter as the form stands; `only` (find matches) is added by the caller. */
  readonly filter: SpanFilter;
}

export function createFilterPanel(view: TraceViewModel, onChange: (filter: SpanFilter) => void): FilterPanel {
  const panel = el('details', 'tl-filters');
  const summary = el('summary', 'tl-button tl-filters-summary', 'Filters');
  const form = el('div', 'tl-filters-form');

  const services = el('fieldset', 'tl-filter-group');
  services.appendChild(el('legend', undefined, 'Services'));
  const serviceBoxes = view.services.map((name, index) => {
    const box = el('input', 'tl-filter-service');
    box.type = 'checkbox';
    box.checked = true;
    box.dataset.serviceIndex = String(index);
    const label = el('label', 'tl-check');
    label.append(box, el('span', `tl-service ${serviceColorClass(index)}`, name));
    services.appendChild(label);
    return box;
  });

  const presentKinds = new Set(view.spans.kind);
  const kinds = el('fieldset', 'tl-filter-group');
  kinds.appendChild(el('legend', undefined, 'Kinds'));
  const kindBoxes = SPAN_KINDS.flatMap((name, index) => {
    if (!presentKinds.has(index)) return [];
    const box = el('input', 'tl-filter-kind');
    box.type = 'checkbox';
    box.checked = true;
    box.dataset.kind = String(index);
    const label = el('label', 'tl-check');
    label.append(box, document.createTextNode(` ${name}`));
    kinds.appendChild(label);
    return [box];
  });

  const status = el('select', 'tl-input');
  status.id = 'tl-filter-status';
  status.setAttribute('aria-label', 'Status');
  for (const [value, text] of STATUSES) {
    const option = el('option', undefined, text);
    option.value = value;
    status.appendChild(option);
  }
  const minDuration = el('input', 'tl-input tl-filter-number');
  minDuration.id = 'tl-filter-min-duration';
  minDuration.type = 'number';
  minDuration.min = '0';
  minDuration.step = 'any';
  minDuration.placeholder = '0';
  const minLabel = el('label', 'tl-filter-line');
  minLabel.append(document.createTextNode('At least '), minDuration, document.createTextNode(' ms'));
  const clear = el('button', 'tl-button', 'Clear filters');
  clear.id = 'tl-filter-clear';
  clear.type = 'button';

  const read = (): SpanFilter => {
    const hiddenServices = new Set(serviceBoxes.flatMap((box, index) => (box.checked ? [] : [index])));
    const checkedKinds = kindBoxes.filter((box) => box.checked).map((box) => Number(box.dataset.kind));
    const ms = Number(minDuration.value);
    return {
      hiddenServices,
      kinds: checkedKinds.length === kindBoxes.length ? new Set() : new Set(checkedKinds),
      status: status.value as Status,
      minDurationUs: Number.isFinite(ms) && ms > 0 ? ms * 1000 : 0,
    };
  };
  let current: SpanFilter = NO_FILTER;
  const changed = (): void => {
    current = read();
    const active = current.hiddenServices.size + current.kinds.size + (current.status === 'all' ? 0 : 1) + (current.minDurationUs > 0 ? 1 : 0);
    summary.textContent = active > 0 ? `Filters (${active})` : 'Filters';
    panel.classList.toggle('tl-filters-active', active > 0);
    onChange(current);
  };
  form.addEventListener('change', changed);
  minDuration.addEventListener('input', changed);
  clear.addEventListener('click', () => {
    for (const box of [...serviceBoxes, ...kindBoxes]) box.checked = true;
    status.value = 'all';
    minDuration.value = '';
    changed();
  });
  const statusLine = el('label', 'tl-filter-line');
  statusLine.append(document.createTextNode('Status '), status);
  form.append(services, kinds, statusLine, minLabel, clear);
  panel.append(summary, form);
  return {
    element: panel,
    get filter() {
      return current;
    },
  };
}
