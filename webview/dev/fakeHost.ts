/**
 * A fake extension host for looking at the webview in a plain browser (webview/dev/harness.html).
 * It plays the host's part of the protocol with a generated trace: answers `ready` with `traceLoaded`
 * and `requestSpanDetails` with `spanDetailsLoaded`, built by the real core functions.
 *
 * URL parameters: `spans` (span count, default 60), `theme` (dark | light | high-contrast),
 * `fail` (send `loadFailed` with this text instead of a trace).
 * Bundle: esbuild webview/dev/fakeHost.ts --bundle --format=iife --outfile=<dir>/fakeHost.js
 */
import type { Attribute, Span, SpanId, TraceId, TraceTree, TreeWarning } from '../../src/core/model';
import type { ToHostMessage, ToWebviewMessage } from '../../src/protocol/messages';
import { buildSpanDetails } from '../../src/core/spanDetails';
import { buildTraceViewModel, invertDisplayOrder } from '../../src/core/traceViewModel';
import { findSpans } from '../../src/core/traceSearch';

const params = new URLSearchParams(location.search);
const spanCount = Math.max(1, Number(params.get('spans') ?? 60));
document.documentElement.classList.add(`vscode-${params.get('theme') ?? 'dark'}`);

const SERVICES = ['frontend', 'customer', 'driver', 'route', 'mysql', 'redis', 'payments'];
const OPERATIONS = ['GET /dispatch', 'HTTP GET /customer', 'FindNearest', 'GetDriver', 'SQL SELECT', 'charge card'];
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736' as TraceId;
const EPOCH_US = Date.UTC(2026, 10, 21, 12, 0, 0) * 1000;

/** A deterministic pseudo-random generator, so screenshots are stable. */
let seed = 42;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}

function generateTree(count: number): TraceTree {
  const spans: Span[] = [];
  const parent: number[] = [];
  const children: number[][] = [];
  const orphans: number[] = [];
  const warnings: TreeWarning[] = [];
  const depthOf = (index: number): number => {
    let depth = 0;
    for (let p = parent[index]!; p >= 0; p = parent[p]!) depth++;
    return depth;
  };
  for (let i = 0; i < count; i++) {
    // Parent: a recent span, so the tree is deep-ish; span 1 from the end is an orphan.
    const isOrphan = i === count - 1 && count > 3;
    let p = i === 0 || isOrphan ? -1 : Math.floor(random() * i);
    // Keep the generated tree about as shallow as real traces (depth <= 5).
    while (p >= 0 && depthOf(p) >= 5) p = parent[p]!;
    const parentSpan = p >= 0 ? spans[p]! : undefined;
    const start = parentSpan ? parentSpan.startUs + Math.floor(random() * parentSpan.durationUs * 0.6) : EPOCH_US + (isOrphan ? 5_000 : 0);
    const duration = parentSpan ? Math.max(1, Math.floor((parentSpan.startUs + parentSpan.durationUs - start) * (0.2 + random() * 0.7))) : 1_234_567;
    const attributes: Attribute[] = [
      { key: 'http.method', type: 'string', value: 'GET' },
      { key: 'http.status_code', type: 'int', value: i % 11 === 5 ? 500 : 200 },
      { key: 'db.statement', type: 'string', value: 'SELECT * FROM customer WHERE customer_id=123 <img src=x onerror=alert(1)>' },
      { key: 'big.int', type: 'int', value: '9007199254740993' },
      { key: 'tags', type: 'array', value: ['a', 'b', 3] },
    ];
    spans.push({
      traceId: TRACE_ID,
      spanId: (0x1000 + i).toString(16).padStart(16, '0') as SpanId,
      ...(parentSpan ? { parentSpanId: parentSpan.spanId } : isOrphan ? { parentSpanId: 'deadbeefdeadbeef' as SpanId } : {}),
      references:
        i === 4 && count > 2
          ? [{ type: 'follows-from', traceId: TRACE_ID, spanId: (0x1002).toString(16).padStart(16, '0') as SpanId, attributes: [] }]
          : [],
      service: SERVICES[i === 0 ? 0 : 1 + (i % (SERVICES.length - 1))]!,
      operation: OPERATIONS[i % OPERATIONS.length]!,
      kind: i % 2 === 0 ? 'server' : 'client',
      startUs: start,
      durationUs: duration,
      status: i % 11 === 5 ? { code: 'error', message: 'connection refused' } : { code: 'unset' },
      attributes,
      resource: [{ key: 'service.name', type: 'string', value: 'x' }, { key: 'host.name', type: 'string', value: 'node-7' }],
      events: i % 3 === 0 ? [{ timeUs: start + Math.floor(duration / 3), name: 'cache miss', attributes: [{ key: 'key', type: 'string', value: 'customer:123' }] }] : [],
      warnings: i === 7 ? ['invalid parent span IDs=0000000000000000; skipping clock skew adjustment'] : [],
    });
    parent.push(p);
    children.push([]);
    if (p >= 0) children[p]!.push(i);
    if (isOrphan) {
      orphans.push(i);
      warnings.push({ code: 'orphan', message: 'parent deadbeefdeadbeef is not in the trace', spanIndex: i });
    }
    if (i === 7) warnings.push({ code: 'span-warning', message: 'span has warnings', spanIndex: i });
  }
  for (const list of children) list.sort((a, b) => spans[a]!.startUs - spans[b]!.startUs);
  const roots = parent.flatMap((p, i) => (p < 0 ? [i] : [])).sort((a, b) => spans[a]!.startUs - spans[b]!.startUs);
  // A loop, not Math.min(...spans): spreading 200k arguments overflows the stack.
  let startUs = Infinity;
  let endUs = -Infinity;
  for (const s of spans) {
    startUs = Math.min(startUs, s.startUs);
    endUs = Math.max(endUs, s.startUs + s.durationUs);
  }
  return {
    trace: { traceId: TRACE_ID, spans, warnings: ['The backend returned a partial trace (1 of 2 storage shards timed out).'] },
    roots, children, parent, orphans, startUs, endUs, warnings,
  };
}

const tree = generateTree(spanCount);
const { view, displayOrder } = buildTraceViewModel(tree);
const inverse = invertDisplayOrder(displayOrder, tree.trace.spans.length);

function toWebview(message: ToWebviewMessage): void {
  window.postMessage(message, '*');
}

function onMessageFromWebview(message: ToHostMessage): void {
  switch (message.type) {
    case 'ready': {
      const failure = params.get('fail');
      if (failure !== null) toWebview({ type: 'loadFailed', message: failure });
      else toWebview({ type: 'traceLoaded', view });
      break;
    }
    case 'requestSpanDetails':
      if (message.spanIndex < displayOrder.length) {
        toWebview({ type: 'spanDetailsLoaded', details: buildSpanDetails(tree, displayOrder, message.spanIndex, inverse) });
      }
      break;
    case 'findSpans':
      toWebview({ type: 'spansFound', query: message.query, matches: findSpans(tree.trace.spans, displayOrder, message.query) });
      break;
    case 'revealSource':
    case 'copyText':
    case 'copySpan':
      console.log('host received', JSON.stringify(message).slice(0, 200));
      break;
  }
}

(window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
  postMessage: (message: ToHostMessage) => setTimeout(() => onMessageFromWebview(message), 0),
  getState: (): unknown => JSON.parse(sessionStorage.getItem('tl-state') ?? 'null'),
  setState: (state: unknown) => sessionStorage.setItem('tl-state', JSON.stringify(state)),
});
