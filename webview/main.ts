/**
 * Entry point of the waterfall webview (bundled to dist/webview.js). The host's HTML body is only
 * `<div id="tl-root"></div>`; everything else is built here. Protocol: send `ready`, receive `traceLoaded`
 * (draw), `spanDetailsLoaded` (fill the detail pane), `spansFound` (find results) or `loadFailed`.
 */
import type { MessageHandlers, ToWebview } from '../src/protocol/messages';
import type { SpanDetails, TraceSource, TraceViewModel } from '../src/protocol/traceView';
import { formatDurationUs, FULL_ZOOM } from '../src/core/waterfallLayout';
import type { SpanFilter } from '../src/core/spanFilters';
import { closeContextMenu, showContextMenu } from './contextMenu';
import { createDetailPane, type DetailPane } from './detailPane';
import { el } from './dom';
import { createFilterPanel } from './filterPanel';
import { createFindBar } from './findBar';
import { createHeader } from './header';
import { createHostBridge, dispatchToWebview, parseToWebviewMessage, type HostBridge } from './hostBridge';
import { createMinimap } from './minimap';
import { createStatisticsPanel } from './statisticsPanel';
import { createViewControls } from './viewControls';
import { WaterfallView } from './waterfallView';

/** Scrolling fires many events; the UI state is saved at most this often (ms). */
const SAVE_STATE_DELAY_MS = 200;

interface ShownTrace {
  readonly view: TraceViewModel;
  readonly waterfall: WaterfallView;
  readonly details: DetailPane;
  readonly onSpansFound: (query: string, matches: readonly number[]) => void;
  readonly onSourceMatches: (matches: ReadonlyMap<number, string>) => void;
  readonly focusFind: () => void;
}

function main(): void {
  const root = document.getElementById('tl-root') ?? document.body.appendChild(el('div'));
  const bridge = createHostBridge();
  let shown: ShownTrace | undefined;

  const handlers: MessageHandlers<ToWebview> = {
    traceLoaded: ({ view, source }) => {
      shown = showTrace(root, view, source, bridge);
    },
    spanDetailsLoaded: ({ details }) => showDetails(shown, details),
    loadFailed: ({ message }) => {
      shown = undefined;
      showLoadFailed(root, message);
    },
    spansFound: ({ query, matches }) => shown?.onSpansFound(query, matches),
    sourceMatchesLoaded: ({ matches }) => shown?.onSourceMatches(new Map(matches.map((m) => [m.spanIndex, m.evidence]))),
  };
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseToWebviewMessage(event.data);
    if (message) dispatchToWebview(handlers, message);
  });
  // `/` finds, from anywhere but a text field (where it is a character).
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
    if (event.key === '/' && !typing && shown) {
      event.preventDefault();
      shown.focusFind();
    }
  });
  root.replaceChildren(el('p', 'tl-loading', 'Loading trace…'));
  bridge.post({ type: 'ready' });
}

