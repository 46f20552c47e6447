import * as vscode from 'vscode';
import type { Span } from '../core/model';
import type { SourceHandler } from '../core/source/handlerTypes';
import { matchSpans, type SpanMatch } from '../core/spanMatching/matchSpans';
import type { MatchOptions, SourceLocation, WorkspaceIndex } from '../core/spanMatching/workspaceIndex';
import { createGrammarLoader, type GrammarLoader } from '../treeSitter/grammarLoader';
import { createWorkspaceIndexer, type WorkspaceIndexer } from '../treeSitter/workspaceIndexer';
import { readConfig } from './config';
import { Setting } from './contributions';

/** The files the index reads: source in the supported languages, and YAML for Kubernetes manifests. */
const WATCHED_FILES = '**/*.{ts,mts,cts,tsx,js,mjs,cjs,jsx,py,go,java,rb,yaml,yml}';

/**
 * The source index of the open workspace, one tree-sitter indexer per workspace folder, started on first
 * use (not at activation) and kept current by a file watcher. In a multi-root workspace the folders'
 * indexes are merged with each file path prefixed by its folder's name, so a service whose code is a root
 * folder is found by its name.
 */
export class SourceIndexService implements vscode.Disposable {
  private readonly indexers = new Map<string, { folder: vscode.WorkspaceFolder; indexer: WorkspaceIndexer; ready: Promise<unknown> }>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private readonly loader: GrammarLoader;
  private merged: { parts: readonly WorkspaceIndex[]; index: WorkspaceIndex } | undefined;
  private started = false;

  /** Fires after the index changed (a file was edited, created or deleted, or a folder was indexed). */
  readonly onDidChange: vscode.Event<void> = this.changeEmitter.event;

  constructor(
    extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.loader = createGrammarLoader(vscode.Uri.joinPath(extensionUri, 'dist').fsPath);
  }

  /** The current index, after the first full index of every folder has finished. */
  async index(): Promise<WorkspaceIndex> {
    this.start();
    await Promise.all([...this.indexers.values()].map((entry) => entry.ready));
    return this.current();
  }

  /** Matches spans against the index (waiting for the first index), with the settings' path and service mappings. */
  async match(spans: readonly Span[]): Promise<(SpanMatch | undefined)[]> {
    return matchSpans(await this.index(), spans, this.matchOptions());
  }

  matchOptions(): MatchOptions {
    return { pathMappings: readConfig(Setting.SourcePathMappings), serviceFolders: readConfig(Setting.SourceServiceFolders) };
  }

  /** The editor Uri of an indexed location. */
  uriOf(location: Pick<SourceLocation, 'file'>): vscode.Uri | undefined {
    const entries = [...this.indexers.values()];
    if (entries.length === 1 && entries[0]) return vscode.Uri.joinPath(entries[0].folder.uri, location.file);
    const slash = location.file.indexOf('/');
    const entry = entries.find((candidate) => candidate.folder.name === location.file.slice(0, slash));
    return entry ? vscode.Uri.joinPath(entry.folder.uri, location.file.slice(slash + 1)) : undefined;
  }

  /** The index path of a document, or undefined outside the workspace. */
  pathOf(uri: vscode.Uri): string | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const relative = vscode.workspace.asRelativePath(uri, false);
    return this.indexers.size > 1 ? `${folder.name}/${relative}` : relative;
  }

  /** The handlers indexed in one document (empty before the index is ready; listen to onDidChange). */
  handlersIn(uri: vscode.Uri): readonly SourceHandler[] {
    this.start();
    const path = this.pathOf(uri);
    return this.current().files.find((file) => file.path === path)?.handlers ?? [];
  }

  private current(): WorkspaceIndex {
    const parts = [...this.indexers.values()].map((entry) => entry.indexer.current());
    if (parts.length === 1 && parts[0]) return parts[0];
    if (this.merged && this.merged.parts.length === parts.length && this.merged.parts.every((part, i) => part === parts[i])) return this.merged.index;
    const names = [...this.indexers.values()].map((entry) => entry.folder.name);
    const index: WorkspaceIndex = {
      files: parts.flatMap((part, i) => part.files.map((file) => ({ ...file, path: `${names[i]}/${file.path}` }))),
      serviceAliases: parts.flatMap((part, i) => part.serviceAliases.map((group) => ({ ...group, manifestFolder: `${names[i]}/${group.manifestFolder}` }))),
    };
    this.merged = { parts, index };
    return index;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.addFolder(folder);
    const watcher = vscode.workspace.createFileSystemWatcher(WATCHED_FILES);
    const update = (uri: vscode.Uri) => void this.indexerOf(uri)?.updateFile(uri.fsPath).catch((error: unknown) => this.log.warn(`source index: ${uri.fsPath}: ${String(error)}`));
    this.disposables.push(
      watcher,
      watcher.onDidChange(update),
      watcher.onDidCreate(update),
      watcher.onDidDelete((uri) => this.indexerOf(uri)?.removeFile(uri.fsPath)),
      vscode.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const folder of event.removed) this.removeFolder(folder);
        for (const folder of event.added) this.addFolder(folder);
      }),
    );
  }

  private addFolder(folder: vscode.WorkspaceFolder): void {
    if (folder.uri.scheme !== 'file') return;
    const indexer = createWorkspaceIndexer(folder.uri.fsPath, this.loader);
    indexer.onDidChange(() => this.changeEmitter.fire());
    const started = Date.now();
    const ready = indexer.indexAll().then(
      (index) => this.log.info(`source index: ${folder.name}: ${index.files.length} files in ${Date.now() - started} ms`),
      (error: unknown) => this.log.error(`source index: ${folder.name}: ${String(error)}`),
    );
    this.indexers.set(folder.uri.toString(), { folder, indexer, ready });
  }

  private removeFolder(folder: vscode.WorkspaceFolder): void {
    const entry = this.indexers.get(folder.uri.toString());
    entry?.indexer.dispose();
    this.indexers.delete(folder.uri.toString());
    this.changeEmitter.fire();
  }

  private indexerOf(uri: vscode.Uri): WorkspaceIndexer | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.indexers.get(folder.uri.toString())?.indexer : undefined;
  }

  dispose(): void {
    for (const entry of this.indexers.values()) entry.indexer.dispose();
    this.indexers.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
