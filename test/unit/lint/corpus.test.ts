import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from '../cli/cliHarness';
import { CORPUS_DIR, expectedCorpusFindings } from './corpusExpectations';

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: string;
  message: string;
}

describe('trace-lens lint on the corpus of realistic services', () => {
  test('--format json reports exactly the calls marked expect-lint, and exits 1 for error findings', async () => {
    const run = await cli('lint', CORPUS_DIR, '--format', 'json');
    assert.equal(run.stderr, '');
    const { findings } = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    const actual = findings.map((finding) => `${finding.file}:${finding.line}:${finding.rule}`).sort();
    assert.deepEqual(actual, expectedCorpusFindings());
    assert.equal(run.code, 1);
    const receipt = findings.find((finding) => finding.file.endsWith('node-checkout/src/server.mts') && finding.rule === 'missing-trace-headers');
    assert.deepEqual(
      { column: receipt?.column, severity: receipt?.severity },
      { column: 25, severity: 'error' },
      'column is 1-based and points at the fetch call',
    );
  });

  test('--format text prints one line per finding and a count; sarif is SARIF 2.1.0 with the handler related', async () => {
    const text = await cli('lint', `${CORPUS_DIR}/go-shipping`);
    assert.match(text.stdout, /^test\/fixtures\/lintCorpus\/go-shipping\/handlers\.go:38:15: error \[missing-trace-headers\] This net\/http call is made while serving "createShipment"/m);
    assert.match(text.stdout, /^1 finding in 2 files linted\.$/m);
    const sarif = JSON.parse((await cli('lint', `${CORPUS_DIR}/java-billing`, '--format', 'sarif')).stdout);
    assert.equal(sarif.version, '2.1.0');
    const [result] = sarif.runs[0].results;
    assert.equal(result.ruleId, 'missing-trace-headers');
    assert.equal(result.level, 'error');
    assert.equal(result.locations[0].physicalLocation.region.startLine, 26);
    assert.match(result.relatedLocations[0].message.text, /pdf/);
    assert.equal(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, 'missing-trace-headers');
  });

  test('a covered service exits 0 with no findings; bad usage is refused', async () => {
    const covered = await cli('lint', `${CORPUS_DIR}/node-catalog-otel`, `${CORPUS_DIR}/py-payments`, '--format', 'json');
    assert.deepEqual(JSON.parse(covered.stdout), { findings: [] });
    assert.equal(covered.code, 0);
    const bad = await cli('lint', '--format', 'xml');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /lint: --format must be text, json or sarif/);
    const stray = await cli('lint', '--to', 'otlp');
    assert.match(stray.stderr, /lint: --to does not apply to lint/);
  });
});
