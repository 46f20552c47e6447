/**
 * The span rows: a virtualized ARIA tree. Only the rows in view (plus a small overscan) are in the DOM;
 * a canvas as tall as all visible rows gives the scrollbar its size, and rows are absolutely positioned
 * in it. Traces reach 200k spans, so nothing here walks all spans except on expand/collapse.
 *
 * Stable DOM hooks (used by the integration tests; keep them when restyling):
 * - `.tl-tree` (`role="tree"`): the scrolling viewport holding the axis and the rows.
 * - `.tl-row` (`role="treeitem"`): one rendered row; `data-span-index` is its display index (the
 *   `spanIndex` of the protocol). `aria-level`, `aria-expanded` (only on rows with children),
 *   `aria-selected`, and `aria-label` = "service operation duration[, error][, orphan][, has warnings]".
 * - inside a row: `.tl-twisty` (expand/collapse, rows with children only), `.tl-service`,
 *   `.tl-operation`, `.tl-error` (error marker: icon + hidden "error" text), `.tl-orphan`,
 *   `.tl-warning-marker`, `.tl-bar` (the duration bar, `.tl-bar-error` on errors), `.tl-duration`.
 * Elsewhere (see header.ts, detailPane.ts, main.ts): `#tl-expand-all`, `#tl-collapse-all`,
 * `#tl-details` with `.tl-attr` rows of `.tl-attr-key` / `.tl-attr-value`, `#tl-error-message`.
 */
import { SpanFlag, type TraceViewModel } from '../src/protocol/traceView';
import { barPosition, childCounts, formatDurationUs, spansWithChildren, visibleRows } from '../src/core/waterfallLayout';
import { el, icon } from './dom';
import { createTimeAxis } from './timeAxis';

/** Must match `--tl-row-height` in media/waterfall.css. */
const ROW_HEIGHT_PX = 22;
/** Rows rendered above and below the viewport so fast scrolling does not show blank space. */
const OVERSCAN_ROWS = 12;
const INDENT_PX = 14;
/** Deeper rows stop indenting (a 10k-deep chain would push names out of view); aria-level stays exact. */
const MAX_INDENT_LEVELS = 24;
/** …and never more than this share of the name column (CSS percentage of the row's name cell). */
const MAX_INDENT_SHARE = '45%';
/** Number of `.tl-color-N` classes in waterfall.css (the `--vscode-charts-*` palette minus red). */
const SERVICE_COLOR_COUNT = 5;

export interface WaterfallInitialState {
  readonly collapsed: readonly number[];
  /** Display index, or -1. */
  readonly selectedSpan: number;
  /** Pixels. */
  readonly scrollTop: number;
}

export interface WaterfallOptions {
  readonly view: TraceViewModel;
  readonly initial?: WaterfallInitialState;
  /** The user selected a span (click, Enter, or a reference in the detail pane). */
  readonly onSelect: (displayIndex: number) => void;
  /** Collapsed set, selection or scroll position changed: worth persisting. */
  readonly onUiStateChanged: () => void;
}

export class WaterfallView {
  readonly element: HTMLElement;
  private readonly view: TraceViewModel;
  private readonly options: WaterfallOptions;
  private readonly canvas: HTMLElement;
  private readonly axisElement: HTMLElement;
  private readonly childCount: Int32Array;
  private readonly collapsed: Uint8Array;
  /** Display indices of the rows currently shown, in order. */
  private rows: Int32Array = new Int32Array(0);
  /** `rowPosition[displayIndex]`: its position in `rows`, or -1 when hidden under a collapsed span. */
  private rowPosition: Int32Array;
  private readonly rendered = new Map<number, HTMLElement>();
  private selected = -1;
  /** The row that holds the roving tabindex (keyboard focus target). */
  private active = 0;
  private renderQueued = false;

