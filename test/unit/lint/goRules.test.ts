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
    const otelgrpcDial = `package orders
func dial() { grpc.NewClient(addr, grpc.WithStatsHandler(otelgrpc.NewClientHandler())) }`;
    assert.deepEqual(summary(await lintSources({ 's.go': grpcService(`	return inv.Reserve(ctx, &pb.ReserveRequest{})`), 'main.go': otelgrpcDial })), []);
    const detached = await lintSources({ 's.go': grpcService(`	return inv.Reserve(context.Background(), &pb.ReserveRequest{})`), 'main.go': otelgrpcDial });
    assert.deepEqual(summary(detached), ['missing-trace-headers@9']);
    const partial = await lintSources({ 's.go': grpcService(`	out := metadata.AppendToOutgoingContext(context.Background(), "x-request-id", "1")
	return inv.Reserve(out, &pb.ReserveRequest{})`) });
    assert.deepEqual(summary(partial), ['partial-trace-headers@10']);
  });
});

/** A grpc-go service method calling another service's stub; `body` is its last lines, from line 9. */
const grpcService = (body: string, imports = '"google.golang.org/grpc/metadata"') => `package orders

import (
	${imports}
)

func (s *server) GetOrder(ctx context.Context, in *pb.GetOrderRequest) (*pb.Order, error) {
	inv := pb.NewInventoryClient(s.conn)
${body}
}
`;

