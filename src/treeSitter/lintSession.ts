import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Parser, Tree } from 'web-tree-sitter';
import { lintPackage, type EvidenceCache, type LintSettings, type ParsedSourceFile, type ProjectFacts } from '../core/lint/lintPackage';
import type { LintFinding } from '../core/lint/lintTypes';
import { indexOrRulesLocator } from '../core/lint/sourceIndexLocator';
import type { FileIndex } from '../core/source/handlerTypes';
import { indexAfterEdit } from '../core/source/indexAfterEdit';
import { indexSourceFile } from '../core/source/indexSourceFile';
import { configuredHeaders, DEFAULT_TRACE_HEADERS } from '../core/lint/traceHeaders';
import { editBetween, type SourceEdit } from '../core/sourceEdit';
import { languageOfPath, type SourceLanguage } from '../core/sourceLanguage';
import { readStatementAround } from './editedStatement';
import { createGrammarLoader, type GrammarLoader } from './grammarLoader';
import { findSourceFiles, groupByPackage, packageDirOf, readProjectFacts } from './lintFiles';

/**
 * Lints a workspace and keeps it parsed, so that one edited file re-lints quickly: the file is
 * re-parsed incrementally (tree-sitter reuses the unchanged parts) and only its package is re-judged.
 * Node only; the rules themselves are pure (`src/core/lint`).
 */

export const DEFAULT_LINT_SETTINGS: LintSettings = { headers: configuredHeaders(DEFAULT_TRACE_HEADERS), missingSeverity: 'error', partialSeverity: 'warning' };

interface OpenFile {
  readonly absolute: string;
  readonly language: SourceLanguage;
  text: string;
  tree: Tree;
  /** The tree this one was re-parsed from and the edit in between, until the next lint reads them. */
  editedFrom?: { readonly tree: Tree; readonly edit: SourceEdit };
}

interface PackageState {
  readonly files: Map<string, OpenFile>;
  readonly cache: EvidenceCache;
  readonly facts: ProjectFacts;
  findings: LintFinding[];
}

export interface LintSession {
  /** Lints everything under `paths` from scratch. Finding paths are relative to `baseDir`. */
  lintAll(paths: readonly string[]): Promise<LintFinding[]>;
  /** Re-lints after `file` changed to `text` (read from disk when omitted); returns all findings. */
  update(file: string, text?: string): Promise<LintFinding[]>;
  /** The current findings of every package. */
  findings(): LintFinding[];
  /** The text a file was last linted with (finding positions and fix offsets refer to it). */
  textOf(file: string): string | undefined;
  /** The handler index the last lint used for a file (kept up to date edit by edit, see `indexAfterEdit`). */
  indexOf(file: string): FileIndex | undefined;
  readonly filesLinted: number;
  dispose(): void;
}

