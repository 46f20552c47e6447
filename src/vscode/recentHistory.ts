import type * as vscode from 'vscode';
import { pushRecent, validRecentTraces, type RecentTrace } from '../core/recentList';
import { parseSearchForm, type SearchForm } from '../protocol/searchMessages';

const RECENT_SEARCHES_KEY = 'traceLens.recentSearches';
const RECENT_TRACES_KEY = 'traceLens.recentTraces';
const MAX_RECENT_SEARCHES = 10;
const MAX_RECENT_TRACES = 20;

/**
 * Recent searches and recently opened traces, per workspace (`workspaceState`): what someone investigating
 * this code base looked at, not a global history.
 */
export class RecentHistory {
  constructor(private readonly state: vscode.Memento) {}

  /** Newest first. Entries stored by an older version in another shape are dropped. */
  searches(): SearchForm[] {
    const stored = this.state.get<unknown>(RECENT_SEARCHES_KEY);
    return Array.isArray(stored) ? stored.map(parseSearchForm).filter((form): form is SearchForm => form !== undefined) : [];
  }

  async addSearch(form: SearchForm): Promise<void> {
    await this.state.update(RECENT_SEARCHES_KEY, pushRecent(this.searches(), form, (entry) => JSON.stringify(entry), MAX_RECENT_SEARCHES));
  }

  /** Newest first. */
  traces(): RecentTrace[] {
    return validRecentTraces(this.state.get<unknown>(RECENT_TRACES_KEY));
  }

  async addTrace(trace: RecentTrace): Promise<void> {
    await this.state.update(RECENT_TRACES_KEY, pushRecent(this.traces(), trace, (entry) => entry.traceId, MAX_RECENT_TRACES));
  }
}
