import * as vscode from 'vscode';
import { criteriaFromForm } from '../core/searchCriteria';
import { searchResultRows } from '../core/searchResultsModel';
import type { BackendFailure } from '../jaeger/backendTypes';
import { parseLogfmtTags } from '../jaeger/responseShapes';
import type { SearchForm, SearchResultRow } from '../protocol/searchMessages';
import type { BackendConnection, NotConfigured } from './backendConnection';
import { registerCommand } from './commands';
import { showConnectionFailure } from './connectionErrors';
import { Command, View } from './contributions';
import type { BackendServices } from './openTraceById';

export type SearchOutcome =
  | { readonly ok: true; readonly rows: readonly SearchResultRow[]; readonly limitReached: boolean }
  /** `failure` is absent when the form itself was refused (its message says why). */
  | { readonly ok: false; readonly message: string; readonly failure?: BackendFailure | NotConfigured };

/**
 * "Trace Lens: Search Traces…": the search form lives in the Traces view, so this shows it, and says
 * at once when there is no backend to search.
 */
export function registerSearchTraces(context: vscode.ExtensionContext, connection: BackendConnection): void {
  registerCommand(context, Command.SearchTraces, async () => {
    // Every view gets a `<id>.focus` command from VS Code; it also opens the view's container.
    await vscode.commands.executeCommand(`${View.Traces}.focus`);
    const status = connection.status();
    if (!status.configured) await showConnectionFailure({ ok: false, reason: 'not-configured', message: status.problem ?? '' }, 'search traces');
  });
}

/**
 * Runs one search: form → criteria → backend → rows for the view. Traces that came with the search answer
 * go into the cache, so opening a result does not fetch it again. The form is remembered as a recent search.
 */
export async function runTraceSearch(services: BackendServices, form: SearchForm, signal: AbortSignal): Promise<SearchOutcome> {
  const opened = await services.connection.getBackend(signal);
  if (!opened.ok) return { ok: false, message: opened.message, failure: opened };
  const backend = opened.value;
  const jaeger = backend.kind === 'jaeger-v1' || backend.kind === 'jaeger-v3';
  const criteria = criteriaFromForm(form, Date.now() * 1000, parseLogfmtTags, { errorTag: jaeger });
  if (!criteria.ok) return { ok: false, message: criteria.message };
  const found = await backend.searchTraces(criteria.criteria, signal);
  if (!found.ok) return { ok: false, message: found.message, failure: found };
  for (const hit of found.value) if (hit.trace !== undefined) services.cache.remember(hit.trace);
  await services.history.addSearch(form);
  return {
    ok: true,
    rows: searchResultRows(found.value.map((hit) => hit.summary), form.errorsOnly),
    limitReached: found.value.length >= criteria.criteria.limit,
  };
}
