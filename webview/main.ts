/**
 * Entry point of the waterfall webview (bundled to dist/webview.js). The host's HTML body is only
 * `<div id="tl-root"></div>`; everything else is built here. Protocol: send `ready`, receive `traceLoaded`
 * (draw), `spanDetailsLoaded` (fill the detail pane) or `loadFailed` (show the message).
 */
import type { MessageHandlers, ToWebview } from '../src/protocol/messages';
import type { SpanDetails, TraceViewModel } from '../src/protocol/traceView';
import { createDetailPane, type DetailPane } from './detailPane';
import { el } from './dom';
import { createHeader } from './header';
import { createHostBridge, dispatchToWebview, parseToWebviewMessage, type HostBridge } from './hostBridge';
import { WaterfallView } from './waterfallView';

/** Scrolling fires many events; the UI state is saved at most this often (ms). */
const SAVE_STATE_DELAY_MS = 200;

interface ShownTrace {
  readonly view: TraceViewModel;
  readonly waterfall: WaterfallView;
  readonly details: DetailPane;
}

function main(): void {
  const root = document.getElementById('tl-root') ?? document.body.appendChild(el('div'));
  const bridge = createHostBridge();
  let shown: ShownTrace | undefined;

  const handlers: MessageHandlers<ToWebview> = {
    traceLoaded: ({ view }) => {
      shown = showTrace(root, view, bridge);
    },
    spanDetailsLoaded: ({ details }) => showDetails(shown, details),
    loadFailed: ({ message }) => {
      shown = undefined;
      showLoadFailed(root, message);
    },
  };
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseToWebviewMessage(event.data);
    if (message) dispatchToWebview(handlers, message);
  });
  root.replaceChildren(el('p', 'tl-loading', 'Loading trace…'));
  bridge.post({ type: 'ready' });
}

function showTrace(root: HTMLElement, view: TraceViewModel, bridge: HostBridge): ShownTrace {
  const saved = bridge.loadUiState();
  // Saved state belongs to one trace: a panel reused for another trace starts fresh.
  const initial = saved?.traceId === view.traceId ? saved : undefined;

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleSave = (): void => {
    header.setVisibleRowCount(waterfall.visibleRowCount);
    if (saveTimer !== undefined) return;
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      bridge.saveUiState({ traceId: view.traceId, ...waterfall.uiState() });
    }, SAVE_STATE_DELAY_MS);
  };

  const details = createDetailPane((displayIndex) => waterfall.select(displayIndex, true));
  const waterfall = new WaterfallView({
    view,
    ...(initial ? { initial } : {}),
    onSelect: (displayIndex) => {
      details.showLoading();
      bridge.post({ type: 'requestSpanDetails', spanIndex: displayIndex });
    },
    onUiStateChanged: scheduleSave,
  });
  const header = createHeader(view, {
    onExpandAll: () => waterfall.expandAll(),
    onCollapseAll: () => waterfall.collapseAll(),
  });
  header.setVisibleRowCount(waterfall.visibleRowCount);

  const body = el('div', 'tl-body');
  body.append(waterfall.element, details.element);
  root.replaceChildren(header.element, body);

  if (waterfall.selectedSpan >= 0) {
    details.showLoading();
    bridge.post({ type: 'requestSpanDetails', spanIndex: waterfall.selectedSpan });
  } else {
    details.showPlaceholder();
  }
  return { view, waterfall, details };
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
