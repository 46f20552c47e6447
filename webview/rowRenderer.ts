/**
 * Builds and updates one waterfall row. Static parts (names, markers) are made once when the row enters
 * the DOM; the parts that depend on zoom, clock-skew mode, critical path and find matches are updated on
 * every render by {@link placeRow}, which touches only the few rows in view.
 */
import { SpanFlag, type TraceViewModel } from '../src/protocol/traceView';
import type { CriticalSegment } from '../src/core/criticalPath';
import type { HiddenGroup } from '../src/core/spanFilters';
import { barPosition, durationLabelPlacement, formatDurationUs } from '../src/core/waterfallLayout';
import { el, icon } from './dom';

const INDENT_PX = 14;
/** Deeper rows stop indenting (a 10k-deep chain would push names out of view); aria-level stays exact. */
const MAX_INDENT_LEVELS = 24;
/** …and never more than this share of the name column (CSS percentage of the row's name cell). */
const MAX_INDENT_SHARE = '45%';
/** Number of `.tl-color-N` classes in waterfall.css (the `--vscode-charts-*` palette minus red). */
const SERVICE_COLOR_COUNT = 5;

/** Services 5-9 reuse the palette with a hatched pattern, so the first ten are told apart. */
export function serviceColorClass(serviceIndex: number): string {
  return `tl-color-${serviceIndex % SERVICE_COLOR_COUNT}` + (Math.floor(serviceIndex / SERVICE_COLOR_COUNT) % 2 === 1 ? ' tl-color-alt' : '');
}

interface RowParts {
  readonly timeline: HTMLElement;
  readonly bar: HTMLElement;
  readonly duration: HTMLElement;
  readonly hiddenErrors?: HTMLElement;
  /** "2 errors inside". */
  readonly hiddenErrorText: string;
  segments: HTMLElement[];
}

const partsOf = new WeakMap<HTMLElement, RowParts>();

function indent(name: HTMLElement, depth: number): void {
  // Capped in pixels and as a share of the name column, so deep rows keep their names readable.
  name.style.paddingLeft = `min(${Math.min(depth, MAX_INDENT_LEVELS) * INDENT_PX}px, ${MAX_INDENT_SHARE})`;
}

/** Static content of a span row (see the DOM hooks documented in waterfallView.ts). */
export function createSpanRow(view: TraceViewModel, displayIndex: number, hasChildren: boolean, descendantErrors: number, selfTimeUs: number): HTMLElement {
  const spans = view.spans;
  const flags = spans.flags[displayIndex]!;
  const service = view.services[spans.serviceIndex[displayIndex]!] ?? '';
  const operation = view.operations[spans.operationIndex[displayIndex]!] ?? '';
  const duration = formatDurationUs(spans.durationUs[displayIndex]!);
  const colorClass = serviceColorClass(spans.serviceIndex[displayIndex]!);
  const isError = (flags & SpanFlag.Error) !== 0;

  const row = el('div', 'tl-row');
  row.setAttribute('role', 'treeitem');
  row.dataset.spanIndex = String(displayIndex);
  row.setAttribute('aria-level', String(spans.depth[displayIndex]! + 1));
  const labelParts = [`${service} ${operation} ${duration}`];
  if (isError) labelParts.push('error');
  if (flags & SpanFlag.Orphan) labelParts.push('orphan');
  if (flags & SpanFlag.HasWarnings) labelParts.push('has warnings');
  row.dataset.label = labelParts.join(', ');
  row.setAttribute('aria-label', row.dataset.label);
  if (isError) row.classList.add('tl-row-error');

  const name = el('div', 'tl-row-name');
  indent(name, spans.depth[displayIndex]!);
  if (hasChildren) {
    const twisty = el('span', 'tl-twisty');
    twisty.appendChild(icon('chevron', 'tl-twisty-icon'));
    name.appendChild(twisty);
  } else {
    name.appendChild(el('span', 'tl-twisty-space'));
  }
  if (isError) {
    const marker = el('span', 'tl-error');
    marker.append(icon('error', 'tl-error-icon'), el('span', 'tl-visually-hidden', 'error'));
    name.appendChild(marker);
  }
  name.append(el('span', `tl-service ${colorClass}`, service), el('span', 'tl-operation', operation));
  if (flags & SpanFlag.Orphan) name.appendChild(el('span', 'tl-badge tl-orphan', 'orphan'));
  if (flags & SpanFlag.HasWarnings) {
    const marker = el('span', 'tl-warning-marker');
    marker.append(icon('warning', 'tl-warning-icon'), el('span', 'tl-visually-hidden', 'has warnings'));
    name.appendChild(marker);
  }
  let hiddenErrors: HTMLElement | undefined;
  const hiddenErrorText = `${descendantErrors} error${descendantErrors === 1 ? '' : 's'} inside`;
  if (descendantErrors > 0) {
    // Shown only while collapsed: errors inside a folded subtree bubble up to the visible ancestor.
    hiddenErrors = el('span', 'tl-hidden-errors');
    hiddenErrors.append(icon('error', 'tl-error-icon'), el('span', 'tl-hidden-errors-count', String(descendantErrors)));
    hiddenErrors.title = hiddenErrorText;
    hiddenErrors.hidden = true;
    name.appendChild(hiddenErrors);
  }
  row.title = `${service} ${operation} (${duration}, self time ${formatDurationUs(selfTimeUs)})`;

  const timeline = el('div', 'tl-row-timeline');
  const bar = el('div', `tl-bar ${colorClass}${isError ? ' tl-bar-error' : ''}`);
  const durationText = el('span', 'tl-duration', duration);
  timeline.append(bar, durationText);
  row.append(name, timeline);
  partsOf.set(row, { timeline, bar, duration: durationText, ...(hiddenErrors ? { hiddenErrors } : {}), hiddenErrorText, segments: [] });
  return row;
}

