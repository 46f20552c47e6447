import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import type { SourceEdit } from '../sourceEdit';
import type { SourceLanguage } from '../sourceLanguage';
import type { CallView, FileClues, FunctionView, InstrumentationFact, LanguageRules } from './languageRules';
import { findRecordedNodes, recordsByStart, unchangedStatement, type ReadCall, type RecordedNode, type StatementRecord } from './statementRecords';
import { typeList } from './syntaxWalk';

/** One parsed file of the package being linted. */
export interface ParsedSourceFile {
  readonly path: string;
  readonly language: SourceLanguage;
  readonly root: SyntaxNode;
  /**
   * The tree this file's tree was incrementally re-parsed from, and the edit in between: what the
   * edit did not touch is then not read again (see {@link describeFile}).
   */
  readonly editedFrom?: { readonly tree: Tree; readonly edit: SourceEdit };
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
  /** What each top-level statement held, as plain data: the next edit of the file reuses it. */
  readonly statements: readonly StatementRecord[];
}

const SUPPRESSION = 'trace-lens-ignore-next-line';
const COMMENT_TYPES: readonly string[] = ['comment', 'line_comment', 'block_comment'];
const describedTypes = new WeakMap<LanguageRules, ReadonlySet<string>>();
/** Files already described, per syntax tree: an unchanged file is not walked again on re-lint. */
const describedFiles = new WeakMap<Tree, FileInfo>();

/**
 * Reads a file for the lint: per top-level statement, one search inside tree-sitter for the node types
 * the lint reads.
 *
 * After an edit (`file.editedFrom`), a statement wholly outside the edit has the same text as before,
 * so its nodes are found again by their recorded (shifted) offsets and what the rules read from them is
 * reused (see `statementRecords.ts`). Inside edited statements, a call node tree-sitter reused from the
 * old tree has the same id in both (the old tree was still alive while the new one was parsed, so an
 * equal id is the same subtree, never a recycled one): its callee path is taken from the old reading,
 * and its arguments are read only if the lint asks for them. Only the previous tree's readings are
 * consulted, never older ones whose ids may have been recycled since.
 */
export function describeFile(file: ParsedSourceFile, rules: LanguageRules): FileInfo {
  const cached = describedFiles.get(file.root.tree);
  if (cached && cached.file.path === file.path && cached.file.root.id === file.root.id) return cached;
  const editedFrom = file.editedFrom;
  const previous = editedFrom ? describedFiles.get(editedFrom.tree) : undefined;
  const earlier = previous?.rules === rules ? previous : undefined;
  if (editedFrom) describedFiles.delete(editedFrom.tree);
  let types = describedTypes.get(rules);
  if (!types) describedTypes.set(rules, (types = new Set([...rules.functions, ...rules.calls, ...COMMENT_TYPES, ...rules.clueTypes])));
  const reader = new DescriptionReader(rules, earlier?.callsRead);
  const oldRecords = earlier && editedFrom ? recordsByStart(earlier.statements) : undefined;
  const topLevel = file.root.namedChildren.filter((child): child is SyntaxNode => child !== null);
  const statements: StatementRecord[] = [];
  for (const statement of topLevel) {
    const type = statement.type;
    const extent = { type, startIndex: statement.startIndex, endIndex: statement.endIndex };
    const unchanged = oldRecords && editedFrom && !statement.hasError ? unchangedStatement(extent, editedFrom.edit, oldRecords) : undefined;
    const found = unchanged && findRecordedNodes(statement, unchanged);
    let nodes: readonly RecordedNode[];
    if (unchanged && found) {
      nodes = unchanged.record.nodes;
      found.forEach((node, i) => reader.take(node, extent.startIndex, nodes[i]));
    } else {
      nodes = statement.descendantsOfType(typeList(types)).flatMap((node) => (node ? [reader.take(node, extent.startIndex)] : []));
    }
    statements.push({ ...extent, nodes });
  }
  const clues = rules.fileClues(reader.clueNodes);
  const cluesKey = JSON.stringify([[...clues.clientNames], [...clues.uncoveredClientNames], [...clues.imports]]);
  const { callsByFunction, functions, suppressedRows, instrumentation, callsRead } = reader;
  const info: FileInfo = { file, rules, clues, cluesKey, callsByFunction, functions, suppressedRows, topLevel, instrumentation, callsRead, statements };
  describedFiles.set(file.root.tree, info);
  return info;
}

