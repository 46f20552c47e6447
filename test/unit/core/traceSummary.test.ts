import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTraceTree } from '../../../src/core/buildTree';
import { parseTraceText } from '../../../src/core/parseTrace';
import { summarizeTrace } from '../../../src/core/traceSummary';
import { expectTraces } from './helpers';

describe('summarizeTrace', () => {
  test('root service/operation, counts, duration and sorted services', () => {
    //  web GET /        [01] 100 ─────────── 600
    //  └─ db query      [02]   200 ── 300  (error)
    //  cache get        [03] orphan, 50 ─ 80 (earliest start, but an orphan root)
    const spans = [
      { traceId: 'f'.repeat(32), id: '01', name: 'GET /', timestamp: 100, duration: 500, localEndpoint: { serviceName: 'web' } },
      { traceId: 'f'.repeat(32), id: '02', parentId: '01', name: 'query', timestamp: 200, duration: 100, localEndpoint: { serviceName: 'db' }, tags: { error: '' } },
      { traceId: 'f'.repeat(32), id: '03', parentId: '99', name: 'get', timestamp: 50, duration: 30, localEndpoint: { serviceName: 'cache' } },
    ];
    const [trace] = expectTraces(parseTraceText(JSON.stringify(spans)));
    assert.deepEqual(summarizeTrace(buildTraceTree(trace!)), {
      traceId: 'f'.repeat(32),
      rootService: 'web',
      rootOperation: 'GET /',
      spanCount: 3,
      errorCount: 1,
      durationUs: 550,
      startUs: 50,
      services: ['cache', 'db', 'web'],
    });
  });
});
