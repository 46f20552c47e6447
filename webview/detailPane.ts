/**
 * The detail pane (`#tl-details`) for the selected span. All values arrive as display text
 * ({@link SpanDetails}) and are set with textContent: span attributes are untrusted input.
 * Hooks: `.tl-details-title`, `.tl-field` (overview rows), `.tl-attr` rows with `.tl-attr-key` and
 * `.tl-attr-value` (attributes, resource and event attributes; `data-section` says which),
 * `.tl-event`, `.tl-reference`, `.tl-reference-link` (a button for references to spans in this trace),
 * `.tl-attr-group` (HTTP, Database, … headings), `.tl-copy-value`, `.tl-exception` with
 * `.tl-exception-type`, `.tl-exception-message`, `.tl-stacktrace`; actions `#tl-go-to-source`,
 * `#tl-copy-span-id`, `#tl-copy-span-json`.
 */
import type { KeyValueText, SpanDetails } from '../src/protocol/traceView';
import { exceptionOf, groupAttributes } from '../src/core/attributeGroups';
import { formatDurationUs } from '../src/core/waterfallLayout';
import { append, el, icon } from './dom';

export interface DetailPaneActions {
  /** The user followed a reference to another span of this trace. */
  readonly onNavigate: (displayIndex: number) => void;
  readonly onCopyText: (text: string) => void;
  readonly onCopySpan: (displayIndex: number, what: 'id' | 'json') => void;
  readonly onRevealSource: (displayIndex: number) => void;
  /** Facts the webview itself knows about a span (self time, clock-skew correction): [name, value]. */
  readonly extraFields: (displayIndex: number) => readonly (readonly [string, string])[];
}

export interface DetailPane {
  readonly element: HTMLElement;
  showPlaceholder(): void;
  /** Shown between the click and the host's answer. */
  showLoading(): void;
  show(details: SpanDetails): void;
}

export function createDetailPane(actions: DetailPaneActions): DetailPane {
  const pane = el('aside', 'tl-details');
  pane.id = 'tl-details';
  pane.setAttribute('aria-label', 'Span details');

  const replace = (...children: Node[]): void => pane.replaceChildren(...children);

  return {
    element: pane,
    showPlaceholder: () => replace(el('p', 'tl-details-placeholder', 'Select a span to see its details.')),
    showLoading: () => replace(el('p', 'tl-details-placeholder', 'Loading span details…')),
    show: (details) => replace(...renderDetails(details, actions)),
  };
}

function actionButton(id: string, text: string, onClick: () => void): HTMLButtonElement {
  const button = el('button', 'tl-button', text);
  button.id = id;
  button.type = 'button';
  button.addEventListener('click', onClick);
  return button;
}

function renderDetails(details: SpanDetails, actions: DetailPaneActions): Node[] {
  const onNavigate = actions.onNavigate;
  const title = el('h2', 'tl-details-title');
  // The space keeps the title's text (copy, screen readers) readable; the flex gap does the visual spacing.
  append(title, el('span', 'tl-service', details.service), document.createTextNode(' '), el('span', 'tl-operation', details.operation));

  const overview = el('dl', 'tl-fields');
  const field = (name: string, value: string, extra?: Node): void => {
    const row = el('div', 'tl-field');
    const dd = el('dd', undefined, value);
    if (extra) dd.prepend(extra);
    append(row, el('dt', undefined, name), dd);
    overview.appendChild(row);
  };
  field('Span ID', details.spanId);
  if (details.parentSpanId !== undefined) field('Parent span ID', details.parentSpanId);
  field('Kind', details.kind);
  field('Start', `+${formatDurationUs(details.startOffsetUs)} after the trace start`);
  field('Duration', formatDurationUs(details.durationUs));
  for (const [name, value] of actions.extraFields(details.spanIndex)) field(name, value);
  const isError = details.status.code === 'error';
  const statusText = details.status.message ? `${details.status.code}: ${details.status.message}` : details.status.code;
  field('Status', statusText, isError ? icon('error', 'tl-error-icon') : undefined);
  if (isError) overview.lastElementChild?.classList.add('tl-field-error');

  const toolbar = el('div', 'tl-details-actions');
  toolbar.append(
    actionButton('tl-go-to-source', 'Go to Source', () => actions.onRevealSource(details.spanIndex)),
    actionButton('tl-copy-span-id', 'Copy span ID', () => actions.onCopyText(details.spanId)),
    actionButton('tl-copy-span-json', 'Copy as JSON', () => actions.onCopySpan(details.spanIndex, 'json')),
  );
  const sections: Node[] = [title, toolbar, overview];
  if (details.warnings.length > 0) {
    const list = el('ul', 'tl-span-warnings');
    for (const warning of details.warnings) {
      const item = el('li', 'tl-warning');
      item.append(icon('warning', 'tl-warning-icon'), document.createTextNode(warning));
      list.appendChild(item);
    }
    sections.push(section('Warnings', details.warnings.length, list));
  }
  sections.push(section('Attributes', details.attributes.length, groupedAttributes(details.attributes, actions.onCopyText)));
  sections.push(section('Resource', details.resource.length, attributeTable(details.resource, 'resource', actions.onCopyText)));
  if (details.events.length > 0) {
    const list = el('ol', 'tl-events');
    for (const event of details.events) {
      const item = el('li', 'tl-event');
      const heading = el('div', 'tl-event-heading');
      const offsets = el('span', 'tl-event-offset', `+${formatDurationUs(event.offsetUs)}`);
      offsets.title = 'After the span start';
      const traceOffset = el('span', 'tl-event-trace-offset', `(+${formatDurationUs(details.startOffsetUs + event.offsetUs)} in the trace)`);
      append(heading, offsets, el('span', 'tl-event-name', event.name), traceOffset);
      const exception = exceptionOf(event);
      append(item, heading, exception ? exceptionBlock(exception) : undefined,
        event.attributes.length > 0 ? attributeTable(event.attributes, 'event', actions.onCopyText) : undefined);
      list.appendChild(item);
    }
    sections.push(section('Events', details.events.length, list));
  }
  if (details.references.length > 0) {
    const list = el('ul', 'tl-references');
    for (const reference of details.references) {
      const item = el('li', 'tl-reference');
      append(item, el('span', 'tl-reference-type', reference.type));
      const target = reference.spanIndex;
      if (target !== undefined) {
        const link = el('button', 'tl-reference-link', reference.spanId);
        link.type = 'button';
        link.title = 'Show this span';
        link.addEventListener('click', () => onNavigate(target));
        item.appendChild(link);
      } else {
        append(item, el('span', 'tl-reference-id', reference.spanId), el('span', 'tl-reference-trace', `in trace ${reference.traceId}`));
      }
      list.appendChild(item);
    }
    sections.push(section('References', details.references.length, list));
  }
  return sections;
}