  constructor(options: WaterfallOptions) {
    this.options = options;
    this.view = options.view;
    const count = this.view.spans.parent.length;
    this.childCount = childCounts(this.view.spans);
    this.collapsed = new Uint8Array(count);
    this.rowPosition = new Int32Array(count);

    this.element = el('div', 'tl-tree');
    this.element.setAttribute('role', 'tree');
    this.element.setAttribute('aria-label', `Spans of ${this.view.title}`);
    const axis = createTimeAxis(this.view.durationUs);
    this.axisElement = axis.element;
    this.canvas = el('div', 'tl-canvas');
    // Grid lines behind the bars repeat at the axis tick interval (a CSSOM property, allowed by the CSP).
    this.canvas.style.setProperty('--tl-tick-step', `${axis.tickStepPercent}%`);
    this.element.append(this.axisElement, this.canvas);

    const initial = options.initial;
    if (initial) {
      for (const index of initial.collapsed) if (index < count) this.collapsed[index] = 1;
      if (initial.selectedSpan >= 0 && initial.selectedSpan < count) this.selected = initial.selectedSpan;
    }
    this.recomputeRows();
    if (this.selected >= 0 && this.rowPosition[this.selected]! >= 0) this.active = this.selected;

    this.element.addEventListener('scroll', () => {
      this.queueRender();
      this.options.onUiStateChanged();
    });
    this.canvas.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.element.addEventListener('focusin', (event) => this.onFocusIn(event));
    new ResizeObserver(() => this.queueRender()).observe(this.element);

    // Restoring the scroll position needs the element in the document: wait one frame.
    requestAnimationFrame(() => {
      if (initial) this.element.scrollTop = initial.scrollTop;
      this.render();
    });
  }

  /** How many rows are shown (not hidden under collapsed spans). */
  get visibleRowCount(): number {
    return this.rows.length;
  }

  get selectedSpan(): number {
    return this.selected;
  }

  uiState(): WaterfallInitialState {
    const collapsed: number[] = [];
    for (let i = 0; i < this.collapsed.length; i++) if (this.collapsed[i]) collapsed.push(i);
    return { collapsed, selectedSpan: this.selected, scrollTop: this.element.scrollTop };
  }

  expandAll(): void {
    this.collapsed.fill(0);
    this.rowsChanged();
  }

  collapseAll(): void {
    for (const index of spansWithChildren(this.view.spans)) this.collapsed[index] = 1;
    this.rowsChanged();
  }

  /** Selects a span, expanding its ancestors and scrolling it into view; tells the host (via onSelect). */
  select(displayIndex: number, focus: boolean): void {
    if (displayIndex < 0 || displayIndex >= this.collapsed.length) return;
    let expandedAny = false;
    for (let p = this.view.spans.parent[displayIndex]!; p >= 0; p = this.view.spans.parent[p]!) {
      if (this.collapsed[p]) {
        this.collapsed[p] = 0;
        expandedAny = true;
      }
    }
    if (expandedAny) this.recomputeRows();
    this.selected = displayIndex;
    this.active = displayIndex;
    // A jump from afar (a reference in the detail pane) centers the row; a nearby one scrolls minimally.
    this.scrollIntoView(displayIndex, true);
    this.render();
    if (focus) this.rendered.get(displayIndex)?.focus({ preventScroll: true });
    this.options.onSelect(displayIndex);
    this.options.onUiStateChanged();
  }

  private setCollapsed(displayIndex: number, collapse: boolean): void {
    if (this.childCount[displayIndex] === 0 || (this.collapsed[displayIndex] === 1) === collapse) return;
    this.collapsed[displayIndex] = collapse ? 1 : 0;
    this.rowsChanged();
  }

  private rowsChanged(): void {
    this.recomputeRows();
    this.render();
    this.options.onUiStateChanged();
  }

  private recomputeRows(): void {
    this.rows = visibleRows(this.view.spans, this.collapsed);
    this.rowPosition.fill(-1);
    this.rows.forEach((displayIndex, position) => (this.rowPosition[displayIndex] = position));
    // Keep the keyboard focus target on a visible row: the nearest shown ancestor of a hidden one.
    while (this.active > 0 && this.rowPosition[this.active]! < 0) this.active = this.view.spans.parent[this.active]!;
    if (this.active < 0 || this.rows.length === 0) this.active = this.rows[0] ?? 0;
    this.canvas.style.height = `${this.rows.length * ROW_HEIGHT_PX}px`;
  }

