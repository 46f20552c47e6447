import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSources, summary } from './lintHarness';

const handler = (body: string, extra = '') => `package orders

import "net/http"

${extra}
func (s *Server) getOrder(w http.ResponseWriter, r *http.Request) {
${body}
}
`;

describe('Go propagation lint', () => {
  test('client.Do with a request that carries no trace header is flagged', async () => {
    const findings = await lintSources({
      'orders/handler.go': handler(`	req, _ := http.NewRequest("GET", "http://inventory/items", nil)
	resp, err := s.client.Do(req)
	_ = resp; _ = err`),
    });
    assert.deepEqual(summary(findings), ['missing-trace-headers@8']);
    assert.equal(findings[0]?.client, 'net/http');
  });

  test('headers copied with r.Header.Get by name are covered; a range over r.Header too', async () => {
    const byName = await lintSources({
      'h.go': handler(`	req, _ := http.NewRequest("GET", "http://inventory/items", nil)
	for _, name := range []string{"traceparent", "tracestate"} {
		req.Header.Set(name, r.Header.Get(name))
	}
	s.client.Do(req)`),
    });
    assert.deepEqual(summary(byName), []);
    const whole = await lintSources({
      'h.go': handler(`	req, _ := http.NewRequest("GET", "http://inventory/items", nil)
	req.Header = r.Header.Clone()
	s.client.Do(req)`),
    });
    assert.deepEqual(summary(whole), []);
  });

  test('otelhttp covers the call only when the request context is passed on', async () => {
    const extra = `var client = &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}`;
    const withContext = await lintSources({
      'h.go': handler(`	ctx, cancel := context.WithTimeout(r.Context(), time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://inventory/items", nil)
	client.Do(req)`, extra),
    });
    assert.deepEqual(summary(withContext), []);
    const background = await lintSources({
      'h.go': handler(`	req, _ := http.NewRequestWithContext(context.Background(), "GET", "http://inventory/items", nil)
	client.Do(req)`, extra),
    });
    assert.deepEqual(summary(background), ['missing-trace-headers@8']);
  });

  test('the context reaches a helper in another file; http.Get there is flagged', async () => {
    const findings = await lintSources({
      'h.go': handler(`	fetchStock(r.Context(), "42")`),
      'stock.go': `package orders
var client = &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}
func fetchStock(ctx context.Context, id string) {
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://inventory/"+id, nil)
	client.Do(req)
	http.Get("http://legacy/" + id)
}
`,
    });
    assert.deepEqual(findings.map((f) => `${f.path}:${f.range.start.row + 1}`), ['stock.go:6']);
  });

  test('gRPC stubs from a gRPC service method: otelgrpc with ctx covered, x-request-id metadata only is partial', async () => {
    const service = (body: string) => `package orders
func (s *server) GetOrder(ctx context.Context, in *pb.GetOrderRequest) (*pb.Order, error) {
	inv := pb.NewInventoryClient(s.conn)
${body}
}
`;
    assert.deepEqual(summary(await lintSources({ 's.go': service(`	return inv.Reserve(ctx, &pb.ReserveRequest{})`), 'main.go': `package orders
func dial() { grpc.NewClient(addr, grpc.WithStatsHandler(otelgrpc.NewClientHandler())) }` })), []);
    const partial = await lintSources({ 's.go': service(`	out := metadata.AppendToOutgoingContext(context.Background(), "x-request-id", "1")
	return inv.Reserve(out, &pb.ReserveRequest{})`) });
    assert.deepEqual(summary(partial), ['partial-trace-headers@5']);
  });
});
