// Builds view-model columns from a drawn trace (see ../viewModel/drawnTrace.ts), and names rows for assertions.
import { buildTraceViewModel } from '../../../src/core/traceViewModel';
import type { TraceViewModel } from '../../../src/protocol/traceView';
import { drawTrace, type SpanExtras } from '../viewModel/drawnTrace';

export function drawnView(drawing: string, extras: Readonly<Record<string, SpanExtras>> = {}): { view: TraceViewModel; displayOrder: readonly number[]; drawn: ReturnType<typeof drawTrace> } {
  const drawn = drawTrace(drawing, extras);
  const { view, displayOrder } = buildTraceViewModel(drawn.tree);
  return { view, displayOrder, drawn };
}

/** The operation of display row `index`. */
export function operationOf(view: TraceViewModel, index: number): string {
  return view.operations[view.spans.operationIndex[index]!] ?? '?';
}
