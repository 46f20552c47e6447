/**
 * View options in the toolbar: fold one level (`#tl-expand-level`, `#tl-collapse-level`), "collapse spans
 * shorter than N ms" (`#tl-collapse-shorter-ms` + `#tl-collapse-shorter`), critical path
 * (`#tl-critical-path`), clock-skew adjustment (`#tl-skew-adjust`, only when skew was found), zoom reset
 * (`#tl-zoom-reset`) and the statistics table (`#tl-show-statistics`).
 */
import { el } from './dom';

export interface ViewControlActions {
  readonly onExpandLevel: () => void;
  readonly onCollapseLevel: () => void;
  /** Threshold in microseconds. */
  readonly onCollapseShorter: (thresholdUs: number) => void;
  readonly onCriticalPath: (show: boolean) => void;
  readonly onSkewAdjust: (adjust: boolean) => void;
  readonly onZoomReset: () => void;
  readonly onStatistics: () => void;
}

export interface ViewControlState {
  readonly criticalPath: boolean;
  readonly skewAdjusted: boolean;
  /** Spans whose clock skew can be corrected; 0 hides the toggle. */
  readonly skewedCount: number;
}

function button(id: string, text: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', 'tl-button', text);
  b.id = id;
  b.type = 'button';
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

function toggle(id: string, text: string, title: string, checked: boolean, onChange: (checked: boolean) => void): HTMLLabelElement {
  const box = el('input');
  box.type = 'checkbox';
  box.id = id;
  box.checked = checked;
  box.addEventListener('change', () => onChange(box.checked));
  const label = el('label', 'tl-check', '');
  label.title = title;
  label.append(box, document.createTextNode(` ${text}`));
  return label;
}

export function createViewControls(state: ViewControlState, actions: ViewControlActions): HTMLElement[] {
  const shorter = el('input', 'tl-input tl-filter-number');
  shorter.id = 'tl-collapse-shorter-ms';
  shorter.type = 'number';
  shorter.min = '0';
  shorter.step = 'any';
  shorter.value = '1';
  shorter.setAttribute('aria-label', 'Collapse spans shorter than this many milliseconds');
  const shorterGroup = el('span', 'tl-inline-group');
  shorterGroup.append(
    button('tl-collapse-shorter', 'Collapse <', 'Collapse every span shorter than this many milliseconds', () => {
      const ms = Number(shorter.value);
      if (Number.isFinite(ms) && ms > 0) actions.onCollapseShorter(ms * 1000);
    }),
    shorter,
    document.createTextNode(' ms'),
  );
  const controls: HTMLElement[] = [
    button('tl-expand-level', 'Expand level', 'Expand one more level', actions.onExpandLevel),
    button('tl-collapse-level', 'Collapse level', 'Collapse the deepest expanded level', actions.onCollapseLevel),
    shorterGroup,
    toggle('tl-critical-path', 'Critical path', 'Highlight the spans that determined the trace duration', state.criticalPath, actions.onCriticalPath),
  ];
  if (state.skewedCount > 0) {
    controls.push(toggle('tl-skew-adjust', `Adjust clock skew (${state.skewedCount})`,
      'Move spans that start before their parent or end after it, as Jaeger does; adjusted spans are marked', state.skewAdjusted, actions.onSkewAdjust));
  }
  controls.push(
    button('tl-zoom-reset', 'Reset zoom', 'Show the whole trace (0)', actions.onZoomReset),
    button('tl-show-statistics', 'Statistics', 'Count, total, average, min, max and self time per service or operation', actions.onStatistics),
  );
  return controls;
}
