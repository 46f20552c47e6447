/**
 * The span rows: a virtualized ARIA tree. Only the rows in view (plus a small overscan) are in the DOM;
 * a canvas as tall as all visible rows gives the scrollbar its size, and rows are absolutely positioned
 * in it. Traces reach 200k spans, so nothing here walks all spans except on expand/collapse/filter.
 *
 * Stable DOM hooks (used by the integration tests; keep them when restyling):
 * - `.tl-tree` (`role="tree"`): the scrolling viewport holding the axis and the rows.
 * - `.tl-row` (`role="treeitem"`): one rendered row; `data-span-index` is its display index (the
 *   `spanIndex` of the protocol). `aria-level`, `aria-expanded` (only on rows with children),
 *   `aria-selected`, and `aria-label` = "service operation duration[, error][, orphan][, has warnings]".
 * - inside a row: `.tl-twisty` (expand/collapse, rows with children only), `.tl-service`,
 *   `.tl-operation`, `.tl-error` (error marker: icon + hidden "error" text), `.tl-orphan`,
 *   `.tl-warning-marker`, `.tl-bar` (the duration bar, `.tl-bar-error` on errors), `.tl-duration`,
 *   `.tl-hidden-errors` (errors inside a collapsed subtree), `.tl-critical-segment` (critical path).
 *   Row classes: `.tl-match` (find), `.tl-critical`, `.tl-skew-adjusted`.
 * - `.tl-hidden-row`: "N spans hidden by the filter" in place of pruned subtrees.
 * Elsewhere (see header.ts, toolbar.ts, detailPane.ts, main.ts): `#tl-expand-all`, `#tl-collapse-all`,
 * `#tl-details` with `.tl-attr` rows of `.tl-attr-key` / `.tl-attr-value`, `#tl-error-message`.
 */
import { SpanFlag, type TraceViewModel } from '../src/protocol/traceView';
import { collapseOneLevel, expandOneLevel, setSubtreeCollapsed } from '../src/core/foldLevels';
import { descendantErrorCounts, filterRows, NO_FILTER, spansShorterThan, subtreeSizes, type FilteredRows, type SpanFilter } from '../src/core/spanFilters';
import { childCounts, FULL_ZOOM, spansWithChildren, zoomAround, type ZoomWindow } from '../src/core/waterfallLayout';
import { el } from './dom';
import { createHiddenRow, createSpanRow, placeRow, showSourceIcon } from './rowRenderer';
import { createTimeAxis, type TimeAxis } from './timeAxis';
import { KEY_ZOOM_STEP, treeKeyAction } from './treeKeys';
import { WaterfallTimes } from './waterfallTimes';

/** Must match `--tl-row-height` in media/waterfall.css. */
const ROW_HEIGHT_PX = 22;
/** Rows rendered above and below the viewport so fast scrolling does not show blank space. */
const OVERSCAN_ROWS = 12;

export interface WaterfallInitialState {
  readonly collapsed: readonly number[];
  /** Display index, or -1. */
  readonly selectedSpan: number;
  /** Pixels. */
  readonly scrollTop: number;
  readonly zoom?: ZoomWindow;
  /** Width of the name column, percent of the tree's width. */
  readonly nameWidthPercent?: number;
  readonly criticalPath?: boolean;
  readonly skewAdjusted?: boolean;
}

export interface WaterfallOptions {
  readonly view: TraceViewModel;
  readonly initial?: WaterfallInitialState;
  /** The user selected a span (click, Enter, or a reference in the detail pane). */
  readonly onSelect: (displayIndex: number) => void;
  /**
   * Collapsed set, selection, zoom or scroll position changed: worth persisting. `fromScroll`: scrolling,
   * which fires on every frame and may be saved lazily; anything else should be saved at once.
   */
  readonly onUiStateChanged: (fromScroll?: boolean) => void;
  /** The context menu was asked for on a row, at these client coordinates. */
  readonly onContextMenu: (displayIndex: number, x: number, y: number) => void;
  /** "Go to Source" by keyboard (`g`). */
  readonly onRevealSource: (displayIndex: number) => void;
}