  private queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  /** Puts exactly the rows in view (plus overscan) in the DOM, reusing the ones already there. */
  private render(): void {
    const rowsTop = this.element.scrollTop;
    const rowsHeight = Math.max(0, this.element.clientHeight - this.axisElement.offsetHeight);
    const first = Math.max(0, Math.floor(rowsTop / ROW_HEIGHT_PX) - OVERSCAN_ROWS);
    const last = Math.min(this.rows.length - 1, Math.ceil((rowsTop + rowsHeight) / ROW_HEIGHT_PX) + OVERSCAN_ROWS);

    const wanted = new Set<number>();
    for (let position = first; position <= last; position++) wanted.add(this.rows[position]!);
    const focused = document.activeElement;
    for (const [displayIndex, row] of this.rendered) {
      // The focused row stays in the DOM even when scrolled away, so keyboard focus is never lost.
      const keep = wanted.has(displayIndex) || (row === focused && this.rowPosition[displayIndex]! >= 0);
      if (!keep) {
        row.remove();
        this.rendered.delete(displayIndex);
      }
    }
    for (const displayIndex of wanted) {
      if (!this.rendered.has(displayIndex)) {
        const row = this.createRow(displayIndex);
        this.rendered.set(displayIndex, row);
        this.canvas.appendChild(row);
      }
    }
    const tabStop = this.rendered.has(this.active) ? this.active : this.rows[first];
    for (const [displayIndex, row] of this.rendered) this.updateRow(row, displayIndex, displayIndex === tabStop);
  }

  private createRow(displayIndex: number): HTMLElement {
    const { view } = this;
    const spans = view.spans;
    const flags = spans.flags[displayIndex]!;
    const service = view.services[spans.serviceIndex[displayIndex]!] ?? '';
    const operation = view.operations[spans.operationIndex[displayIndex]!] ?? '';
    const duration = formatDurationUs(spans.durationUs[displayIndex]!);
    const serviceIndex = spans.serviceIndex[displayIndex]!;
    // Services 5-9 reuse the palette with a hatched pattern, so the first ten are told apart.
    const colorClass =
      `tl-color-${serviceIndex % SERVICE_COLOR_COUNT}` +
      (Math.floor(serviceIndex / SERVICE_COLOR_COUNT) % 2 === 1 ? ' tl-color-alt' : '');
    const isError = (flags & SpanFlag.Error) !== 0;

    const row = el('div', 'tl-row');
    row.setAttribute('role', 'treeitem');
    row.dataset.spanIndex = String(displayIndex);
    row.setAttribute('aria-level', String(spans.depth[displayIndex]! + 1));
    const labelParts = [`${service} ${operation} ${duration}`];
    if (isError) labelParts.push('error');
    if (flags & SpanFlag.Orphan) labelParts.push('orphan');
    if (flags & SpanFlag.HasWarnings) labelParts.push('has warnings');
    row.setAttribute('aria-label', labelParts.join(', '));
    if (isError) row.classList.add('tl-row-error');

    const name = el('div', 'tl-row-name');
    // Capped in pixels and as a share of the name column, so deep rows keep their names readable.
    const indentPx = Math.min(spans.depth[displayIndex]!, MAX_INDENT_LEVELS) * INDENT_PX;
    name.style.paddingLeft = `min(${indentPx}px, ${MAX_INDENT_SHARE})`;
    if (this.childCount[displayIndex]! > 0) {
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
    row.title = `${service} ${operation} (${duration})`;

    const timeline = el('div', 'tl-row-timeline');
    const position = barPosition(spans.startOffsetUs[displayIndex]!, spans.durationUs[displayIndex]!, view.durationUs);
    const bar = el('div', `tl-bar ${colorClass}${isError ? ' tl-bar-error' : ''}`);
    bar.style.left = `${position.leftPercent}%`;
    bar.style.width = `${position.widthPercent}%`;
    const durationText = el('span', 'tl-duration', duration);
    const end = position.leftPercent + position.widthPercent;
    // The text goes after the bar when there is room, else before it, else inside it.
    if (end <= 75) {
      durationText.style.left = `${end}%`;
    } else if (position.leftPercent >= 25) {
      durationText.style.right = `${100 - position.leftPercent}%`;
      durationText.classList.add('tl-duration-before');
    } else {
      durationText.style.left = `${position.leftPercent}%`;
      durationText.classList.add('tl-duration-inside');
    }
    timeline.append(bar, durationText);
    row.append(name, timeline);
    return row;
  }

  private updateRow(row: HTMLElement, displayIndex: number, isTabStop: boolean): void {
    row.style.top = `${this.rowPosition[displayIndex]! * ROW_HEIGHT_PX}px`;
    row.tabIndex = isTabStop ? 0 : -1;
    const isSelected = displayIndex === this.selected;
    row.setAttribute('aria-selected', String(isSelected));
    row.classList.toggle('tl-selected', isSelected);
    if (this.childCount[displayIndex]! > 0) {
      row.setAttribute('aria-expanded', String(this.collapsed[displayIndex] === 0));
    }
  }

  private scrollIntoView(displayIndex: number, centerIfFar = false): void {
    const position = this.rowPosition[displayIndex]!;
    if (position < 0) return;
    const top = position * ROW_HEIGHT_PX;
    const rowsHeight = Math.max(ROW_HEIGHT_PX, this.element.clientHeight - this.axisElement.offsetHeight);
    const far = top + ROW_HEIGHT_PX < this.element.scrollTop || top > this.element.scrollTop + rowsHeight;
    if (centerIfFar && far) this.element.scrollTop = Math.max(0, top - rowsHeight / 2);
    else if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + ROW_HEIGHT_PX > this.element.scrollTop + rowsHeight) {
      this.element.scrollTop = top + ROW_HEIGHT_PX - rowsHeight;
    }
  }

