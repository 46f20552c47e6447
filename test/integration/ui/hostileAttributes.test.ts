// Span data is untrusted input. A trace whose names, attribute keys and values, events and resource are a
// corpus of hostile strings (script tags, event-handler attributes, javascript: URLs, CSS injection, bidi
// overrides, megabyte-long strings, lone surrogates) is opened in the real VS Code webview: nothing may
// run (no `__pwned` flag, no dialog), no element may be created from the data, and every value must
// read back literally.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { NOT_UNDER_RUNNER, Waterfall, Workbench, uiEnvironment, withFailureScreenshot } from './workbench';

const env = uiEnvironment();

/** Sets the flag, in any window it runs in: the test fails if any of these executes. */
const PWN = 'window.__pwned=1';

const BASE_PAYLOADS: readonly string[] = [
  `<script>${PWN}</script>`,
  `<SCRIPT>${PWN}</SCRIPT>`,
  `<script src="data:text/javascript,${PWN}"></script>`,
  `</textarea><script>${PWN}</script>`,
  `"><script>${PWN}</script>`,
  `'><script>${PWN}</script>`,
  `<svg><script>${PWN}</script></svg>`,
  `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
  `<img src=x onerror="${PWN}">`,
  `<img src="x" onerror=${PWN}//`,
  `<svg onload=${PWN}>`,
  `<body onload=${PWN}>`,
  `<details open ontoggle=${PWN}>`,
  `<video><source onerror="${PWN}"></video>`,
  `<input autofocus onfocus=${PWN}>`,
  `" onmouseover="${PWN}`,
  `' onfocus='${PWN}' autofocus='`,
  `<a href="javascript:${PWN}">click</a>`,
  `javascript:${PWN}`,
  `JaVaScRiPt:${PWN}`,
  ` javascript:${PWN}`,
  `data:text/html,<script>${PWN}</script>`,
  `vbscript:msgbox(1)`,
  `<form action="javascript:${PWN}"><button>go</button></form>`,
  `<object data="javascript:${PWN}"></object>`,
  `<embed src="javascript:${PWN}">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${PWN}">`,
  `<base href="https://evil.invalid/">`,
  `<link rel="stylesheet" href="https://evil.invalid/x.css">`,
  `</style><style>body{display:none}</style>`,
  `<style>*{color:red !important}</style>`,
  `;}body{background:url(https://evil.invalid/)}`,
  `expression(alert(1))`,
  `url(javascript:${PWN})`,
  `<div style="background:url(javascript:${PWN})">x</div>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${PWN}>`,
  `<noscript><p title="</noscript><img src=x onerror=${PWN}>">`,
  `<!--<img src=x onerror=${PWN}>-->`,
  `<![CDATA[<script>${PWN}</script>]]>`,
  `&lt;script&gt;${PWN}&lt;/script&gt;`,
  `&#60;script&#62;${PWN}&#60;/script&#62;`,
  `{{constructor.constructor('${PWN}')()}}`,
  '${' + PWN + '}',
  `\u202Egnp.exe\u202C`,
  `\u2066isolate\u2069 \u2067rtl\u2069`,
  `abc\u200F\u200Edef`,
  `\u202Dforced\u202C\u202Aembed\u202C`,
  `\uD800`,
  `a\uDC00b`,
  `\uDBFF\uDBFF end`,
  `nul\u0000byte`,
  `line\r\nbreak\ttab`,
  `zero\u200Bwidth\uFEFF`,
  `emoji 🔥💥 and 𝕏`,
];

/** 4 variants of each base payload: raw, quoted, inside a sentence, with a bidi override in front. */
function hostileCorpus(): string[] {
  const corpus: string[] = [];
  for (const payload of BASE_PAYLOADS) {
    corpus.push(payload, `"${payload}"`, `value: ${payload} (end)`, `\u202E${payload}`);
  }
  corpus.push('A'.repeat(1_048_576), '<script>'.repeat(131_072));
  return corpus;
}

const SPANS = 12;

interface HostileTrace {
  readonly file: object;
  /** `spanValues[k]`: the attribute values of the k-th child span, keyed by attribute key. */
  readonly spanValues: Record<string, string>[];
  readonly services: string[];
  readonly operations: string[];
}

