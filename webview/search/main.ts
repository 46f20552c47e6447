/**
 * Entry point of the Traces view (bundled to dist/searchView.js). Protocol: send `ready`; receive the
 * connection status, the form to restore, services and operations; send `searchTraces`; receive
 * `resultsLoaded` or `searchFailed`. The view never talks to the network: the host does.
 */
import type { MessageHandlers } from '../../src/protocol/messages';
import { parseToSearchWebviewMessage, type ToSearchWebview, type ToSearchWebviewMessage } from '../../src/protocol/searchMessages';
import { el } from '../dom';
import { createResultsList } from './resultsList';
import { createScatterPlot } from './scatterPlot';
import { createSearchBridge } from './searchBridge';
import { createSearchForm } from './searchForm';

function main(): void {
  const root = document.getElementById('tl-root') ?? document.body.appendChild(el('div'));
  const bridge = createSearchBridge();
  let currentSearch = 0;

  const connection = el('div', 'tl-connection');
  const form = createSearchForm({
    onServiceChosen: (service) => bridge.post({ type: 'requestOperations', service }),
    onSearch: (values) => bridge.post({ type: 'searchTraces', form: values }),
    onCancel: () => bridge.post({ type: 'cancelSearch' }),
  });
  const lookupProblem = el('p', 'tl-lookup-problem tl-error-text');
  lookupProblem.hidden = true;
  const scatter = createScatterPlot((traceId) => bridge.post({ type: 'openTrace', traceId }));
  const results = createResultsList(bridge.loadUiState().sort, {
    onOpen: (traceId) => bridge.post({ type: 'openTrace', traceId }),
    onOpenInBrowser: (traceId) => bridge.post({ type: 'openInBrowser', traceId }),
    onSortChanged: (sort) => bridge.saveUiState({ sort }),
  });
  scatter.show([]);
  root.replaceChildren(connection, form.element, lookupProblem, scatter.element, results.element);

  const handlers: MessageHandlers<ToSearchWebview> = {
    connectionChanged: ({ status }) => {
      const text = status.configured ? `Backend: ${status.displayUrl ?? ''}` : (status.problem ?? 'No trace backend is configured.');
      const children: Node[] = [el('span', status.configured ? 'tl-connection-url' : 'tl-connection-problem', text)];
      const button = el('button', 'tl-secondary', status.configured ? 'Reload services' : 'Configure Backend URL');
      button.type = 'button';
      button.addEventListener('click', () => bridge.post(status.configured ? { type: 'refreshServices' } : { type: 'configureBackend' }));
      children.push(button);
      connection.replaceChildren(...children);
      lookupProblem.hidden = true;
    },
    formRestored: ({ form: values, recentSearches }) => {
      form.setRecentSearches(recentSearches);
      form.setForm(values);
    },
    recentSearchesChanged: ({ recentSearches }) => form.setRecentSearches(recentSearches),
    servicesLoaded: ({ services }) => {
      lookupProblem.hidden = true;
      form.setServices(services);
    },
    operationsLoaded: ({ service, operations }) => form.setOperations(service, operations),
    lookupFailed: ({ message }) => {
      lookupProblem.textContent = message;
      lookupProblem.hidden = false;
    },
    searchStarted: ({ searchId }) => {
      currentSearch = searchId;
      form.setBusy(true);
      results.showMessage('Searching…', false);
    },
    resultsLoaded: ({ searchId, rows, tookMs, limitReached }) => {
      // Results of an older search than the one running are stale; after a reload (currentSearch 0) the
      // host re-sends the last results.
      if (searchId < currentSearch) return;
      currentSearch = searchId;
      form.setBusy(false);
      scatter.show(rows);
      const count = rows.length === 1 ? '1 trace' : `${rows.length} traces`;
      const more = limitReached ? ' (the limit: raise it or narrow the search for more)' : '';
      results.show(rows, rows.length === 0 ? `No traces found (${tookMs} ms).` : `${count} in ${tookMs} ms${more}`);
    },
    searchFailed: ({ searchId, message }) => {
      if (searchId !== currentSearch) return;
      form.setBusy(false);
      results.showMessage(message === '' ? 'Search cancelled.' : message, message !== '');
    },
  };
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseToSearchWebviewMessage(event.data);
    if (message !== undefined) (handlers[message.type] as (message: ToSearchWebviewMessage) => void)(message);
  });
  bridge.post({ type: 'ready' });
}

main();