  private rowOf(target: EventTarget | null): number {
    const row = target instanceof Element ? target.closest<HTMLElement>('.tl-row') : null;
    return row ? Number(row.dataset.spanIndex) : -1;
  }

  private onClick(event: MouseEvent): void {
    const displayIndex = this.rowOf(event.target);
    if (displayIndex < 0) return;
    if (event.target instanceof Element && event.target.closest('.tl-twisty')) {
      this.active = displayIndex;
      this.setCollapsed(displayIndex, this.collapsed[displayIndex] === 0);
      this.rendered.get(displayIndex)?.focus({ preventScroll: true });
      return;
    }
    this.select(displayIndex, true);
  }

  private onFocusIn(event: FocusEvent): void {
    const displayIndex = this.rowOf(event.target);
    if (displayIndex < 0 || displayIndex === this.active) return;
    this.active = displayIndex;
    this.render();
  }

  /** WAI-ARIA tree keys: Up/Down/Home/End/PageUp/PageDown move, Left/Right collapse/expand, Enter selects. */
  private onKeyDown(event: KeyboardEvent): void {
    const position = this.rowPosition[this.active] ?? -1;
    if (position < 0 || this.rows.length === 0) return;
    const page = Math.max(1, Math.floor(this.element.clientHeight / ROW_HEIGHT_PX) - 2);
    const hasChildren = this.childCount[this.active]! > 0;
    const isExpanded = hasChildren && this.collapsed[this.active] === 0;
    let target = -1;
    switch (event.key) {
      case 'ArrowDown': target = position + 1; break;
      case 'ArrowUp': target = position - 1; break;
      case 'PageDown': target = position + page; break;
      case 'PageUp': target = position - page; break;
      case 'Home': target = 0; break;
      case 'End': target = this.rows.length - 1; break;
      case 'ArrowRight':
        if (hasChildren && !isExpanded) this.setCollapsed(this.active, false);
        else if (isExpanded) target = position + 1;
        break;
      case 'ArrowLeft':
        if (isExpanded) this.setCollapsed(this.active, true);
        else if (this.view.spans.parent[this.active]! >= 0) {
          target = this.rowPosition[this.view.spans.parent[this.active]!]!;
        }
        break;
      case 'Enter':
      case ' ':
        this.select(this.active, true);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (target >= 0) this.moveFocusTo(Math.min(this.rows.length - 1, Math.max(0, target)));
  }

  private moveFocusTo(position: number): void {
    this.active = this.rows[position]!;
    this.scrollIntoView(this.active);
    this.render();
    this.rendered.get(this.active)?.focus({ preventScroll: true });
  }
}