export class WaterfallView {
  readonly element: HTMLElement;
  private readonly view: TraceViewModel;
  private readonly options: WaterfallOptions;
  private readonly canvas: HTMLElement;
  private axis: TimeAxis;
  private readonly childCount: Int32Array;
  private readonly subtreeSize: Int32Array;
  private readonly descendantErrors: Int32Array;
  private readonly collapsed: Uint8Array;
  /** Raw/adjusted times, zoom, self time and critical path. */
  readonly times: WaterfallTimes;
  private filter: SpanFilter = NO_FILTER;
  private filtered: FilteredRows;
  /** `rowPosition[displayIndex]`: its position in `filtered.rows`, or -1 when not shown. */
  private rowPosition: Int32Array;
  private readonly rendered = new Map<number, HTMLElement>();
  private sourceMatches: ReadonlyMap<number, string> = new Map();
  private matches = new Uint8Array(0);
  private nameWidthPercent = 40;
  private selected = -1;
  /** The row that holds the roving tabindex (keyboard focus target). */
  private active = 0;
  private renderQueued = false;
  /**
   * Bumped by every change that moves or restyles rows already in the DOM (folding, filters, selection,
   * matches, zoom, time mode). A plain scroll does not bump it, so it only has to build the new rows.
   */
  private stateVersion = 0;
  private readonly appliedVersion = new WeakMap<HTMLElement, number>();
  private readonly zoomListeners: ((window: ZoomWindow) => void)[] = [];

  constructor(options: WaterfallOptions) {
    this.options = options;
    this.view = options.view;
    const spans = this.view.spans;
    const count = spans.parent.length;
    this.childCount = childCounts(spans);
    this.subtreeSize = subtreeSizes(spans.parent);
    this.descendantErrors = descendantErrorCounts(spans);
    this.times = new WaterfallTimes(spans, this.view.durationUs);
    this.collapsed = new Uint8Array(count);
    this.rowPosition = new Int32Array(count);

    this.element = el('div', 'tl-tree');
    this.element.setAttribute('role', 'tree');
    this.element.setAttribute('aria-label', `Spans of ${this.view.title}`);
    this.canvas = el('div', 'tl-canvas');
    this.axis = createTimeAxis(0, 1, (percent) => this.setNameWidth(percent));
    this.element.append(this.axis.element, this.canvas);

    const initial = options.initial;
    if (initial) {
      for (const index of initial.collapsed) if (index < count) this.collapsed[index] = 1;
      if (initial.selectedSpan >= 0 && initial.selectedSpan < count) this.selected = initial.selectedSpan;
      if (initial.zoom) this.times.zoom = initial.zoom;
      if (initial.nameWidthPercent !== undefined) this.nameWidthPercent = initial.nameWidthPercent;
      this.times.setSkewAdjusted(initial.skewAdjusted === true);
      this.times.setCriticalPath(initial.criticalPath === true);
    }
    this.setNameWidth(this.nameWidthPercent, false);
    this.filtered = this.computeRows();
    this.updateAxis();
    if (this.selected >= 0 && this.rowPosition[this.selected]! >= 0) this.active = this.selected;

    // Scroll events come once per frame, just before rAF callbacks: rendering right here shows the new
    // rows in the same frame (a rAF would be one frame later, flashing blank rows during a fling).
    this.element.addEventListener('scroll', () => {
      this.render();
      this.options.onUiStateChanged(true);
    });
    this.canvas.addEventListener('click', (event) => this.onClick(event));
    this.canvas.addEventListener('contextmenu', (event) => {
      const displayIndex = this.rowOf(event.target);
      if (displayIndex < 0) return;
      event.preventDefault();
      this.select(displayIndex, true);
      this.options.onContextMenu(displayIndex, event.clientX, event.clientY);
    });
    this.element.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.element.addEventListener('focusin', (event) => this.onFocusIn(event));
    new ResizeObserver(() => this.queueRender()).observe(this.element);

    // Restoring the scroll position needs the element in the document: wait one frame.
    requestAnimationFrame(() => {
      if (initial) this.element.scrollTop = initial.scrollTop;
      this.render();
    });
  }

