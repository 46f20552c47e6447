/**
 * The real HotROD trace (Jaeger v2 /api/v3 response, ../shared/fixtures/traces) mapped onto small Go files
 * written here in the shape of HotROD's services: `services/<name>/server.go`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseTraceText } from '../../../src/core/parseTrace';
import { matchSpans } from '../../../src/core/spanMatching/matchSpans';
import type { WorkspaceIndex } from '../../../src/core/spanMatching/workspaceIndex';
import { indexCode } from './indexHelpers';

const FIXTURES = '../shared/fixtures/traces';
const HOTROD = join(FIXTURES, 'jaeger-v3/hotrod-get-trace-40-spans.json');

async function hotrodWorkspace(): Promise<WorkspaceIndex> {
  const handle = (route: string) => `package main\nfunc (s *Server) createServeMux() {\n\tmux.Handle("${route}", http.HandlerFunc(s.handle))\n}\n`;
  return {
    files: [
      await indexCode('go', 'services/frontend/server.go', handle('/dispatch')),
      await indexCode('go', 'services/customer/server.go', handle('/customer')),
      await indexCode('go', 'services/route/server.go', handle('/route')),
      await indexCode('go', 'services/driver/server.go', 'package driver\ntype Server struct {\n\tUnimplementedDriverServiceServer\n}\nfunc (s *Server) FindNearest(ctx context.Context, l *DriverLocationRequest) (*DriverLocationResponse, error) {\n\treturn nil, nil\n}\n'),
    ],
    serviceAliases: [],
  };
}

if (!existsSync(FIXTURES)) {
  test.skip(`SKIPPED: ${FIXTURES} not found`);
} else {
  test('HotROD: every server span with http.route or an rpc name lands in its own service folder', async () => {
    const parsed = parseTraceText(readFileSync(HOTROD, 'utf8'));
    assert.ok(parsed.ok);
    const spans = parsed.traces[0]!.spans;
    const matches = matchSpans(await hotrodWorkspace(), spans);
    const byOperation = new Map<string, Set<string>>();
    spans.forEach((span, i) => {
      const match = matches[i];
      if (!match) return;
      const key = `${span.service} ${span.operation}`;
      byOperation.set(key, (byOperation.get(key) ?? new Set()).add(`${match.location.file}:${match.location.line1}`));
    });
    assert.deepEqual(Object.fromEntries([...byOperation].map(([key, files]) => [key, [...files]])), {
      'frontend GET /dispatch': ['services/frontend/server.go:3'],
      'customer GET /customer': ['services/customer/server.go:3'],
      'route GET /route': ['services/route/server.go:3'],
      'driver driver.DriverService/FindNearest': ['services/driver/server.go:5'],
      'frontend driver.DriverService/FindNearest': ['services/driver/server.go:5'],
    });
    // Client spans (`HTTP GET`) and internal spans without evidence stay unmatched rather than guessed.
    const unmatched = spans.filter((_, i) => matches[i] === undefined).map((span) => span.operation);
    assert.ok(unmatched.includes('HTTP GET'));
    assert.ok(!unmatched.includes('GET /route'));
  });
}
