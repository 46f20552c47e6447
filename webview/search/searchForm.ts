/**
 * The search form: service → operation → time range (lookback presets or a custom range) → tags, min/max
 * duration, limit, errors only. Native controls with labels, so it works with the keyboard and screen
 * readers as any VS Code form does. Hooks: `#tl-service`, `#tl-operation`, `#tl-lookback`, `#tl-tags`,
 * `#tl-min-duration`, `#tl-max-duration`, `#tl-limit`, `#tl-errors-only`, `#tl-search`, `#tl-cancel`.
 */
import { LOOKBACK_PRESETS, MAX_SEARCH_LIMIT, type Lookback, type SearchForm } from '../../src/protocol/searchMessages';
import { el } from '../dom';

const LOOKBACK_LABELS: { readonly [K in Lookback]: string } = {
  '5m': 'Last 5 minutes', '15m': 'Last 15 minutes', '30m': 'Last 30 minutes', '1h': 'Last hour', '2h': 'Last 2 hours',
  '6h': 'Last 6 hours', '12h': 'Last 12 hours', '24h': 'Last 24 hours', '2d': 'Last 2 days', '7d': 'Last 7 days', custom: 'Custom range…',
};

export interface SearchFormActions {
  readonly onServiceChosen: (service: string) => void;
  readonly onSearch: (form: SearchForm) => void;
  readonly onCancel: () => void;
}

export interface SearchFormView {
  readonly element: HTMLFormElement;
  setForm(form: SearchForm): void;
  setRecentSearches(forms: readonly SearchForm[]): void;
  setServices(services: readonly string[]): void;
  setOperations(service: string, operations: readonly string[]): void;
  setBusy(busy: boolean): void;
}