  /** How many span rows are shown (not hidden under collapsed spans or by the filter). */
  get visibleRowCount(): number {
    return this.filtered.rows.length - this.filtered.hiddenGroups.length;
  }

  get hiddenByFilter(): number {
    return this.filtered.hiddenByFilter;
  }

  get selectedSpan(): number {
    return this.selected;
  }

  onZoomChanged(listener: (window: ZoomWindow) => void): void {
    this.zoomListeners.push(listener);
  }

  uiState(): Required<WaterfallInitialState> {
    const collapsed: number[] = [];
    for (let i = 0; i < this.collapsed.length; i++) if (this.collapsed[i]) collapsed.push(i);
    return {
      collapsed, selectedSpan: this.selected, scrollTop: this.element.scrollTop, zoom: this.times.zoom,
      nameWidthPercent: this.nameWidthPercent, criticalPath: this.times.criticalPathShown, skewAdjusted: this.times.skewAdjusted,
    };
  }

  expandAll(): void {
    this.collapsed.fill(0);
    this.rowsChanged();
  }

  collapseAll(): void {
    for (const index of spansWithChildren(this.view.spans)) this.collapsed[index] = 1;
    this.rowsChanged();
  }

  /** Expands the shallowest level that has collapsed spans shown. */
  expandOneLevel(): void {
    if (expandOneLevel(this.view.spans, this.collapsed, this.filtered.rows)) this.rowsChanged();
  }

  /** Collapses the deepest level of shown spans that have children. */
  collapseOneLevel(): void {
    if (collapseOneLevel(this.view.spans, this.childCount, this.collapsed, this.filtered.rows)) this.rowsChanged();
  }

  /** "Collapse spans shorter than N ms" (threshold in µs). */
  collapseShorterThan(thresholdUs: number): void {
    for (const index of spansShorterThan(this.view.spans, this.childCount, thresholdUs)) this.collapsed[index] = 1;
    this.rowsChanged();
  }

  /** Expands or collapses a span and every span below it. */
  setSubtreeCollapsed(displayIndex: number, collapse: boolean): void {
    setSubtreeCollapsed(this.childCount, this.subtreeSize, this.collapsed, displayIndex, collapse);
    this.rowsChanged();
  }

  setFilter(filter: SpanFilter): void {
    this.filter = filter;
    this.rowsChanged();
  }

  /** Find results (display indices): highlighted; the filter's "matches only" reads them via `matchMask`. */
  setMatches(matches: readonly number[]): void {
    this.matches = new Uint8Array(this.collapsed.length);
    for (const index of matches) if (index < this.matches.length) this.matches[index] = 1;
    this.stateVersion++;
    this.render();
  }

  /** Spans that map to code (display index → evidence): their rows get a "Go to Source" icon. */
  setSourceMatches(matches: ReadonlyMap<number, string>): void {
    this.sourceMatches = matches;
    this.stateVersion++;
    this.render();
  }

  get matchMask(): Uint8Array {
    return this.matches;
  }

  /** Selects the next (or previous) span, after the selection in display order, whose flag/mask is set. */
  selectNext(mask: (displayIndex: number) => boolean, direction: 1 | -1): boolean {
    const count = this.collapsed.length;
    const from = this.selected >= 0 ? this.selected : direction === 1 ? -1 : count;
    for (let step = 1; step <= count; step++) {
      const candidate = (((from + direction * step) % count) + count) % count;
      if (mask(candidate)) {
        this.select(candidate, false);
        return true;
      }
    }
    return false;
  }

