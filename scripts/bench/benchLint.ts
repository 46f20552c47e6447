/**
 * Propagation lint benchmark:
 *
 *   npm run bench:lint        (tsc -p . && node out/scripts/bench/benchLint.js [--files 5000] [--edits 200])
 *
 * Generates a workspace of `--files` source files across TypeScript, JavaScript, Python, Go, Java and
 * Ruby (packages of 50 files, each with its project file; handlers calling helpers calling clients,
 * half forwarding the trace headers), then prints JSON lines (times in milliseconds):
 *   {"bench":"lint","files":5000,"coldMs":…,"incrementalP95Ms":…,"findings":…}
 *     coldMs: find, read, parse and lint everything from scratch.
 *     incrementalP95Ms: 95th percentile of re-linting after a one-character edit in a 2,000-line file
 *     (incremental re-parse of that file, its package re-judged), over `--edits` edits that take turns:
 *     a digit replaced at the top, a character typed into a handler in the middle, and deleted again.
 *   {"bench":"lint-corpus","findings":…,"expected":…,"falsePositives":…,"falseNegatives":…,"falsePositiveRate":…}
 *     on test/fixtures/lintCorpus (realistic services with their expected findings marked).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLintSession } from '../../src/treeSitter/lintSession';
import { CORPUS_DIR, expectedCorpusFindings } from '../../test/unit/lint/corpusExpectations';
import { GENERATORS, PROJECT_FILES, bigTypeScriptFile } from './lintWorkspaceGenerator';

const PACKAGE_SIZE = 50;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { files: { type: 'string', default: '5000' }, edits: { type: 'string', default: '200' } } });
  const fileCount = Number(values.files);
  const root = mkdtempSync(join(tmpdir(), 'trace-lens-bench-lint-'));
  try {
    const bigFile = generateWorkspace(root, fileCount);
    const session = createLintSession({ baseDir: root });
    const coldStart = performance.now();
    const findings = await session.lintAll(['.']);
    const coldMs = performance.now() - coldStart;

    const edits = Number(values.edits);
    const samples: number[] = [];
    let text = bigTypeScriptFile();
    for (let i = 0; i < edits; i++) {
      text = oneCharacterEdit(text, i);
      const start = performance.now();
      await session.update(bigFile, text);
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    const p95 = samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)] ?? 0;
    console.log(JSON.stringify({ bench: 'lint', files: session.filesLinted, coldMs: Math.round(coldMs), incrementalP95Ms: Number(p95.toFixed(1)), findings: findings.length }));
    session.dispose();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  console.log(JSON.stringify(await corpusQuality()));
}

/**
 * The `i`-th one-character edit of the big file, taking turns: the digit in `const limit = N;` at the
 * top changes; a character is typed into a URL in a handler in the middle (moving everything after it);
 * that character is deleted again.
 */
function oneCharacterEdit(text: string, i: number): string {
  const url = text.indexOf("'http://a/70");
  if (url < 0) throw new Error('the big file has no handler 70 to edit');
  switch (i % 3) {
    case 0: {
      const digit = text.indexOf('const limit = ') + 14;
      return `${text.slice(0, digit)}${i % 10}${text.slice(digit + 1)}`;
    }
    case 1:
      return `${text.slice(0, url + 12)}x${text.slice(url + 12)}`;
    default:
      return `${text.slice(0, url + 12)}${text.slice(url + 13)}`;
  }
}

/** Writes the workspace; returns the path of the 2,000-line file that the incremental runs edit. */
function generateWorkspace(root: string, fileCount: number): string {
  let written = 0;
  let packageIndex = 0;
  let bigFile = '';
  while (written < fileCount) {
    const generator = GENERATORS[packageIndex % GENERATORS.length];
    if (!generator) break;
    const dir = join(root, `${generator.language}-svc-${packageIndex}`);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(PROJECT_FILES[generator.language] ?? {})) writeFileSync(join(dir, name), text);
    const count = Math.min(PACKAGE_SIZE, fileCount - written);
    for (let i = 0; i < count; i++) {
      if (packageIndex === 0 && i === 0) {
        bigFile = join(dir, 'bigRoutes.ts');
        writeFileSync(bigFile, bigTypeScriptFile());
      } else {
        writeFileSync(join(dir, generator.fileName(i)), generator.source(i, packageIndex));
      }
      written++;
    }
    packageIndex++;
  }
  return bigFile;
}

async function corpusQuality() {
  const session = createLintSession({ baseDir: '.' });
  const findings = await session.lintAll([CORPUS_DIR]);
  session.dispose();
  const actual = new Set(findings.map((finding) => `${finding.path}:${finding.range.start.row + 1}:${finding.rule}`));
  const expected = new Set(expectedCorpusFindings());
  const falsePositives = [...actual].filter((key) => !expected.has(key)).length;
  const falseNegatives = [...expected].filter((key) => !actual.has(key)).length;
  return { bench: 'lint-corpus', findings: actual.size, expected: expected.size, falsePositives, falseNegatives, falsePositiveRate: actual.size === 0 ? 0 : Number((falsePositives / actual.size).toFixed(3)) };
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