/** Takes a file's described nodes in document order, reading each (or reusing its old reading). */
class DescriptionReader {
  readonly clueNodes: SyntaxNode[] = [];
  readonly callsByFunction = new Map<number, CallView[]>();
  readonly functions: FunctionView[] = [];
  readonly suppressedRows = new Set<number>();
  readonly instrumentation: InstrumentationFact[] = [];
  readonly callsRead = new Map<number, ReadCall>();
  private readonly owners: SyntaxNode[] = [];
  // Where each owner ends, kept beside it: reading `endIndex` is a call into tree-sitter.
  private readonly ownerEnds: number[] = [];

  constructor(
    private readonly rules: LanguageRules,
    private readonly earlier: ReadonlyMap<number, ReadCall> | undefined,
  ) {}

  /**
   * Reads `node` of the statement starting at `statementStart`; `known` is its record from before the
   * edit, returned as it is (what the rules read from the same text is the same).
   */
  take(node: SyntaxNode, statementStart: number, known?: RecordedNode): RecordedNode {
    const { rules, owners, ownerEnds } = this;
    const type = known?.type ?? node.type;
    const startIndex = node.startIndex;
    const endIndex = known ? statementStart + known.end : node.endIndex;
    const isCall = rules.calls.has(type);
    let read: ReadCall;
    let call: CallView | undefined;
    if (isCall) {
      [call, read] = known ? [known.call && new LazyCall(node, known.call, rules), known.call] : this.readCallOnce(node, type);
      this.callsRead.set(node.id, read);
    }
    if (rules.clueTypes.has(type) && (call === undefined || !rules.clueCall || rules.clueCall(call))) this.clueNodes.push(node);
    while (owners.length > 0 && startIndex >= (ownerEnds[ownerEnds.length - 1] as number)) {
      owners.pop();
      ownerEnds.pop();
    }
    if (COMMENT_TYPES.includes(type)) {
      const suppresses = known ? known.suppresses === true : node.text.includes(SUPPRESSION);
      if (suppresses) this.suppressedRows.add(node.endPosition.row + 1);
      return known ?? { type, start: startIndex - statementStart, end: endIndex - statementStart, suppresses };
    }
    let fnRead: RecordedNode['fn'];
    const isFunction = rules.functions.has(type);
    if (isFunction) {
      const fn = known ? known.fn && new LazyFunction(node, known.fn, rules) : rules.readFunction(node);
      if (!known) fnRead = fn && { name: fn.name, params: fn.params };
      if (fn) {
        this.functions.push(fn);
        // Anonymous callbacks belong to the function around them; named functions own their calls.
        if (fn.name !== undefined || owners.length === 0 || rules.handlerRequestNames(fn) !== undefined) {
          owners.push(node);
          ownerEnds.push(endIndex);
        }
      }
    }
    if (call) {
      for (const fact of rules.instrumentationOf(call)) this.instrumentation.push(fact);
      const owner = owners[owners.length - 1];
      if (owner) {
        const list = this.callsByFunction.get(owner.id);
        if (list) list.push(call);
        else this.callsByFunction.set(owner.id, [call]);
      }
    }
    return known ?? { type, start: startIndex - statementStart, end: endIndex - statementStart, ...(isCall ? { call: read } : {}), ...(isFunction ? { fn: fnRead } : {}) };
  }

  /** Reads a call node, or rebuilds it from the previous tree's reading of the same subtree. */
  private readCallOnce(node: SyntaxNode, type: string): [CallView | undefined, ReadCall] {
    const { earlier, rules } = this;
    if (earlier?.has(node.id)) {
      const known = earlier.get(node.id);
      if (known === undefined || known.type === type) return [known && new LazyCall(node, known, rules), known];
    }
    const call = rules.readCall(node);
    return [call, call && { type, path: call.path, method: call.method }];
  }
}

/** A call whose callee is already known; its argument nodes are read on first use. */
class LazyCall implements CallView {
  private readArgs: readonly SyntaxNode[] | undefined;
  readonly path: string;
  readonly method: string;

  constructor(
    readonly node: SyntaxNode,
    known: NonNullable<ReadCall>,
    private readonly rules: LanguageRules,
  ) {
    this.path = known.path;
    this.method = known.method;
  }

  get args(): readonly SyntaxNode[] {
    return (this.readArgs ??= this.rules.readCall(this.node)?.args ?? []);
  }
}

/** A function whose name and parameters are already known; its body node is read on first use. */
class LazyFunction implements FunctionView {
  private readBody: { readonly value: SyntaxNode | undefined } | undefined;
  readonly name: string | undefined;
  readonly params: readonly string[];

  constructor(
    readonly node: SyntaxNode,
    known: NonNullable<RecordedNode['fn']>,
    private readonly rules: LanguageRules,
  ) {
    this.name = known.name;
    this.params = known.params;
  }

  get body(): SyntaxNode | undefined {
    return (this.readBody ??= { value: this.rules.readFunction(this.node)?.body }).value;
  }
}