  selectNextError(direction: 1 | -1 = 1): boolean {
    return this.selectNext((i) => (this.view.spans.flags[i]! & SpanFlag.Error) !== 0, direction);
  }

  setZoom(window: ZoomWindow): void {
    this.times.zoom = window;
    this.timesChanged();
  }

  zoomBy(factor: number, anchor = 0.5): void {
    this.setZoom(zoomAround(this.times.zoom, factor, anchor));
  }

  setCriticalPath(show: boolean): void {
    this.times.setCriticalPath(show);
    this.stateVersion++;
    this.render();
    this.options.onUiStateChanged();
  }

  setSkewAdjusted(adjusted: boolean): void {
    this.times.setSkewAdjusted(adjusted);
    this.timesChanged();
  }

  private timesChanged(): void {
    this.stateVersion++;
    this.updateAxis();
    this.render();
    for (const listener of this.zoomListeners) listener(this.times.zoom);
    this.options.onUiStateChanged();
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
    if (expandedAny) this.filtered = this.computeRows();
    this.selected = displayIndex;
    this.stateVersion++;
    if (this.rowPosition[displayIndex]! >= 0) this.active = displayIndex;
    // A jump from afar (a reference in the detail pane) centers the row; a nearby one scrolls minimally.
    this.scrollIntoView(displayIndex, true);
    this.render();
    if (focus) this.rendered.get(displayIndex)?.focus({ preventScroll: true });
    this.options.onSelect(displayIndex);
    this.options.onUiStateChanged();
  }

  /** Focuses the keyboard target row (after the find box or a menu closes). */
  focus(): void {
    this.scrollIntoView(this.active);
    this.render();
    this.rendered.get(this.active)?.focus({ preventScroll: true });
  }

  private setNameWidth(percent: number, save = true): void {
    this.nameWidthPercent = Math.min(80, Math.max(10, percent));
    this.element.style.setProperty('--tl-name-width', `${this.nameWidthPercent}%`);
    if (save) this.options.onUiStateChanged();
  }

  private setCollapsed(displayIndex: number, collapse: boolean): void {
    if (this.childCount[displayIndex] === 0 || (this.collapsed[displayIndex] === 1) === collapse) return;
    this.collapsed[displayIndex] = collapse ? 1 : 0;
    this.rowsChanged();
  }

  private rowsChanged(): void {
    this.filtered = this.computeRows();
    this.render();
    this.options.onUiStateChanged();
  }

  private computeRows(): FilteredRows {
    this.stateVersion++;
    const filtered = filterRows(this.view.spans, this.collapsed, this.filter, this.subtreeSize);
    this.rowPosition.fill(-1);
    const rows = filtered.rows;
    for (let position = 0; position < rows.length; position++) if (rows[position]! >= 0) this.rowPosition[rows[position]!] = position;
    // Placeholder rows are re-created: their numbering changes with every filter.
    for (const [key, row] of this.rendered) {
      if (key < 0) {
        row.remove();
        this.rendered.delete(key);
      }
    }
    // Keep the keyboard focus target on a visible row: the nearest shown ancestor of a hidden one.
    while (this.active > 0 && this.rowPosition[this.active]! < 0) this.active = this.view.spans.parent[this.active]!;
    if (this.active < 0 || this.rowPosition[this.active]! < 0) this.active = firstSpanRow(rows);
    this.canvas.style.height = `${rows.length * ROW_HEIGHT_PX}px`;
    return filtered;
  }

