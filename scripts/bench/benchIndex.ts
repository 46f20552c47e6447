/**
 * Source index benchmark: cold tree-sitter index of a generated 5,000-file workspace (TypeScript, Python,
 * Go, Java, Ruby), re-index after one file changes, and matching every span of a 10k-span trace.
 *
 *   tsc -p . && node out/scripts/bench/benchIndex.js [--files 5000] [--spans 10000]
 *
 * Output, one JSON line each (ms = wall time; peakRssMb = the process's maximum resident set, 2^20 bytes):
 *   {"bench":"index","files":5000,"handlers":…,"coldMs":…,"incrementalMs":…,"peakRssMb":…}
 *   {"bench":"resolve","spans":10000,"matched":…,"ms":…,"compileMs":…}   compileMs: building the lookup tables, once per index change
 * Targets on 2 cores: coldMs <= 10000, incrementalMs <= 50, resolve ms <= 200.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Span } from '../../src/core/model';
import { compileIndex } from '../../src/core/spanMatching/compiledIndex';
import { matchSpans } from '../../src/core/spanMatching/matchSpans';
import { createGrammarLoader } from '../../src/treeSitter/grammarLoader';
import { createWorkspaceIndexer } from '../../src/treeSitter/workspaceIndexer';

const { values } = parseArgs({ options: { files: { type: 'string', default: '5000' }, spans: { type: 'string', default: '10000' } } });
const FILE_COUNT = Number(values.files);
const SPAN_COUNT = Number(values.spans);
const FILES_PER_SERVICE = 50;

/** One generated file: its path and the facts spans can be made from. */
interface Generated {
  readonly path: string;
  readonly text: string;
  readonly service: string;
  readonly routes: readonly string[];
  readonly spanName: string;
  readonly line: number;
}

/** Filler so files have realistic size (~60-90 lines) and the parser does real work. */
function filler(language: string, n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < 8; i++) {
    if (language === 'ts') lines.push(`export function helper${n}_${i}(a: number, b: string): string {`, `  const x = a * ${i} + ${n};`, '  return `${b}-${x}`;', '}');
    if (language === 'py') lines.push(`def helper_${n}_${i}(a, b):`, `    x = a * ${i} + ${n}`, "    return f'{b}-{x}'", '');
    if (language === 'go') lines.push(`func helper${n}x${i}(a int, b string) string {`, `\tx := a*${i} + ${n}`, '\treturn fmt.Sprintf("%s-%d", b, x)', '}');
    if (language === 'java') lines.push(`  static String helper${n}x${i}(int a, String b) {`, `    int x = a * ${i} + ${n};`, '    return b + "-" + x;', '  }');
    if (language === 'rb') lines.push(`def helper_${n}_${i}(a, b)`, `  x = a * ${i} + ${n}`, '  "#{b}-#{x}"', 'end');
  }
  return lines.join('\n');
}

function generate(i: number): Generated {
  const service = `svc${String(Math.floor(i / FILES_PER_SERVICE)).padStart(3, '0')}`;
  const kind = i % 5;
  const r = [`/api/r${i}/items/{id}`, `/api/r${i}/items`, `/api/r${i}/items/{id}/parts/{partId}`];
  const spanName = `work-${i}`;
  const express = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');
  switch (kind) {
    case 0:
      return { path: `${service}/src/routes${i}.ts`, service, routes: r.map(express), spanName, line: 3, text: [`import express from 'express';`, 'const router = express.Router();', ...r.map((p) => `router.get('${express(p)}', async (req, res) => { res.json(await load(req.params)); });`), `tracer.startActiveSpan('${spanName}', (span) => span.end());`, filler('ts', i)].join('\n') };
    case 1:
      return { path: `${service}/app/views${i}.py`, service, routes: r, spanName, line: 2, text: [...r.flatMap((p, j) => [`@app.get('${p}')`, `async def view_${i}_${j}(id: int = 0):`, `    with tracer.start_as_current_span("${j === 0 ? spanName : `${spanName}-${j}`}"):`, '        return id', '']), filler('py', i)].join('\n') };
    case 2:
      return { path: `${service}/handlers/h${i}.go`, service, routes: r, spanName, line: 4, text: ['package handlers', '', 'func Register(mux *http.ServeMux) {', ...r.map((p) => `\tmux.HandleFunc("GET ${p}", func(w http.ResponseWriter, req *http.Request) {\n\t\t_, span := tracer.Start(req.Context(), "${spanName}")\n\t\tdefer span.End()\n\t})`), '}', filler('go', i)].join('\n') };
    case 3:
      return { path: `${service}/src/main/java/C${i}.java`, service, routes: r, spanName, line: 5, text: ['package demo;', '', `@RestController`, `@RequestMapping("/api/r${i}")`, `public class C${i} {`, ...r.map((p, j) => `  @GetMapping("${p.slice(`/api/r${i}`.length)}")\n  public String get${j}() { return tracer.spanBuilder("${j === 0 ? spanName : `${spanName}-${j}`}").startSpan().toString(); }`), filler('java', i), '}'].join('\n') };
    default:
      return { path: `${service}/lib/app${i}.rb`, service, routes: r.map(express), spanName, line: 1, text: [...r.map((p) => `get '${express(p)}' do\n  tracer.in_span('${spanName}') { 'ok' }\nend`), filler('rb', i)].join('\n') };
  }
}

