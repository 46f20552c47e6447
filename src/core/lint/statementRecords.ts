import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { SourceEdit } from '../sourceEdit';

/**
 * What describing one top-level statement found, as plain data that outlives its syntax tree: after
 * an edit elsewhere in the file, the statement's text is unchanged, so the next description finds the
 * same nodes at the shifted offsets (one lookup each instead of a search of the statement) and reuses
 * what the rules read from them.
 */
export interface StatementRecord {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  /**
   * The nodes of the described types inside the statement (itself included), in document order, with
   * offsets from the statement's start: a statement the edit moved keeps the same records.
   */
  readonly nodes: readonly RecordedNode[];
}

export interface RecordedNode {
  readonly type: string;
  /** UTF-16 offsets from the start of the statement. */
  readonly start: number;
  readonly end: number;
  /** A call as the rules read it (undefined: not a call they can read); absent for other nodes. */
  readonly call?: ReadCall;
  /** A function as the rules read it (undefined: not one they can read); absent for other nodes. */
  readonly fn?: ReadFunction;
  /** A comment holding the suppression marker. */
  readonly suppresses?: boolean;
}

/** A call node as `LanguageRules.readCall` read it. */
export type ReadCall = { readonly type: string; readonly path: string; readonly method: string } | undefined;
/** A function node as `LanguageRules.readFunction` read it (its body is read again on demand). */
export type ReadFunction = { readonly name: string | undefined; readonly params: readonly string[] } | undefined;

/** A statement of the new tree with the record of the same text in the old tree, and how far it moved. */
export interface UnchangedStatement {
  readonly record: StatementRecord;
  /** UTF-16 offset to add to the record's offsets. */
  readonly shift: number;
}

/**
 * The records of the old tree's statements by start offset, for {@link unchangedStatement}.
 */
export function recordsByStart(records: readonly StatementRecord[]): Map<number, StatementRecord> {
  return new Map(records.map((record) => [record.startIndex, record]));
}

/**
 * The old record of `statement` when the statement lies wholly outside the edit (not touching it), has
 * the same type and extent as then, and holds no syntax error: its text is then the same, and so is
 * its syntax. Otherwise undefined: the statement is searched again.
 */
export function unchangedStatement(statement: { readonly type: string; readonly startIndex: number; readonly endIndex: number }, edit: SourceEdit, oldRecords: ReadonlyMap<number, StatementRecord>): UnchangedStatement | undefined {
  let shift: number;
  if (statement.endIndex < edit.startIndex) shift = 0;
  else if (statement.startIndex > edit.newEndIndex) shift = edit.newEndIndex - edit.oldEndIndex;
  else return undefined;
  const record = oldRecords.get(statement.startIndex - shift);
  if (!record || record.type !== statement.type || record.endIndex + shift !== statement.endIndex) return undefined;
  return { record, shift };
}

/**
 * Finds each recorded node again under `statement`, moved by `shift`: the smallest node spanning the
 * recorded range, or the nearest ancestor with that range and the recorded type. Each search starts
 * from the innermost node found so far that contains the range (recorded nodes nest in document
 * order), not from the statement. Undefined when one is missing (the statement is then searched again).
 */
export function findRecordedNodes(statement: SyntaxNode, { record, shift }: UnchangedStatement): SyntaxNode[] | undefined {
  const found: SyntaxNode[] = [];
  // The nodes found so far that may contain the next ones, with their end offsets.
  const around: { node: SyntaxNode; end: number }[] = [{ node: statement, end: record.endIndex + shift }];
  const statementStart = record.startIndex + shift;
  for (const recorded of record.nodes) {
    const start = statementStart + recorded.start;
    const end = statementStart + recorded.end;
    while (around.length > 1 && (around[around.length - 1] as { end: number }).end < end) around.pop();
    const from = (around[around.length - 1] as { node: SyntaxNode }).node;
    let node: SyntaxNode | null = from.descendantForIndex(start, end);
    while (node && node.type !== recorded.type && node.startIndex === start && node.endIndex === end) node = node.parent;
    if (!node || node.type !== recorded.type || node.startIndex !== start || node.endIndex !== end) return undefined;
    found.push(node);
    around.push({ node, end });
  }
  return found;
}