describe('Go gRPC: forwarding the incoming metadata', () => {
  test('a stub called with the incoming ctx and no metadata of its own is flagged: grpc-go does not forward it', async () => {
    const findings = await lintSources({ 's.go': grpcService(`	return inv.Reserve(ctx, &pb.ReserveRequest{Sku: in.Sku})`) });
    assert.deepEqual(summary(findings), ['missing-trace-headers@9']);
    assert.equal(findings[0]?.client, 'grpc-go');
  });

  test('all incoming metadata copied into the outgoing context is covered, with or without the ok check', async () => {
    const plain = grpcService(`	md, _ := metadata.FromIncomingContext(ctx)
	ctx = metadata.NewOutgoingContext(ctx, md)
	return inv.Reserve(ctx, &pb.ReserveRequest{})`);
    assert.deepEqual(summary(await lintSources({ 's.go': plain })), []);
    const checked = grpcService(`	if md, ok := metadata.FromIncomingContext(ctx); ok {
		ctx = metadata.NewOutgoingContext(ctx, md)
	}
	return inv.Reserve(ctx, &pb.ReserveRequest{})`);
    assert.deepEqual(summary(await lintSources({ 's.go': checked })), []);
    const copied = grpcService(`	var incoming, _ = metadata.FromIncomingContext(ctx)
	out := metadata.NewOutgoingContext(context.Background(), incoming.Copy())
	return inv.Reserve(out, &pb.ReserveRequest{})`);
    assert.deepEqual(summary(await lintSources({ 's.go': copied })), []);
  });

  test('incoming metadata read for something else, while the stub gets the bare ctx, is still flagged', async () => {
    const findings = await lintSources({ 's.go': grpcService(`	md, _ := metadata.FromIncomingContext(ctx) // FromIncomingContext: the caller's tenant
	tenant := md.Get("x-tenant")
	return inv.Reserve(ctx, &pb.ReserveRequest{Tenant: tenant[0]})`) });
    assert.deepEqual(summary(findings), ['missing-trace-headers@11']);
  });

  test('per header: a trace header appended from md.Get is covered; x-request-id alone is partial', async () => {
    const traceparent = grpcService(`	md, _ := metadata.FromIncomingContext(ctx)
	if values := md.Get("traceparent"); len(values) > 0 {
		ctx = metadata.AppendToOutgoingContext(ctx, "traceparent", values[0])
	}
	return inv.Reserve(ctx, &pb.ReserveRequest{})`);
    assert.deepEqual(summary(await lintSources({ 's.go': traceparent })), []);
    const requestId = grpcService(`	md, _ := metadata.FromIncomingContext(ctx)
	ctx = metadata.AppendToOutgoingContext(ctx, "x-request-id", md["x-request-id"][0])
	return inv.Reserve(ctx, &pb.ReserveRequest{})`);
    assert.deepEqual(summary(await lintSources({ 's.go': requestId })), ['partial-trace-headers@11']);
  });

  test('a loop copying keys of md by a list: covered when the list holds trace headers, an empty copy when not', async () => {
    const loop = (keys: string) => grpcService(`	md, _ := metadata.FromIncomingContext(ctx)
	for _, key := range []string{${keys}} {
		if values := md.Get(key); len(values) > 0 {
			ctx = metadata.AppendToOutgoingContext(ctx, key, values[0])
		}
	}
	return inv.Reserve(ctx, &pb.ReserveRequest{})`);
    assert.deepEqual(summary(await lintSources({ 's.go': loop('"x-b3-traceid", "x-b3-spanid", "x-b3-sampled"') })), []);
    assert.deepEqual(summary(await lintSources({ 's.go': loop('"x-tenant", "x-user"') })), ['empty-header-copy-loop@10']);
  });

  test('a propagator injecting into the outgoing metadata is covered: MapCarrier, or a carrier over md', async () => {
    const mapCarrier = grpcService(`	carrier := propagation.MapCarrier{}
	otel.GetTextMapPropagator().Inject(ctx, carrier)
	for key, value := range carrier {
		ctx = metadata.AppendToOutgoingContext(ctx, key, value)
	}
	return inv.Reserve(ctx, &pb.ReserveRequest{})`);
    assert.deepEqual(summary(await lintSources({ 's.go': mapCarrier })), []);
    const mdCarrier = grpcService(`	md := metadata.MD{}
	otel.GetTextMapPropagator().Inject(ctx, &metadataCarrier{md: md})
	return inv.Reserve(metadata.NewOutgoingContext(ctx, md), &pb.ReserveRequest{})`);
    assert.deepEqual(summary(await lintSources({ 's.go': mdCarrier })), []);
  });

  test('incoming metadata of one method does not cover another method reusing the name md', async () => {
    const source = `${grpcService(`	md, _ := metadata.FromIncomingContext(ctx)
	return inv.Reserve(metadata.NewOutgoingContext(ctx, md), &pb.ReserveRequest{})`)}
func (s *server) CancelOrder(ctx context.Context, in *pb.CancelOrderRequest) (*pb.Empty, error) {
	inv := pb.NewInventoryClient(s.conn)
	md := metadata.Pairs("x-reason", in.Reason)
	return inv.Release(metadata.NewOutgoingContext(ctx, md), &pb.ReleaseRequest{})
}
`;
    assert.deepEqual(summary(await lintSources({ 's.go': source })), ['missing-trace-headers@16']);
  });

  test('the forwarding may happen in a helper in another file that the service method hands its ctx', async () => {
    const helper = (forward: string) => `package orders
var inventory = pb.NewInventoryClient(conn)
func reserve(ctx context.Context, sku string) error {
${forward}	_, err := inventory.Reserve(ctx, &pb.ReserveRequest{Sku: sku})
	return err
}
`;
    const service = `package orders
func (s *server) PlaceOrder(ctx context.Context, in *pb.PlaceOrderRequest) (*pb.Order, error) {
	return &pb.Order{}, reserve(ctx, in.Sku)
}
`;
    const forwarded = helper(`	if md, ok := metadata.FromIncomingContext(ctx); ok {
		ctx = metadata.NewOutgoingContext(ctx, md)
	}
`);
    assert.deepEqual(summary(await lintSources({ 's.go': service, 'reserve.go': forwarded })), []);
    const findings = await lintSources({ 's.go': service, 'reserve.go': helper('') });
    assert.deepEqual(findings.map((f) => `${f.path}:${f.range.start.row + 1}:${f.rule}`), ['reserve.go:4:missing-trace-headers']);
  });
});