/** A Jaeger file: a root and SPANS children, the corpus spread over their attributes, names and events. */
function hostileTrace(corpus: readonly string[]): HostileTrace {
  const traceID = '0af7651916cd43dd8448eb211c80319c';
  const spanId = (i: number): string => (0x1000 + i).toString(16).padStart(16, '0');
  const start = 1_772_443_800_000_000;
  const perSpan = Math.ceil(corpus.length / SPANS);
  const spanValues: Record<string, string>[] = [];
  const services: string[] = [];
  const operations: string[] = [];
  const spans = [{
    traceID, spanID: spanId(0), operationName: 'hostile-root', references: [], startTime: start, duration: 100_000, tags: [], logs: [], processID: 'p0',
  } as Record<string, unknown>];
  const processes: Record<string, unknown> = { p0: { serviceName: 'safe-root', tags: [] } };
  for (let k = 0; k < SPANS; k++) {
    const values = corpus.slice(k * perSpan, (k + 1) * perSpan);
    const tags = values.map((value, n) => ({ key: `hostile.${String(k * perSpan + n).padStart(3, '0')}`, type: 'string', value }));
    spanValues.push(Object.fromEntries(tags.map((tag) => [tag.key, tag.value])));
    // Short payloads only in names: the rows must stay one line.
    const service = BASE_PAYLOADS[(k * 3) % 46]!;
    const operation = BASE_PAYLOADS[(k * 3 + 1) % 46]!;
    services.push(service);
    operations.push(operation);
    processes[`p${k + 1}`] = { serviceName: service, tags: [{ key: 'host.name', type: 'string', value: BASE_PAYLOADS[k]! }] };
    spans.push({
      traceID, spanID: spanId(k + 1), operationName: operation,
      references: [{ refType: 'CHILD_OF', traceID, spanID: spanId(0) }],
      startTime: start + 1000 * (k + 1), duration: 5000, tags, processID: `p${k + 1}`,
      logs: [{ timestamp: start + 1000 * (k + 1) + 10, fields: [{ key: 'event', type: 'string', value: BASE_PAYLOADS[k + 8]! }, { key: 'exception.stacktrace', type: 'string', value: BASE_PAYLOADS[k]! }] }],
    });
  }
  return { file: { data: [{ traceID, spans, processes }] }, spanValues, services, operations };
}

/** In the webview's document: what the data must never have produced. */
async function inertnessReport(frame: Frame): Promise<{ scripts: number; headElements: number; forbidden: string[]; handlerAttributes: string[]; pwned: unknown[]; bodyDisplay: string }> {
  return frame.evaluate(() => {
    // VS Code's own <meta> and <style> live in <head>: the body is where span data is drawn.
    const forbidden = Array.from(document.body.querySelectorAll('img, iframe, object, embed, video, audio, form, meta, base, link:not([rel="stylesheet"]), style, math, a[href], [style*="url("]'))
      .map((element) => element.outerHTML.slice(0, 120));
    const handlerAttributes: string[] = [];
    for (const element of Array.from(document.querySelectorAll('*'))) {
      for (const name of element.getAttributeNames()) if (name.startsWith('on')) handlerAttributes.push(`${element.tagName}[${name}]`);
    }
    const pwned: unknown[] = [];
    for (let w: Window = window; ; w = w.parent) {
      try {
        pwned.push((w as unknown as { __pwned?: unknown }).__pwned);
      } catch {
        pwned.push('cross-origin');
      }
      if (w === w.parent) break;
    }
    return { scripts: document.scripts.length, headElements: document.head.querySelectorAll('*').length, forbidden, handlerAttributes, pwned, bodyDisplay: getComputedStyle(document.body).display };
  });
}

