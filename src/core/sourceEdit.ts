/**
 * One text edit in the shape tree-sitter wants (`Tree.edit`): UTF-16 offsets and zero-based
 * row/column points, before (`oldEnd…`) and after (`newEnd…`) the edit. Pure.
 */
export interface SourceEdit {
  readonly startIndex: number;
  readonly oldEndIndex: number;
  readonly newEndIndex: number;
  readonly startPosition: SourcePoint;
  readonly oldEndPosition: SourcePoint;
  readonly newEndPosition: SourcePoint;
}

/** Zero-based row; column in UTF-16 code units, as tree-sitter's web binding and VS Code count. */
export interface SourcePoint {
  readonly row: number;
  readonly column: number;
}

/** The single edit turning `before` into `after` (common prefix and suffix kept). */
export function editBetween(before: string, after: string): SourceEdit {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  };
}

/** Where a point at or after the edit's old end moves to once the edit is applied. */
export function pointAfterEdit(point: SourcePoint, edit: SourceEdit): SourcePoint {
  if (point.row === edit.oldEndPosition.row) return { row: edit.newEndPosition.row, column: edit.newEndPosition.column + point.column - edit.oldEndPosition.column };
  return { row: point.row + edit.newEndPosition.row - edit.oldEndPosition.row, column: point.column };
}

function pointAt(text: string, index: number): SourcePoint {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}