export function createLintSession(options: { baseDir: string; settings?: LintSettings; loader?: GrammarLoader }): LintSession {
  const baseDir = path.resolve(options.baseDir);
  const settings = options.settings ?? DEFAULT_LINT_SETTINGS;
  const loader = options.loader ?? createGrammarLoader();
  const parsers = new Map<SourceLanguage, Parser>();
  const packages = new Map<string, PackageState>();

  const parserFor = async (language: SourceLanguage): Promise<Parser> => {
    let parser = parsers.get(language);
    if (!parser) parsers.set(language, (parser = await loader.parserFor(language)));
    return parser;
  };
  const relative = (absolute: string): string => path.relative(baseDir, absolute).split(path.sep).join('/');
  // The shared handler index of each file, kept per syntax tree: a file is indexed again only when it changed.
  const indexOfTree = new WeakMap<Tree, FileIndex>();
  const indexOf = (file: OpenFile, filePath: string): FileIndex => {
    let index = indexOfTree.get(file.tree);
    if (!index) indexOfTree.set(file.tree, (index = indexSourceFile(file.tree, file.language, filePath)));
    return index;
  };
  const relint = (state: PackageState): void => {
    const files = [...state.files.values()].map((file) => ({ file, path: relative(file.absolute) }));
    const parsed: ParsedSourceFile[] = files.map(({ file, path: filePath }) => ({ path: filePath, language: file.language, root: file.tree.rootNode, editedFrom: file.editedFrom }));
    const locator = indexOrRulesLocator(new Map(files.map(({ file, path: filePath }) => [filePath, indexOf(file, filePath)])));
    state.findings = lintPackage(parsed, settings, state.facts, { cache: state.cache, locator });
    for (const { file } of files) file.editedFrom = undefined;
  };
  const all = (): LintFinding[] => [...packages.values()].flatMap((state) => state.findings);
  const loadPackage = async (dir: string, members: readonly string[]): Promise<PackageState> => {
    const state: PackageState = { files: new Map(), cache: new Map(), facts: readProjectFacts(dir, baseDir), findings: [] };
    for (const absolute of members) {
      const language = languageOfPath(absolute) as SourceLanguage;
      const text = readFileSync(absolute, 'utf8');
      const tree = (await parserFor(language)).parse(text);
      if (tree) state.files.set(absolute, { absolute, language, text, tree });
    }
    packages.set(dir, state);
    return state;
  };

  return {
    get filesLinted() {
      let count = 0;
      for (const state of packages.values()) count += state.files.size;
      return count;
    },
    async lintAll(paths) {
      this.dispose();
      const files = findSourceFiles(paths.map((entry) => path.resolve(baseDir, entry)));
      for (const [dir, members] of groupByPackage(files, baseDir)) relint(await loadPackage(dir, members));
      return all();
    },
    async update(file, text) {
      const absolute = path.resolve(baseDir, file);
      const language = languageOfPath(absolute);
      if (!language) return all();
      const newText = text ?? readFileSync(absolute, 'utf8');
      const dir = packageDirOf(absolute, baseDir);
      // The first file of a package seen: load the rest of it from disk, for calls across its files.
      const state = packages.get(dir) ?? (await loadPackage(dir, findSourceFiles([dir]).filter((member) => member !== absolute && packageDirOf(member, baseDir) === dir)));
      const open = state.files.get(absolute);
      const parser = await parserFor(language);
      if (open) {
        const edit = editBetween(open.text, newText);
        const filePath = relative(absolute);
        const indexBefore = indexOfTree.get(open.tree);
        const before = indexBefore && readStatementAround(open.tree.rootNode, edit.startIndex, edit.oldEndIndex, language, filePath);
        open.tree.edit(edit);
        const tree = parser.parse(newText, open.tree);
        if (tree && indexBefore && before) {
          const after = readStatementAround(tree.rootNode, edit.startIndex, edit.newEndIndex, language, filePath);
          const sameStatement = after && after.type === before.type && after.startIndex === before.startIndex && after.endIndex === before.endIndex + edit.newEndIndex - edit.oldEndIndex;
          const index = sameStatement ? indexAfterEdit(indexBefore, edit, { before, after, declaredBefore: before.declared, declaredAfter: after.declared }) : undefined;
          if (index) indexOfTree.set(tree, index);
        }
        // Deleted now, kept only as the key under which the lint finds what it read from the old tree.
        open.tree.delete();
        if (tree) {
          open.editedFrom = { tree: open.tree, edit };
          open.tree = tree;
        }
        open.text = newText;
      } else {
        const tree = parser.parse(newText);
        if (tree) state.files.set(absolute, { absolute, language, text: newText, tree });
      }
      relint(state);
      return all();
    },
    findings: all,
    textOf(file) {
      const absolute = path.resolve(baseDir, file);
      return packages.get(packageDirOf(absolute, baseDir))?.files.get(absolute)?.text;
    },
    indexOf(file) {
      const absolute = path.resolve(baseDir, file);
      const open = packages.get(packageDirOf(absolute, baseDir))?.files.get(absolute);
      return open && indexOfTree.get(open.tree);
    },
    dispose() {
      for (const state of packages.values()) for (const file of state.files.values()) file.tree.delete();
      packages.clear();
    },
  };
}