  private updateAxis(): void {
    const window = this.times.window();
    const axis = createTimeAxis(window.startUs, window.startUs + window.lengthUs, (percent) => this.setNameWidth(percent));
    this.axis.element.replaceWith(axis.element);
    this.axis = axis;
    // Grid lines behind the bars repeat at the axis tick interval (a CSSOM property, allowed by the CSP).
    this.canvas.style.setProperty('--tl-tick-step', `${axis.tickStepPercent}%`);
    this.canvas.style.setProperty('--tl-tick-offset', `${axis.firstTickPercent}%`);
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
  render(): void {
    const rows = this.filtered.rows;
    const rowsTop = this.element.scrollTop;
    const rowsHeight = Math.max(0, this.element.clientHeight - this.axis.element.offsetHeight);
    const first = Math.max(0, Math.floor(rowsTop / ROW_HEIGHT_PX) - OVERSCAN_ROWS);
    const last = Math.min(rows.length - 1, Math.ceil((rowsTop + rowsHeight) / ROW_HEIGHT_PX) + OVERSCAN_ROWS);

    const wanted = new Map<number, number>();
    for (let position = first; position <= last; position++) wanted.set(rows[position]!, position);
    const focused = document.activeElement;
    for (const [key, row] of this.rendered) {
      // The focused row stays in the DOM even when scrolled away, so keyboard focus is never lost.
      const keep = wanted.has(key) || (key >= 0 && row === focused && this.rowPosition[key]! >= 0);
      if (!keep) {
        row.remove();
        this.rendered.delete(key);
      }
    }
    for (const key of wanted.keys()) {
      if (!this.rendered.has(key)) {
        const row = key >= 0
          ? createSpanRow(this.view, key, this.childCount[key]! > 0, this.descendantErrors[key]!, this.times.selfTimeUs(key))
          : createHiddenRow(this.filtered.hiddenGroups[-key - 1]!);
        this.rendered.set(key, row);
        this.canvas.appendChild(row);
      }
    }
    const firstSpan = firstSpanRow(rows.subarray(first));
    const tabStop = this.rendered.has(this.active) ? this.active : firstSpan;
    const { startUs: windowStartUs, lengthUs: windowLengthUs } = this.times.window();
    for (const [key, row] of this.rendered) {
      const tabIndex = key === tabStop ? 0 : -1;
      if (key >= 0 && row.tabIndex !== tabIndex) row.tabIndex = tabIndex;
      if (this.appliedVersion.get(row) === this.stateVersion) continue;
      this.appliedVersion.set(row, this.stateVersion);
      const position = key >= 0 ? this.rowPosition[key]! : wanted.get(key)!;
      row.style.top = `${position * ROW_HEIGHT_PX}px`;
      if (key < 0) continue;
      this.updateRow(row, key);
      placeRow(row, {
        startUs: this.times.startOf(key), durationUs: this.view.spans.durationUs[key]!, windowStartUs, windowLengthUs,
        collapsed: this.collapsed[key] === 1, criticalSegments: this.times.criticalSegments(key),
      });
    }
  }

  private updateRow(row: HTMLElement, displayIndex: number): void {
    const isSelected = displayIndex === this.selected;
    row.setAttribute('aria-selected', String(isSelected));
    row.classList.toggle('tl-selected', isSelected);
    row.classList.toggle('tl-match', this.matches[displayIndex] === 1);
    showSourceIcon(row, this.sourceMatches.get(displayIndex), () => this.options.onRevealSource(displayIndex));
    row.classList.toggle('tl-skew-adjusted', this.times.isShownAdjusted(displayIndex));
    if (this.childCount[displayIndex]! > 0) row.setAttribute('aria-expanded', String(this.collapsed[displayIndex] === 0));
  }

  private scrollIntoView(displayIndex: number, centerIfFar = false): void {
    const position = this.rowPosition[displayIndex]!;
    if (position < 0) return;
    const top = position * ROW_HEIGHT_PX;
    const rowsHeight = Math.max(ROW_HEIGHT_PX, this.element.clientHeight - this.axis.element.offsetHeight);
    const far = top + ROW_HEIGHT_PX < this.element.scrollTop || top > this.element.scrollTop + rowsHeight;
    if (centerIfFar && far) this.element.scrollTop = Math.max(0, top - rowsHeight / 2);
    else if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + ROW_HEIGHT_PX > this.element.scrollTop + rowsHeight) this.element.scrollTop = top + ROW_HEIGHT_PX - rowsHeight;
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
      const collapse = this.collapsed[displayIndex] === 0;
      // Shift+click folds or unfolds the whole subtree.
      if (event.shiftKey) this.setSubtreeCollapsed(displayIndex, collapse);
      else this.setCollapsed(displayIndex, collapse);
      this.rendered.get(displayIndex)?.focus({ preventScroll: true });
      return;
    }
    this.select(displayIndex, true);
  }

  /** Ctrl/Cmd + wheel zooms around the pointer's time; plain wheel scrolls as usual. */
  private onWheel(event: WheelEvent): void {
    if (!event.ctrlKey && !event.metaKey) return;
    const scale = this.axis.element.querySelector('.tl-axis-scale')?.getBoundingClientRect();
    if (!scale || scale.width <= 0) return;
    event.preventDefault();
    const anchor = (event.clientX - scale.left) / scale.width;
    this.zoomBy(Math.pow(KEY_ZOOM_STEP, -event.deltaY / 100), anchor);
  }

  private onFocusIn(event: FocusEvent): void {
    const displayIndex = this.rowOf(event.target);
    if (displayIndex < 0 || displayIndex === this.active) return;
    this.active = displayIndex;
    this.render();
  }

  /** Keys of the tree (see treeKeys.ts), on a focused row only: the find box and menus have their own. */
  private onKeyDown(event: KeyboardEvent): void {
    if (!(event.target instanceof Element) || !event.target.closest('.tl-row')) return;
    const position = this.rowPosition[this.active] ?? -1;
    if (position < 0 || this.filtered.rows.length === 0) return;
    const parent = this.view.spans.parent[this.active]!;
    const hasChildren = this.childCount[this.active]! > 0;
    const action = treeKeyAction(event.key, event.shiftKey, {
      position,
      rowCount: this.filtered.rows.length,
      pageSize: Math.max(1, Math.floor(this.element.clientHeight / ROW_HEIGHT_PX) - 2),
      hasChildren,
      isExpanded: hasChildren && this.collapsed[this.active] === 0,
      parentPosition: parent >= 0 ? this.rowPosition[parent]! : -1,
    });
    if (!action) return;
    event.preventDefault();
    switch (action.kind) {
      case 'move': return this.moveFocusTo(action.position, action.direction);
      case 'expand': return this.setCollapsed(this.active, false);
      case 'collapse': return this.setCollapsed(this.active, true);
      case 'expandSubtree': return this.setSubtreeCollapsed(this.active, false);
      case 'select': return this.select(this.active, true);
      case 'zoom': return this.zoomBy(action.factor);
      case 'zoomReset': return this.setZoom(FULL_ZOOM);
      case 'revealSource': return this.options.onRevealSource(this.active);
      case 'contextMenu': {
        const box = this.rendered.get(this.active)?.getBoundingClientRect();
        if (box) this.options.onContextMenu(this.active, box.left + 40, box.bottom);
        return;
      }
      case 'none': return;
    }
  }

  /** Moves the keyboard focus to row `position`, skipping "spans hidden" rows in the direction of travel. */
  private moveFocusTo(position: number, direction: 1 | -1): void {
    const rows = this.filtered.rows;
    let at = Math.min(rows.length - 1, Math.max(0, position));
    while (at >= 0 && at < rows.length && rows[at]! < 0) at += direction;
    if (at < 0 || at >= rows.length) return;
    this.active = rows[at]!;
    this.scrollIntoView(this.active);
    this.render();
    this.rendered.get(this.active)?.focus({ preventScroll: true });
  }
}

function firstSpanRow(rows: Int32Array): number {
  for (const row of rows) if (row >= 0) return row;
  return 0;
}
