import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import type { SourceLanguage } from '../sourceLanguage';
import type { CallView, FileClues, FunctionView, InstrumentationFact, LanguageRules } from './languageRules';
import { visitTypes } from './syntaxWalk';

/** One parsed file of the package being linted. */
export interface ParsedSourceFile {
  readonly path: string;
  readonly language: SourceLanguage;
  readonly root: SyntaxNode;
  /**
   * The tree this file's tree was incrementally re-parsed from: calls the edit did not touch are then
   * not read again (see {@link describeFile}).
   */
  readonly editedFrom?: Tree;
}

/** What the lint reads from one file: its functions, the calls each makes, and file-wide clues. */
export interface FileInfo {
  readonly file: ParsedSourceFile;
  readonly rules: LanguageRules;
  readonly clues: FileClues;
  /** Calls owned by each function (not inside a nested named function). */
  readonly callsByFunction: Map<SyntaxNode['id'], CallView[]>;
  readonly functions: FunctionView[];
  readonly suppressedRows: Set<number>;
  readonly topLevel: SyntaxNode[];
  /** The file clues as text: cached evidence is valid only while they stay the same. */
  readonly cluesKey: string;
  /** Instrumentation switched on by calls anywhere in the file, top level included. */
  readonly instrumentation: InstrumentationFact[];
  /** What each call node was read as, by node id: the next edit of the file reuses it. */
  readonly callsRead: ReadonlyMap<number, ReadCall>;
}

/** A call node as `LanguageRules.readCall` read it (undefined: not a call the rules can read). */
type ReadCall = { readonly type: string; readonly path: string; readonly method: string } | undefined;

const SUPPRESSION = 'trace-lens-ignore-next-line';
const COMMENT_TYPES: readonly string[] = ['comment', 'line_comment', 'block_comment'];
const describedTypes = new WeakMap<LanguageRules, ReadonlySet<string>>();
/** Files already described, per syntax tree: an unchanged file is not walked again on re-lint. */
const describedFiles = new WeakMap<Tree, FileInfo>();

/**
 * Reads a file for the lint in one search inside tree-sitter for the node types the lint reads.
 *
 * After an edit (`file.editedFrom`), a call node tree-sitter reused from the old tree has the same id
 * in both (the old tree was still alive while the new one was parsed, so an equal id is the same
 * subtree, never a recycled one): its callee path is taken from the old reading instead of being read
 * again, and its arguments are read only if the lint asks for them. Only the previous tree's readings
 * are consulted, never older ones whose ids may have been recycled since.
 */
export function describeFile(file: ParsedSourceFile, rules: LanguageRules): FileInfo {
  const cached = describedFiles.get(file.root.tree);
  if (cached && cached.file.path === file.path && cached.file.root.id === file.root.id) return cached;
  const previous = file.editedFrom ? describedFiles.get(file.editedFrom) : undefined;
  const earlier = previous && previous.rules === rules ? previous.callsRead : undefined;
  if (file.editedFrom) describedFiles.delete(file.editedFrom);
  let types = describedTypes.get(rules);
  if (!types) describedTypes.set(rules, (types = new Set([...rules.functions, ...rules.calls, ...COMMENT_TYPES, ...rules.clueTypes])));
  const clueNodes: SyntaxNode[] = [];
  const callsByFunction = new Map<number, CallView[]>();
  const functions: FunctionView[] = [];
  const suppressedRows = new Set<number>();
  const owners: SyntaxNode[] = [];
  // Where each owner ends, kept beside it: reading `endIndex` is a call into tree-sitter.
  const ownerEnds: number[] = [];
  const instrumentation: InstrumentationFact[] = [];
  const callsRead = new Map<number, ReadCall>();
  visitTypes(file.root, types, (node) => {
    const type = node.type;
    const isCall = rules.calls.has(type);
    const call = isCall ? readCallOnce(node, type, rules, earlier, callsRead) : undefined;
    if (rules.clueTypes.has(type) && (call === undefined || !rules.clueCall || rules.clueCall(call))) clueNodes.push(node);
    while (owners.length > 0 && node.startIndex >= (ownerEnds[ownerEnds.length - 1] as number)) {
      owners.pop();
      ownerEnds.pop();
    }
    if (COMMENT_TYPES.includes(type)) {
      if (node.text.includes(SUPPRESSION)) suppressedRows.add(node.endPosition.row + 1);
      return false;
    }
    if (rules.functions.has(type)) {
      const fn = rules.readFunction(node);
      if (fn) {
        functions.push(fn);
        // Anonymous callbacks belong to the function around them; named functions own their calls.
        if (fn.name !== undefined || owners.length === 0 || rules.handlerRequestNames(fn) !== undefined) {
          owners.push(node);
          ownerEnds.push(node.endIndex);
        }
      }
    }
    if (isCall) {
      if (call) for (const fact of rules.instrumentationOf(call)) instrumentation.push(fact);
      const owner = owners[owners.length - 1];
      if (call && owner) {
        const list = callsByFunction.get(owner.id);
        if (list) list.push(call);
        else callsByFunction.set(owner.id, [call]);
      }
    }
    return true;
  });
  const topLevel: SyntaxNode[] = [];
  for (let i = 0; i < file.root.namedChildCount; i++) {
    const child = file.root.namedChild(i);
    if (child) topLevel.push(child);
  }
  const clues = rules.fileClues(clueNodes);
  const cluesKey = JSON.stringify([[...clues.clientNames], [...clues.uncoveredClientNames], [...clues.imports]]);
  const info: FileInfo = { file, rules, clues, cluesKey, callsByFunction, functions, suppressedRows, topLevel, instrumentation, callsRead };
  describedFiles.set(file.root.tree, info);
  return info;
}

/** Reads a call node, or rebuilds it from the previous tree's reading of the same subtree. */
function readCallOnce(node: SyntaxNode, type: string, rules: LanguageRules, earlier: ReadonlyMap<number, ReadCall> | undefined, callsRead: Map<number, ReadCall>): CallView | undefined {
  if (earlier?.has(node.id)) {
    const known = earlier.get(node.id);
    if (known === undefined || known.type === type) {
      callsRead.set(node.id, known);
      return known && lazyCall(node, known, rules);
    }
  }
  const call = rules.readCall(node);
  callsRead.set(node.id, call && { type, path: call.path, method: call.method });
  return call;
}

/** A call whose callee is already known; its argument nodes are read on first use. */
function lazyCall(node: SyntaxNode, known: NonNullable<ReadCall>, rules: LanguageRules): CallView {
  let args: readonly SyntaxNode[] | undefined;
  return {
    node,
    path: known.path,
    method: known.method,
    get args() {
      return (args ??= rules.readCall(node)?.args ?? []);
    },
  };
}
