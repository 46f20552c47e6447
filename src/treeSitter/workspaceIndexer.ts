import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { indexSourceFile } from '../core/source/indexSourceFile';
import type { FileIndex } from '../core/source/handlerTypes';
import { serviceNamesInManifest } from '../core/source/kubernetesManifest';
import { languageOfPath, type SourceLanguage } from '../core/sourceLanguage';
import type { ServiceAliasGroup, WorkspaceIndex } from '../core/spanMatching/workspaceIndex';
import type { GrammarLoader } from './grammarLoader';

/** Folders never indexed: dependencies, build output, caches. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out', 'build', 'target', 'vendor', '__pycache__', '.venv', 'venv', '.next', '.gradle', 'bin', 'obj', '.test-artifacts']);
/** Generated or minified files are large and never hold hand-written handlers. */
const MAX_FILE_BYTES = 1_000_000;

/**
 * Indexes the source files of one workspace folder with tree-sitter and keeps the index current as files
 * change: `updateFile`/`removeFile` re-parse only the file concerned. Node only (reads files).
 */
export interface WorkspaceIndexer {
  /** Walks the folder and indexes every source file and Kubernetes manifest. Resolves when done. */
  indexAll(): Promise<WorkspaceIndex>;
  /** Re-indexes one file (absolute path or relative to the root) after it changed or was created. */
  updateFile(file: string): Promise<WorkspaceIndex>;
  removeFile(file: string): WorkspaceIndex;
  /** The index as of the last change; the same object until something changes (matching caches by identity). */
  current(): WorkspaceIndex;
  /** Called after every change with the new index. Returns an unsubscribe function. */
  onDidChange(listener: (index: WorkspaceIndex) => void): () => void;
  dispose(): void;
}

export function createWorkspaceIndexer(root: string, loader: GrammarLoader): WorkspaceIndexer {
  const files = new Map<string, FileIndex>();
  const manifests = new Map<string, ServiceAliasGroup[]>();
  const parsers = new Map<SourceLanguage, Promise<Parser>>();
  const listeners = new Set<(index: WorkspaceIndex) => void>();
  let snapshot: WorkspaceIndex | undefined;

  const relativeOf = (file: string) => (path.isAbsolute(file) ? path.relative(root, file) : file).split(path.sep).join('/');
  const parserFor = (language: SourceLanguage) => {
    let parser = parsers.get(language);
    if (!parser) {
      parser = loader.parserFor(language);
      parsers.set(language, parser);
    }
    return parser;
  };

  /** Reads and indexes one file into the maps; false when it is neither source nor a manifest. */
  async function indexOne(relative: string): Promise<void> {
    const absolute = path.join(root, relative);
    const language = languageOfPath(relative);
    if (language !== undefined) {
      const text = await readSmallFile(absolute);
      if (text === undefined) {
        files.delete(relative);
        return;
      }
      const parser = await parserFor(language);
      const tree = parser.parse(text);
      if (!tree) return;
      try {
        files.set(relative, indexSourceFile(tree, language, relative));
      } finally {
        tree.delete();
      }
    } else if (/\.ya?ml$/i.test(relative)) {
      const text = await readSmallFile(absolute);
      const groups = text === undefined ? [] : serviceNamesInManifest(text);
      const manifestFolder = path.posix.dirname(relative) === '.' ? '' : path.posix.dirname(relative);
      if (groups.length > 0) manifests.set(relative, groups.map((names) => ({ names, manifestFolder })));
      else manifests.delete(relative);
    }
  }

  function changed(): WorkspaceIndex {
    snapshot = undefined;
    const index = current();
    for (const listener of listeners) listener(index);
    return index;
  }

  function current(): WorkspaceIndex {
    snapshot ??= { files: [...files.values()], serviceAliases: [...manifests.values()].flat() };
    return snapshot;
  }

  return {
    async indexAll() {
      files.clear();
      manifests.clear();
      for (const relative of await listFiles(root)) await indexOne(relative);
      return changed();
    },
    async updateFile(file) {
      const relative = relativeOf(file);
      if (relative.split('/').some((segment) => SKIPPED_FOLDERS.has(segment))) return current();
      await indexOne(relative);
      return changed();
    },
    removeFile(file) {
      const relative = relativeOf(file);
      const removed = files.delete(relative) || manifests.delete(relative);
      return removed ? changed() : current();
    },
    current,
    onDidChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      listeners.clear();
      for (const parser of parsers.values()) void parser.then((ready) => ready.delete());
      parsers.clear();
    },
  };
}

async function readSmallFile(absolute: string): Promise<string | undefined> {
  try {
    const info = await stat(absolute);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) return undefined;
    return await readFile(absolute, 'utf8');
  } catch {
    return undefined;
  }
}

/** Every file under `root` worth indexing, relative with `/` separators, in a stable order. */
async function listFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const folder = pending.pop() ?? '';
    let entries;
    try {
      entries = await readdir(path.join(root, folder), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) pending.push(relative);
      } else if (entry.isFile() && (languageOfPath(entry.name) !== undefined || /\.ya?ml$/i.test(entry.name))) {
        found.push(relative);
      }
    }
  }
  return found.sort();
}