describe('hostile span data renders inert in the webview', { skip: env ? false : NOT_UNDER_RUNNER }, () => {
  if (!env) return;
  const corpus = hostileCorpus();
  const trace = hostileTrace(corpus);
  const folder = mkdtempSync(join(tmpdir(), 'trace-lens-hostile-'));
  const path = join(folder, 'hostile.jaeger.json');
  writeFileSync(path, JSON.stringify(trace.file));
  let workbench: Workbench | undefined;
  let waterfall: Waterfall | undefined;
  /** Scripts and <head> elements in the webview document before any span is selected (the panel's and VS Code's). */
  let baselineScripts = 0;
  let baselineHead = 0;
  const dialogs: string[] = [];
  const uiTest = (name: string, body: () => Promise<void>) => test(name, withFailureScreenshot(env, name, () => workbench, body));

  before(async () => {
    workbench = await Workbench.open(env);
    workbench.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });
  after(async () => {
    await workbench?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  uiTest(`the corpus has at least 200 hostile values, and the trace opens`, async () => {
    assert.ok(corpus.length >= 200, `${corpus.length} values`);
    assert.ok(workbench);
    await workbench.openTraceFileAtPath(path);
    waterfall = await workbench.waterfall();
    await waterfall.waitForRowCount(SPANS + 1);
    const baseline = await inertnessReport(waterfall.frame);
    baselineScripts = baseline.scripts;
    baselineHead = baseline.headElements;
    assert.deepEqual(baseline.forbidden, []);
    assert.ok(baselineScripts >= 1 && baselineScripts <= 2, `${baselineScripts} scripts`);
  });

  uiTest('service and operation names appear literally in the rows', async () => {
    assert.ok(waterfall);
    const rows = await waterfall.visibleRows();
    // textContent of an element keeps the text as given; innerText-style trimming is not applied here.
    const names = await waterfall.frame.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.tl-row'))
        .sort((a, b) => Number(a.dataset['spanIndex']) - Number(b.dataset['spanIndex']))
        .map((row) => [row.querySelector('.tl-service')?.textContent ?? '', row.querySelector('.tl-operation')?.textContent ?? '']),
    );
    assert.equal(rows.length, SPANS + 1);
    assert.deepEqual(names.slice(1).map(([service]) => service).sort(), [...trace.services].sort());
    assert.deepEqual(names.slice(1).map(([, operation]) => operation).sort(), [...trace.operations].sort());
  });

  uiTest('selecting every span shows each hostile value as literal text, and nothing runs', async () => {
    assert.ok(waterfall);
    for (let k = 0; k < SPANS; k++) {
      const expected = trace.spanValues[k]!;
      const firstKey = Object.keys(expected)[0]!;
      // The long hostile service name pushes the operation out of view: click the row's timeline instead.
      await waterfall.frame.locator(`.tl-row[data-span-index="${k + 1}"] .tl-row-timeline`).click({ position: { x: 2, y: 2 } });
      await waterfall.frame.locator('#tl-details .tl-attr-key', { hasText: firstKey }).first().waitFor();
      // JSON.stringify escapes lone surrogates (\ud800), so the expected text survives the trip intact.
      const mismatches: string[] = await waterfall.frame.evaluate((expectedJson: string) => {
        const wanted = JSON.parse(expectedJson) as Record<string, string>;
        const shown = new Map<string, string>();
        for (const row of Array.from(document.querySelectorAll('#tl-details .tl-attr[data-section="attributes"]'))) {
          shown.set(row.querySelector('.tl-attr-key')?.textContent ?? '', row.querySelector('.tl-attr-value')?.textContent ?? '');
        }
        return Object.entries(wanted).filter(([key, value]) => shown.get(key) !== value).map(([key]) => key);
      }, JSON.stringify(expected));
      assert.deepEqual(mismatches, [], `span ${k + 1}: values not shown literally`);
      const report = await inertnessReport(waterfall.frame);
      assert.equal(report.scripts, baselineScripts, 'no script element was added');
      assert.equal(report.headElements, baselineHead, 'nothing was added to <head>');
      assert.deepEqual(report.forbidden, []);
      assert.deepEqual(report.handlerAttributes, []);
      assert.ok(report.pwned.every((flag) => flag === undefined || flag === 'cross-origin'), JSON.stringify(report.pwned));
      assert.notEqual(report.bodyDisplay, 'none');
    }
    assert.deepEqual(dialogs, []);
    assert.equal(await workbench!.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
  });

  uiTest('finding a hostile string highlights matches and still creates no elements', async () => {
    assert.ok(waterfall);
    await waterfall.frame.locator('#tl-find-input').fill('<script>');
    // "N matches", or "k of N" when the selected span is one of them.
    await waterfall.frame.locator('#tl-find-count', { hasText: /match|\d of \d/ }).waitFor();
    assert.ok((await waterfall.frame.locator('.tl-row.tl-match').count()) > 0);
    const report = await inertnessReport(waterfall.frame);
    assert.equal(report.scripts, baselineScripts);
    assert.deepEqual(report.forbidden, []);
    assert.deepEqual(dialogs, []);
  });
});