function span(i: number, generated: Generated, attributes: Record<string, string | number>, operation: string): Span {
  return {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736' as Span['traceId'],
    spanId: i.toString(16).padStart(16, '0') as Span['spanId'],
    references: [],
    service: generated.service,
    operation,
    kind: 'server',
    startUs: 1_700_000_000_000_000 + i,
    durationUs: 100,
    status: { code: 'unset' },
    attributes: Object.entries(attributes).map(([key, value]) => ({ key, type: typeof value === 'number' ? 'int' : 'string', value })),
    resource: [],
    events: [],
    warnings: [],
  };
}

/** A trace whose spans use every kind of evidence, a fifth of them matching nothing. */
function makeSpans(files: readonly Generated[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < SPAN_COUNT; i++) {
    const file = files[(i * 7919) % files.length]!;
    const route = file.routes[i % file.routes.length]!;
    const concrete = route.replace(/[:{](\w+)\}?/g, '42');
    switch (i % 5) {
      case 0: spans.push(span(i, file, { 'http.route': route, 'http.request.method': 'GET' }, `GET ${route}`)); break;
      case 1: spans.push(span(i, file, { 'url.path': concrete, 'http.request.method': 'GET' }, 'HTTP GET')); break;
      case 2: spans.push(span(i, file, { 'code.filepath': `/app/${file.path}`, 'code.lineno': file.line }, 'handler')); break;
      case 3: spans.push(span(i, file, {}, file.spanName)); break;
      default: spans.push(span(i, file, { 'url.path': `/nowhere/${i}` }, `unknown-${i}`));
    }
  }
  return spans;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'trace-lens-bench-index-'));
  try {
    const files = Array.from({ length: FILE_COUNT }, (_, i) => generate(i));
    for (const file of files) {
      mkdirSync(join(root, file.path, '..'), { recursive: true });
      writeFileSync(join(root, file.path), file.text);
    }
    const indexer = createWorkspaceIndexer(root, createGrammarLoader());
    const coldStart = performance.now();
    const index = await indexer.indexAll();
    const coldMs = performance.now() - coldStart;
    const handlers = index.files.reduce((sum, file) => sum + file.handlers.length, 0);

    const changed = files[Math.floor(FILE_COUNT / 2)]!;
    writeFileSync(join(root, changed.path), `${changed.text}\n// edited\n`);
    const incrementalStart = performance.now();
    const updated = await indexer.updateFile(changed.path);
    const incrementalMs = performance.now() - incrementalStart;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify({ bench: 'index', files: index.files.length, handlers, coldMs: round(coldMs), incrementalMs: round(incrementalMs), peakRssMb: round(peakRssMb) }));

    const spans = makeSpans(files);
    // The lookup tables are built once per index change (the editor does it when the index changes,
    // before any trace asks); measured apart from resolving.
    const compileStart = performance.now();
    compileIndex(updated);
    const compileMs = performance.now() - compileStart;
    const resolveStart = performance.now();
    const matches = matchSpans(updated, spans);
    const resolveMs = performance.now() - resolveStart;
    console.log(JSON.stringify({ bench: 'resolve', spans: spans.length, matched: matches.filter((match) => match !== undefined).length, ms: round(resolveMs), compileMs: round(compileMs) }));
    indexer.dispose();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

void main();
