/**
 * What a key does in the span tree, decided without the DOM (so it is unit-tested): the WAI-ARIA tree keys
 * (Up/Down/Home/End/PageUp/PageDown move, Right expands or moves to the first child, Left collapses or
 * moves to the parent, `*` expands the subtree, Enter/Space select and open the details) plus `+`/`=` and
 * `-` zoom, `0` resets the zoom, `g` is Go to Source, Shift+F10 or the context-menu key open the menu.
 */

/** Zoom factor of one `+` (its inverse for `-`). */
export const KEY_ZOOM_STEP = 0.7;

export type TreeKeyAction =
  | { readonly kind: 'move'; readonly position: number; readonly direction: 1 | -1 }
  | { readonly kind: 'collapse' | 'expand' | 'expandSubtree' | 'select' | 'zoomReset' | 'revealSource' | 'contextMenu' }
  /** Handled (the browser must not scroll), but nothing to do: Right on a leaf, Left on a root. */
  | { readonly kind: 'none' }
  | { readonly kind: 'zoom'; readonly factor: number };

/** The focused row, as the key handler sees it. Positions are row positions (0-based, on screen order). */
export interface TreeKeyContext {
  readonly position: number;
  readonly rowCount: number;
  /** Rows a PageUp/PageDown moves. */
  readonly pageSize: number;
  readonly hasChildren: boolean;
  readonly isExpanded: boolean;
  /** Row position of the parent, or -1 for a root. */
  readonly parentPosition: number;
}

/** The action for `key`, or undefined when the tree does not handle it (the event is then left alone). */
export function treeKeyAction(key: string, shiftKey: boolean, context: TreeKeyContext): TreeKeyAction | undefined {
  const { position, rowCount, pageSize } = context;
  const move = (target: number, direction: 1 | -1): TreeKeyAction => ({
    kind: 'move',
    position: Math.min(rowCount - 1, Math.max(0, target)),
    direction,
  });
  switch (key) {
    case 'ArrowDown': return move(position + 1, 1);
    case 'ArrowUp': return move(position - 1, -1);
    case 'PageDown': return move(position + pageSize, 1);
    case 'PageUp': return move(position - pageSize, -1);
    case 'Home': return move(0, 1);
    case 'End': return move(rowCount - 1, -1);
    case 'ArrowRight':
      if (context.hasChildren && !context.isExpanded) return { kind: 'expand' };
      return context.isExpanded ? move(position + 1, 1) : { kind: 'none' };
    case 'ArrowLeft':
      if (context.isExpanded) return { kind: 'collapse' };
      return context.parentPosition >= 0 ? move(context.parentPosition, -1) : { kind: 'none' };
    case '*': return { kind: 'expandSubtree' };
    case 'Enter':
    case ' ': return { kind: 'select' };
    case '+':
    case '=': return { kind: 'zoom', factor: KEY_ZOOM_STEP };
    case '-': return { kind: 'zoom', factor: 1 / KEY_ZOOM_STEP };
    case '0': return { kind: 'zoomReset' };
    case 'g': return { kind: 'revealSource' };
    case 'ContextMenu': return { kind: 'contextMenu' };
    case 'F10': return shiftKey ? { kind: 'contextMenu' } : undefined;
    default: return undefined;
  }
}
