/**
 * The minimap (`.tl-minimap`): every span of the trace drawn small on a canvas, with the zoom window
 * (`.tl-minimap-window`) on top. Dragging across it zooms to the dragged time range, a click moves the
 * window there, a double click resets the zoom. Drawn once per time mode (raw / clock-skew adjusted):
 * one rectangle per span, a few tens of milliseconds for 200k spans.
 */
import { SpanFlag, type TraceViewModel } from '../src/protocol/traceView';
import { FULL_ZOOM, clampZoom, type ZoomWindow } from '../src/core/waterfallLayout';
import { el } from './dom';

const HEIGHT_CSS_PX = 44;
/** A drag shorter than this (CSS px) is a click. */
const CLICK_SLOP_PX = 3;
const PALETTE = ['--vscode-charts-blue', '--vscode-charts-green', '--vscode-charts-orange', '--vscode-charts-purple', '--vscode-charts-yellow'];

export interface MinimapSource {
  readonly view: TraceViewModel;
  /** The time range drawn (µs from the trace start) and each span's start in the mode shown. */
  timeDomain(): { readonly startUs: number; readonly endUs: number };
  startOf(displayIndex: number): number;
}

export interface Minimap {
  readonly element: HTMLElement;
  /** Redraws the spans (after the time mode changed or the panel was resized). */
  redraw(): void;
  showWindow(window: ZoomWindow): void;
}

export function createMinimap(source: MinimapSource, onZoom: (window: ZoomWindow) => void): Minimap {
  const box = el('div', 'tl-minimap');
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', 'Minimap of the whole trace: drag to zoom to a time range, double-click to reset');
  box.title = 'Drag to zoom to a time range; click to move the view; double-click to reset';
  const canvas = el('canvas', 'tl-minimap-canvas');
  const windowBox = el('div', 'tl-minimap-window');
  const selection = el('div', 'tl-minimap-selection');
  selection.hidden = true;
  box.append(canvas, windowBox, selection);
  let current: ZoomWindow = FULL_ZOOM;

  const draw = (): void => {
    const width = Math.max(1, box.clientWidth);
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(HEIGHT_CSS_PX * ratio);
    const context = canvas.getContext('2d');
    if (!context) return;
    const styles = getComputedStyle(box);
    const colors = PALETTE.map((name) => styles.getPropertyValue(name).trim() || '#888');
    const errorColor = styles.getPropertyValue('--vscode-charts-red').trim() || '#d33';
    const { view } = source;
    const spans = view.spans;
    const count = spans.parent.length;
    const { startUs, endUs } = source.timeDomain();
    const scaleX = canvas.width / Math.max(1, endUs - startUs);
    const rowHeight = canvas.height / Math.max(1, count);
    const barHeight = Math.max(1, rowHeight);
    context.clearRect(0, 0, canvas.width, canvas.height);
    // Errors last, so they stay visible where many spans share a pixel row.
    for (const pass of [0, 1]) {
      for (let i = 0; i < count; i++) {
        const isError = (spans.flags[i]! & SpanFlag.Error) !== 0;
        if (isError !== (pass === 1)) continue;
        context.fillStyle = isError ? errorColor : colors[spans.serviceIndex[i]! % colors.length]!;
        const x = (source.startOf(i) - startUs) * scaleX;
        context.fillRect(x, Math.floor(i * rowHeight), Math.max(1, spans.durationUs[i]! * scaleX), barHeight);
      }
    }
  };

  const fractionAt = (clientX: number): number => {
    const rect = box.getBoundingClientRect();
    return rect.width > 0 ? Math.min(1, Math.max(0, (clientX - rect.left) / rect.width)) : 0;
  };
  box.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    box.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const from = fractionAt(startX);
    const move = (moved: PointerEvent): void => {
      const to = fractionAt(moved.clientX);
      selection.hidden = Math.abs(moved.clientX - startX) < CLICK_SLOP_PX;
      selection.style.left = `${Math.min(from, to) * 100}%`;
      selection.style.width = `${Math.abs(to - from) * 100}%`;
    };
    const up = (released: PointerEvent): void => {
      box.removeEventListener('pointermove', move);
      box.removeEventListener('pointerup', up);
      selection.hidden = true;
      if (Math.abs(released.clientX - startX) >= CLICK_SLOP_PX) {
        onZoom(clampZoom({ from, to: fractionAt(released.clientX) }));
      } else if (current.to - current.from < 1) {
        const half = (current.to - current.from) / 2;
        onZoom(clampZoom({ from: from - half, to: from + half }));
      }
    };
    box.addEventListener('pointermove', move);
    box.addEventListener('pointerup', up);
  });
  box.addEventListener('dblclick', () => onZoom(FULL_ZOOM));
  new ResizeObserver(() => draw()).observe(box);

  return {
    element: box,
    redraw: draw,
    showWindow: (zoom) => {
      current = zoom;
      windowBox.style.left = `${zoom.from * 100}%`;
      windowBox.style.width = `${(zoom.to - zoom.from) * 100}%`;
      box.classList.toggle('tl-zoomed', zoom.to - zoom.from < 1);
    },
  };
}