/**
 * Adds (once) the "has source" icon to a span row whose span maps to code: hovering shows the evidence,
 * clicking goes to the code. `evidence` undefined: no icon.
 */
export function showSourceIcon(row: HTMLElement, evidence: string | undefined, reveal: () => void): void {
  const existing = row.querySelector<HTMLElement>('.tl-source');
  if (evidence === undefined || existing) {
    if (existing && evidence !== undefined) existing.title = `Go to Source: ${evidence}`;
    return;
  }
  const marker = el('span', 'tl-source');
  marker.append(icon('source', 'tl-source-icon'), el('span', 'tl-visually-hidden', 'has source'));
  marker.title = `Go to Source: ${evidence}`;
  marker.addEventListener('click', (event) => {
    event.stopPropagation();
    reveal();
  });
  row.querySelector('.tl-operation')?.after(marker);
  // The label placeRow restores (with "errors inside" when folded) includes it too.
  row.dataset.label = `${row.dataset.label ?? ''}, has source`;
  row.setAttribute('aria-label', `${row.getAttribute('aria-label') ?? ''}, has source`);
}

/** The "N spans hidden" row standing for subtrees a filter removed (`.tl-hidden-row`). */
export function createHiddenRow(group: HiddenGroup): HTMLElement {
  const row = el('div', 'tl-hidden-row');
  row.setAttribute('role', 'none');
  const name = el('div', 'tl-row-name');
  indent(name, group.depth);
  name.append(el('span', 'tl-twisty-space'), el('span', 'tl-hidden-count', `${group.hiddenCount} span${group.hiddenCount === 1 ? '' : 's'} hidden by the filter`));
  row.appendChild(name);
  return row;
}

/** What the time-dependent parts of a row need to know. */
export interface RowPlacement {
  /** Microseconds from the trace start, in the mode shown (raw or clock-skew adjusted). */
  readonly startUs: number;
  readonly durationUs: number;
  /** The zoom window, microseconds from the trace start. */
  readonly windowStartUs: number;
  readonly windowLengthUs: number;
  readonly collapsed: boolean;
  readonly criticalSegments: readonly CriticalSegment[] | undefined;
}

/** Positions the bar, its label, the critical-path overlay and the hidden-errors marker. */
export function placeRow(row: HTMLElement, placement: RowPlacement): void {
  const parts = partsOf.get(row);
  if (!parts) return;
  const { windowStartUs, windowLengthUs } = placement;
  const position = barPosition(placement.startUs - windowStartUs, placement.durationUs, windowLengthUs);
  const outside = placement.startUs + placement.durationUs < windowStartUs || placement.startUs > windowStartUs + windowLengthUs;
  parts.bar.style.left = `${position.leftPercent}%`;
  parts.bar.style.width = `${position.widthPercent}%`;
  parts.bar.classList.toggle('tl-bar-outside', outside);
  parts.duration.classList.toggle('tl-bar-outside', outside);
  const label = durationLabelPlacement(position);
  parts.duration.classList.toggle('tl-duration-before', label.side === 'before');
  parts.duration.classList.toggle('tl-duration-inside', label.side === 'inside');
  parts.duration.style.left = label.side === 'after' ? `${label.leftPercent}%` : '';
  parts.duration.style.right = label.side === 'after' ? '' : `${label.rightPercent}%`;
  if (parts.hiddenErrors && parts.hiddenErrors.hidden !== !placement.collapsed) {
    parts.hiddenErrors.hidden = !placement.collapsed;
    // Screen readers hear it too, while the subtree is folded: "…, 2 errors inside".
    const base = row.dataset.label ?? '';
    row.setAttribute('aria-label', placement.collapsed ? `${base}, ${parts.hiddenErrorText}` : base);
  }

  for (const segment of parts.segments) segment.remove();
  parts.segments = [];
  row.classList.toggle('tl-critical', placement.criticalSegments !== undefined);
  for (const segment of placement.criticalSegments ?? []) {
    const at = barPosition(segment.startUs - windowStartUs, segment.endUs - segment.startUs, windowLengthUs);
    const overlay = el('div', 'tl-critical-segment');
    overlay.style.left = `${at.leftPercent}%`;
    overlay.style.width = `${at.widthPercent}%`;
    parts.timeline.insertBefore(overlay, parts.duration);
    parts.segments.push(overlay);
  }
}