export function createSearchForm(actions: SearchFormActions): SearchFormView {
  const form = el('form', 'tl-search-form');
  form.noValidate = true;
  const field = (label: string, control: HTMLElement, className = ''): void => {
    const wrapper = el('div', `tl-field ${className}`.trim());
    const labelElement = el('label', undefined, label);
    labelElement.htmlFor = control.id;
    wrapper.append(labelElement, control);
    form.appendChild(wrapper);
  };
  const select = (id: string): HTMLSelectElement => Object.assign(el('select'), { id });
  const input = (id: string, type: string, placeholder = ''): HTMLInputElement => Object.assign(el('input'), { id, type, placeholder });

  const recent = select('tl-recent');
  const service = select('tl-service');
  const operation = select('tl-operation');
  const lookback = select('tl-lookback');
  const customStart = input('tl-custom-start', 'datetime-local');
  const customEnd = input('tl-custom-end', 'datetime-local');
  const tags = input('tl-tags', 'text', 'http.status_code=500 customer="bob"');
  const minDuration = input('tl-min-duration', 'text', 'e.g. 100ms');
  const maxDuration = input('tl-max-duration', 'text', 'e.g. 2s');
  const limit = Object.assign(input('tl-limit', 'number'), { min: '1', max: String(MAX_SEARCH_LIMIT), step: '1', value: '20' });
  const errorsOnly = input('tl-errors-only', 'checkbox');
  for (const key of [...LOOKBACK_PRESETS, 'custom'] as const) lookback.appendChild(option(key, LOOKBACK_LABELS[key]));
  let services: readonly string[] = [];
  let recentForms: readonly SearchForm[] = [];
  let wanted: SearchForm | undefined;

  field('Recent searches', recent, 'tl-recent-field');
  field('Service', service);
  field('Operation', operation);
  field('Time range', lookback);
  field('From', customStart, 'tl-custom');
  field('To', customEnd, 'tl-custom');
  field('Tags', tags);
  field('Min duration', minDuration, 'tl-half');
  field('Max duration', maxDuration, 'tl-half');
  field('Limit', limit, 'tl-half');
  const errorsWrapper = el('div', 'tl-field tl-checkbox tl-half');
  const errorsLabel = el('label', undefined, 'Errors only');
  errorsLabel.htmlFor = errorsOnly.id;
  errorsWrapper.append(errorsOnly, errorsLabel);
  form.appendChild(errorsWrapper);
  const buttons = el('div', 'tl-buttons');
  const search = Object.assign(el('button', 'tl-primary', 'Search'), { id: 'tl-search', type: 'submit' });
  const cancel = Object.assign(el('button', 'tl-secondary', 'Cancel'), { id: 'tl-cancel', type: 'button', hidden: true });
  buttons.append(search, cancel);
  form.appendChild(buttons);

  const showCustom = (): void => {
    form.classList.toggle('tl-custom-range', lookback.value === 'custom');
  };
  const fillOperations = (names: readonly string[], selected: string): void => {
    operation.replaceChildren(option('', 'All operations'), ...names.map((name) => option(name, name)));
    operation.value = names.includes(selected) ? selected : '';
  };
  const fillServices = (): void => {
    const chosen = wanted?.service ?? service.value;
    // A remembered service the backend no longer lists is kept, so the search can still be repeated.
    const names = chosen !== '' && !services.includes(chosen) ? [chosen, ...services] : services;
    service.replaceChildren(option('', names.length === 0 ? 'No services' : 'Select a service…'), ...names.map((name) => option(name, name)));
    service.value = chosen;
  };
  const read = (): SearchForm => ({
    service: service.value, operation: operation.value, lookback: lookback.value as Lookback,
    ...(lookback.value === 'custom' ? customRange(customStart.value, customEnd.value) : {}),
    tags: tags.value, minDuration: minDuration.value, maxDuration: maxDuration.value,
    limit: clampLimit(limit.valueAsNumber), errorsOnly: errorsOnly.checked,
  });
  const write = (value: SearchForm): void => {
    wanted = value;
    fillServices();
    fillOperations(value.operation === '' ? [] : [value.operation], value.operation);
    lookback.value = value.lookback;
    customStart.value = value.customStartMs === undefined ? '' : localDateTime(value.customStartMs);
    customEnd.value = value.customEndMs === undefined ? '' : localDateTime(value.customEndMs);
    tags.value = value.tags;
    minDuration.value = value.minDuration;
    maxDuration.value = value.maxDuration;
    limit.value = String(value.limit);
    errorsOnly.checked = value.errorsOnly;
    showCustom();
    if (value.service !== '') actions.onServiceChosen(value.service);
  };

  lookback.addEventListener('change', showCustom);
  service.addEventListener('change', () => {
    wanted = undefined;
    fillOperations([], '');
    if (service.value !== '') actions.onServiceChosen(service.value);
  });
  recent.addEventListener('change', () => {
    const chosen = recentForms[Number(recent.value)];
    if (chosen !== undefined) write(chosen);
    recent.value = '';
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    actions.onSearch(read());
  });
  cancel.addEventListener('click', actions.onCancel);

  return {
    element: form,
    setForm: write,
    setRecentSearches: (forms) => {
      recentForms = forms;
      recent.replaceChildren(option('', forms.length === 0 ? 'None yet' : `${forms.length} recent…`), ...forms.map((entry, i) => option(String(i), describeSearch(entry))));
      recent.disabled = forms.length === 0;
    },
    setServices: (names) => {
      services = names;
      fillServices();
    },
    setOperations: (forService, names) => {
      if (forService !== service.value) return;
      fillOperations(names, wanted?.service === forService ? wanted.operation : operation.value);
    },
    setBusy: (busy) => {
      search.disabled = busy;
      cancel.hidden = !busy;
    },
  };
}

function option(value: string, label: string): HTMLOptionElement {
  const element = el('option', undefined, label);
  element.value = value;
  return element;
}

function clampLimit(value: number): number {
  return Number.isFinite(value) ? Math.min(MAX_SEARCH_LIMIT, Math.max(1, Math.round(value))) : 20;
}

/** `<input type="datetime-local">` values are local wall-clock times; `new Date(text)` reads them as such. */
function customRange(start: string, end: string): { customStartMs?: number; customEndMs?: number } {
  const startMs = start === '' ? NaN : new Date(start).getTime();
  const endMs = end === '' ? NaN : new Date(end).getTime();
  return { ...(Number.isFinite(startMs) ? { customStartMs: startMs } : {}), ...(Number.isFinite(endMs) ? { customEndMs: endMs } : {}) };
}

function localDateTime(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function describeSearch(form: SearchForm): string {
  const parts = [form.service || '(no service)', form.operation || 'all operations', LOOKBACK_LABELS[form.lookback].toLowerCase()];
  if (form.tags !== '') parts.push(form.tags);
  if (form.errorsOnly) parts.push('errors only');
  return parts.join(' · ');
}