function showTrace(root: HTMLElement, view: TraceViewModel, source: TraceSource | undefined, bridge: HostBridge): ShownTrace {
  const saved = bridge.loadUiState();
  // Saved state belongs to one trace: a panel reused for another trace starts fresh.
  const initial = saved?.traceId === view.traceId ? saved : undefined;
  const persistedSource = source ?? initial?.source;

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = undefined;
    bridge.saveUiState({ traceId: view.traceId, ...waterfall.uiState(), ...(persistedSource ? { source: persistedSource } : {}) });
  };
  const onUiStateChanged = (fromScroll = false): void => {
    header.setVisibleRowCount(waterfall.visibleRowCount, waterfall.hiddenByFilter);
    if (!fromScroll) save();
    else saveTimer ??= setTimeout(save, SAVE_STATE_DELAY_MS);
  };

  const details = createDetailPane({
    onNavigate: (displayIndex) => waterfall.select(displayIndex, true),
    onCopyText: (text) => bridge.post({ type: 'copyText', text }),
    onCopySpan: (spanIndex, what) => bridge.post({ type: 'copySpan', spanIndex, what }),
    onRevealSource: (spanIndex) => bridge.post({ type: 'revealSource', spanIndex }),
    extraFields: (displayIndex) => {
      const fields: [string, string][] = [['Self time', formatDurationUs(waterfall.times.selfTimeUs(displayIndex))]];
      const delta = waterfall.times.skew.deltaUs[displayIndex] ?? 0;
      if (delta !== 0) fields.push(['Clock skew', `${waterfall.times.skewAdjusted ? 'moved' : 'can be moved'} by ${formatDurationUs(delta)}`]);
      return fields;
    },
  });
  const openMenu = (displayIndex: number, x: number, y: number): void =>
    showContextMenu([
      { id: 'tl-menu-go-to-source', label: 'Go to Source', run: () => bridge.post({ type: 'revealSource', spanIndex: displayIndex }) },
      { id: 'tl-menu-copy-id', label: 'Copy Span ID', run: () => bridge.post({ type: 'copySpan', spanIndex: displayIndex, what: 'id' }) },
      { id: 'tl-menu-copy-json', label: 'Copy Span as JSON', run: () => bridge.post({ type: 'copySpan', spanIndex: displayIndex, what: 'json' }) },
      { id: 'tl-menu-expand-subtree', label: 'Expand Subtree', run: () => waterfall.setSubtreeCollapsed(displayIndex, false) },
      { id: 'tl-menu-collapse-subtree', label: 'Collapse Subtree', run: () => waterfall.setSubtreeCollapsed(displayIndex, true) },
    ], x, y, () => waterfall.focus());

  const waterfall = new WaterfallView({
    view,
    ...(initial ? { initial } : {}),
    onSelect: (displayIndex) => {
      details.showLoading();
      bridge.post({ type: 'requestSpanDetails', spanIndex: displayIndex });
      showFindPosition();
    },
    onUiStateChanged,
    onContextMenu: openMenu,
    onRevealSource: (spanIndex) => bridge.post({ type: 'revealSource', spanIndex }),
  });

  // Find: the host answers with display indices; "matches only" turns them into a filter.
  let matches: readonly number[] = [];
  let matchesOnly = false;
  const applyFilter = (): void => {
    const base: SpanFilter = filters.filter;
    waterfall.setFilter(matchesOnly && findBar.query !== '' ? { ...base, only: waterfall.matchMask } : base);
  };
  const showFindPosition = (): void => findBar.showResult(matches.length, matches.indexOf(waterfall.selectedSpan));
  const findBar = createFindBar({
    onQuery: (query) => {
      if (query === '') {
        matches = [];
        waterfall.setMatches([]);
        applyFilter();
        showFindPosition();
      } else {
        bridge.post({ type: 'findSpans', query });
      }
    },
    onStep: (direction) => {
      const mask = waterfall.matchMask;
      waterfall.selectNext((i) => mask[i] === 1, direction);
    },
    onMatchesOnly: (only) => {
      matchesOnly = only;
      applyFilter();
    },
    onNextError: () => waterfall.selectNextError(1),
    onLeave: () => waterfall.focus(),
  });
  const filters = createFilterPanel(view, applyFilter);

  let statistics: HTMLElement | undefined;
  const toggleStatistics = (): void => {
    if (statistics) {
      statistics.remove();
      statistics = undefined;
      return;
    }
    statistics = createStatisticsPanel(view, () => waterfall.times.allSelfTimes(), toggleStatistics);
    body.before(statistics);
  };
  const minimap = createMinimap(
    { view, timeDomain: () => waterfall.times.timeDomain(), startOf: (displayIndex) => waterfall.times.startOf(displayIndex) },
    (zoom) => waterfall.setZoom(zoom),
  );
  const controls = createViewControls(
    { criticalPath: waterfall.times.criticalPathShown, skewAdjusted: waterfall.times.skewAdjusted, skewedCount: waterfall.times.skew.skewed.length },
    {
      onExpandLevel: () => waterfall.expandOneLevel(),
      onCollapseLevel: () => waterfall.collapseOneLevel(),
      onCollapseShorter: (thresholdUs) => waterfall.collapseShorterThan(thresholdUs),
      onCriticalPath: (show) => waterfall.setCriticalPath(show),
      onSkewAdjust: (adjust) => {
        waterfall.setSkewAdjusted(adjust);
        minimap.redraw();
      },
      onZoomReset: () => waterfall.setZoom(FULL_ZOOM),
      onStatistics: toggleStatistics,
    },
  );
  const findRow = el('div', 'tl-toolbar tl-find-row');
  findRow.append(findBar.element, filters.element);
  const header = createHeader(view, { onExpandAll: () => waterfall.expandAll(), onCollapseAll: () => waterfall.collapseAll() }, controls, [findRow]);
  header.setVisibleRowCount(waterfall.visibleRowCount, waterfall.hiddenByFilter);
  waterfall.onZoomChanged((zoom) => minimap.showWindow(zoom));
  minimap.showWindow(waterfall.times.zoom);

  const body = el('div', 'tl-body');
  body.append(waterfall.element, details.element);
  root.replaceChildren(header.element, minimap.element, body);
  root.addEventListener('scroll', closeContextMenu, true);

  // Saved at once, so that even an untouched panel knows its source when the window reloads.
  save();
  if (waterfall.selectedSpan >= 0) {
    details.showLoading();
    bridge.post({ type: 'requestSpanDetails', spanIndex: waterfall.selectedSpan });
  } else {
    details.showPlaceholder();
  }
  return {
    view,
    waterfall,
    details,
    onSpansFound: (query, found) => {
      // An answer for a query the user has since changed is dropped.
      if (query !== findBar.query) return;
      matches = found;
      waterfall.setMatches(found);
      if (matchesOnly) applyFilter();
      showFindPosition();
    },
    onSourceMatches: (sourceMatches) => waterfall.setSourceMatches(sourceMatches),
    focusFind: () => findBar.focus(),
  };
}

function showDetails(shown: ShownTrace | undefined, details: SpanDetails): void {
  // An answer that arrives after the user moved on to another span is dropped.
  if (!shown || details.spanIndex !== shown.waterfall.selectedSpan) return;
  shown.details.show(details);
}

function showLoadFailed(root: HTMLElement, message: string): void {
  const box = el('div', 'tl-load-failed');
  box.setAttribute('role', 'alert');
  const text = el('p', 'tl-error-message', message);
  text.id = 'tl-error-message';
  box.append(el('h1', 'tl-title', 'Could not load the trace'), text);
  root.replaceChildren(box);
}

main();