/** A collapsible section with its item count in the heading. */
function section(name: string, count: number, body: Node): HTMLElement {
  const details = el('details', 'tl-section');
  details.open = true;
  details.dataset.section = name.toLowerCase();
  append(details, el('summary', 'tl-section-title', `${name} (${count})`), body);
  return details;
}

/** Attributes under HTTP / Database / RPC / Messaging / Exception / Other headings. */
function groupedAttributes(attributes: readonly KeyValueText[], onCopy: (text: string) => void): HTMLElement {
  const groups = groupAttributes(attributes);
  if (groups.length <= 1) return attributeTable(attributes, 'attributes', onCopy);
  const box = el('div', 'tl-attr-groups');
  for (const group of groups) {
    const heading = el('h3', 'tl-attr-group', group.name);
    box.append(heading, attributeTable(group.attributes, 'attributes', onCopy));
  }
  return box;
}

/** An exception event, readable: type and message on top, the stack trace as preformatted text. */
function exceptionBlock(exception: { readonly type: string; readonly message: string; readonly stackTrace: string }): HTMLElement {
  const box = el('div', 'tl-exception');
  const head = el('div', 'tl-exception-head');
  append(head, icon('error', 'tl-error-icon'), el('span', 'tl-exception-type', exception.type || 'Exception'),
    exception.message ? el('span', 'tl-exception-message', exception.message) : undefined);
  box.appendChild(head);
  if (exception.stackTrace) box.appendChild(el('pre', 'tl-stacktrace', exception.stackTrace));
  return box;
}

function attributeTable(attributes: readonly KeyValueText[], sectionName: string, onCopy: (text: string) => void): HTMLElement {
  const table = el('div', 'tl-attrs');
  table.setAttribute('role', 'table');
  if (attributes.length === 0) {
    table.appendChild(el('div', 'tl-empty', 'None'));
    return table;
  }
  for (const attribute of attributes) {
    const row = el('div', 'tl-attr');
    row.setAttribute('role', 'row');
    row.dataset.section = sectionName;
    const key = el('span', 'tl-attr-key', attribute.key);
    key.setAttribute('role', 'rowheader');
    key.title = attribute.type;
    const value = el('span', 'tl-attr-value', attribute.value);
    value.dataset.type = attribute.type;
    value.setAttribute('role', 'cell');
    const copy = el('button', 'tl-copy-value', 'Copy');
    copy.type = 'button';
    copy.title = `Copy the value of ${attribute.key}`;
    copy.setAttribute('aria-label', `Copy the value of ${attribute.key}`);
    copy.addEventListener('click', () => onCopy(attribute.value));
    append(row, key, value, copy);
    table.appendChild(row);
  }
  return table;
}
