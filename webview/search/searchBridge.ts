/**
 * The Traces view's side of the host protocol: typed `postMessage`, validated inbound messages, and the
 * persisted UI state (the sort order only: the form and the results come from the host after `ready`).
 */
import type { SortKey, ToSearchHostMessage } from '../../src/protocol/searchMessages';
import { SORT_LABELS } from '../../src/core/searchResultsModel';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface SearchUiState {
  readonly sort: SortKey;
}

export interface SearchBridge {
  post(message: ToSearchHostMessage): void;
  loadUiState(): SearchUiState;
  saveUiState(state: SearchUiState): void;
}

export function createSearchBridge(): SearchBridge {
  const vscode = acquireVsCodeApi();
  return {
    post: (message) => vscode.postMessage(message),
    loadUiState: () => {
      const state = vscode.getState() as { sort?: unknown } | undefined;
      const sort = state?.sort;
      return { sort: typeof sort === 'string' && sort in SORT_LABELS ? (sort as SortKey) : 'recent' };
    },
    saveUiState: (state) => vscode.setState(state),
  };
}
