import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY_ZOOM_STEP, treeKeyAction, type TreeKeyContext } from '../../../webview/treeKeys';

const at = (partial: Partial<TreeKeyContext>): TreeKeyContext => ({
  position: 5, rowCount: 20, pageSize: 8, hasChildren: false, isExpanded: false, parentPosition: 2, ...partial,
});

describe('treeKeyAction', () => {
  test('arrows, pages, Home and End move within the rows', () => {
    assert.deepEqual(treeKeyAction('ArrowDown', false, at({})), { kind: 'move', position: 6, direction: 1 });
    assert.deepEqual(treeKeyAction('ArrowUp', false, at({ position: 0 })), { kind: 'move', position: 0, direction: -1 });
    assert.deepEqual(treeKeyAction('PageDown', false, at({ position: 15 })), { kind: 'move', position: 19, direction: 1 });
    assert.deepEqual(treeKeyAction('End', false, at({})), { kind: 'move', position: 19, direction: -1 });
  });

  test('Right expands a collapsed span, then moves to its first child; Left collapses, then goes to the parent', () => {
    assert.deepEqual(treeKeyAction('ArrowRight', false, at({ hasChildren: true })), { kind: 'expand' });
    assert.deepEqual(treeKeyAction('ArrowRight', false, at({ hasChildren: true, isExpanded: true })), { kind: 'move', position: 6, direction: 1 });
    assert.deepEqual(treeKeyAction('ArrowRight', false, at({})), { kind: 'none' });
    assert.deepEqual(treeKeyAction('ArrowLeft', false, at({ hasChildren: true, isExpanded: true })), { kind: 'collapse' });
    assert.deepEqual(treeKeyAction('ArrowLeft', false, at({})), { kind: 'move', position: 2, direction: -1 });
    assert.deepEqual(treeKeyAction('ArrowLeft', false, at({ parentPosition: -1 })), { kind: 'none' });
  });

  test('Enter selects, * expands the subtree, + - 0 zoom, g goes to source, Shift+F10 opens the menu', () => {
    assert.deepEqual(treeKeyAction('Enter', false, at({})), { kind: 'select' });
    assert.deepEqual(treeKeyAction('*', false, at({})), { kind: 'expandSubtree' });
    assert.deepEqual(treeKeyAction('+', false, at({})), { kind: 'zoom', factor: KEY_ZOOM_STEP });
    assert.deepEqual(treeKeyAction('-', false, at({})), { kind: 'zoom', factor: 1 / KEY_ZOOM_STEP });
    assert.deepEqual(treeKeyAction('0', false, at({})), { kind: 'zoomReset' });
    assert.deepEqual(treeKeyAction('g', false, at({})), { kind: 'revealSource' });
    assert.deepEqual(treeKeyAction('F10', true, at({})), { kind: 'contextMenu' });
    assert.equal(treeKeyAction('F10', false, at({})), undefined);
    assert.equal(treeKeyAction('x', false, at({})), undefined, 'other keys are left to the browser');
  });
});
