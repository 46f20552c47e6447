import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAndRelint as fixAndRelintAt, lintSources, summary } from './lintHarness';
import { RESERVE_EACH_RECEIVED_NOTE } from './goStreamingSources';

/** Lints the source as `h.go`, applies the fix titled like `title`, and checks the result parses and lints clean. */
const fixAndRelint = (source: string, title: RegExp, facts: { dependsOnOtelApi?: boolean } = {}): Promise<string> => fixAndRelintAt('h.go', source, title, facts);

const handler = (body: string, imports = 'import "net/http"', params = 'w http.ResponseWriter, r *http.Request') => `package orders

${imports}

func (s *Server) getOrder(${params}) {
${body}
}
`;

const newRequest = `	req, err := http.NewRequest("GET", "http://inventory/items", nil)
	if err != nil {
		return
	}
	resp, err := s.client.Do(req)
	_ = resp`;

describe('Go quick fixes', () => {
  test('forward: a loop copying the headers from r goes after the err check, at the same indentation', async () => {
    const fixed = await fixAndRelint(handler(newRequest), /Forward the trace headers from "r"/);
    assert.ok(fixed.includes(`	if err != nil {
		return
	}
	for _, name := range []string{"x-request-id", "x-b3-traceid", `), fixed);
    assert.ok(fixed.includes(`"baggage"} {
		if value := r.Header.Get(name); value != "" {
			req.Header.Set(name, value)
		}
	}
	resp, err := s.client.Do(req)`), fixed);
  });

  test('forward: without an err check the loop follows the request statement; gin reads c.Request', async () => {
    const fixed = await fixAndRelint(handler(`	req, _ := http.NewRequestWithContext(c, "GET", "http://inventory/items", nil)
	s.client.Do(req)`, 'import "net/http"', 'c *gin.Context'), /Forward the trace headers from "c.Request"/);
    assert.match(fixed, /nil\)\n\tfor _, name := range \[\]string\{.*\} \{\n\t\tif value := c\.Request\.Header\.Get\(name\); value != "" \{/);
  });

  test('forward: an x-request-id-only request (partial) is completed by the same fix', async () => {
    const source = handler(`	req, _ := http.NewRequest("GET", "http://inventory/items", nil)
	req.Header.Set("x-request-id", r.Header.Get("x-request-id"))
	s.client.Do(req)`);
    assert.deepEqual(summary(await lintSources({ 'h.go': source })), ['partial-trace-headers@8']);
    await fixAndRelint(source, /Forward/);
  });

  test('inject: with go.opentelemetry.io/otel the propagator injects r.Context(), imports added to the group', async () => {
    const fixed = await fixAndRelint(handler(newRequest, 'import (\n\t"net/http"\n)'), /Inject the current trace context/, { dependsOnOtelApi: true });
    assert.ok(fixed.includes('import (\n\t"net/http"\n\t"go.opentelemetry.io/otel"\n\t"go.opentelemetry.io/otel/propagation"\n)'), fixed);
    assert.ok(fixed.includes('\t}\n\totel.GetTextMapPropagator().Inject(r.Context(), propagation.HeaderCarrier(req.Header))\n\tresp, err'), fixed);
  });

  test('inject: a single-line import gets a new group; imports already there are not repeated', async () => {
    const single = await fixAndRelint(handler(newRequest), /Inject/, { dependsOnOtelApi: true });
    assert.ok(single.includes('import "net/http"\n\nimport (\n\t"go.opentelemetry.io/otel"\n\t"go.opentelemetry.io/otel/propagation"\n)'), single);
    const present = await fixAndRelint(handler(newRequest, 'import (\n\t"net/http"\n\n\t"go.opentelemetry.io/otel"\n)'), /Inject/, { dependsOnOtelApi: true });
    assert.equal(present.split('"go.opentelemetry.io/otel"').length, 2, present);
    assert.ok(present.includes('\t"go.opentelemetry.io/otel/propagation"\n)'), present);
  });

  test('inject in a helper uses its context parameter; no forward fix there, as no request is in scope', async () => {
    const source = `package orders

import "net/http"

func (s *Server) getOrder(w http.ResponseWriter, r *http.Request) {
	s.fetchStock(r.Context(), "42")
}

func (s *Server) fetchStock(ctx context.Context, id string) {
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://inventory/"+id, nil)
	s.client.Do(req)
}
`;
    const [finding] = await lintSources({ 'h.go': source }, { dependsOnOtelApi: true });
    assert.deepEqual(finding?.fixes.map((fix) => fix.title), ['Inject the current trace context (OpenTelemetry propagator)']);
    const fixed = await fixAndRelint(source, /Inject/, { dependsOnOtelApi: true });
    assert.ok(fixed.includes('Inject(ctx, propagation.HeaderCarrier(req.Header))'), fixed);
  });

  test('edits land right after non-ASCII text (offsets are UTF-16, like the editor\'s)', async () => {
    const fixed = await fixAndRelint(handler(`	// Lagerbestand prüfen – 在庫 🚚\n${newRequest}`), /Forward/);
    assert.ok(fixed.includes('\t// Lagerbestand prüfen – 在庫 🚚\n\treq, err := http.NewRequest('), fixed);
    assert.ok(fixed.includes('\t\treturn\n\t}\n\tfor _, name := range'), fixed);
  });

  test('no inject fix without the OpenTelemetry API dependency', async () => {
    const [finding] = await lintSources({ 'h.go': handler(newRequest) });
    assert.deepEqual(finding?.fixes.map((fix) => fix.title), ['Forward the trace headers from "r"']);
  });

  test('no fix for http.Get (no request object) or a request built elsewhere; the finding stays', async () => {
    const cases = [
      handler(`	http.Get("http://legacy/items")`),
      handler(`	s.client.Do(s.buildRequest())`),
      handler(`	req := s.prepared
	s.client.Do(req)`),
    ];
    for (const source of cases) {
      const findings = await lintSources({ 'h.go': source }, { dependsOnOtelApi: true });
      assert.equal(findings.length, 1, source);
      assert.deepEqual(findings[0]?.fixes, [], source);
    }
  });
});

/** A grpc-go service method calling another service's stub from line 9 on. */
const service = (body: string, imports = '\t"context"\n') => `package orders

import (
${imports})

func (s *server) GetOrder(ctx context.Context, in *pb.GetOrderRequest) (*pb.Order, error) {
	inv := pb.NewInventoryClient(s.conn)
${body}
}
`;

const ALL_HEADERS = '"x-request-id", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "x-ot-span-context", "traceparent", "grpc-trace-bin", "x-cloud-trace-context", "b3", "tracestate", "baggage"';

describe('Go quick fixes for grpc-go stubs', () => {
  test('forward: the configured keys of the incoming metadata are set on the outgoing context before the call; import added', async () => {
    const fixed = await fixAndRelint(service(`	return inv.Reserve(ctx, &pb.ReserveRequest{Sku: in.Sku})`), /Forward the trace headers from the incoming gRPC metadata/);
    assert.ok(fixed.includes('import (\n\t"context"\n\t"google.golang.org/grpc/metadata"\n)'), fixed);
    assert.ok(fixed.includes(`	inv := pb.NewInventoryClient(s.conn)
	if incoming, ok := metadata.FromIncomingContext(ctx); ok {
		outgoing, _ := metadata.FromOutgoingContext(ctx)
		outgoing = outgoing.Copy()
		for _, name := range []string{${ALL_HEADERS}} {
			if values := incoming.Get(name); len(values) > 0 {
				outgoing.Set(name, values...)
			}
		}
		ctx = metadata.NewOutgoingContext(ctx, outgoing)
	}
	return inv.Reserve(ctx, &pb.ReserveRequest{Sku: in.Sku})
}`), fixed);
  });

  test('forward: an aliased metadata import is used as is; an x-request-id-only context (partial) is completed', async () => {
    const source = service(`	out := grpcmd.AppendToOutgoingContext(ctx, "x-request-id", in.RequestId)
	for _, item := range in.Items {
		if _, err := inv.Reserve(out, &pb.ReserveRequest{Sku: item.Sku}); err != nil {
			return nil, err
		}
	}
	return &pb.Order{}, nil`, '\t"context"\n\n\tgrpcmd "google.golang.org/grpc/metadata"\n');
    assert.deepEqual(summary(await lintSources({ 'h.go': source })), ['partial-trace-headers@13']);
    const fixed = await fixAndRelint(source, /Forward/);
    assert.equal(fixed.split('google.golang.org/grpc/metadata').length, 2, fixed);
    // Read from the service's own context, written into the one the stub gets, at the loop body's indentation.
    assert.ok(fixed.includes(`	for _, item := range in.Items {
		if incoming, ok := grpcmd.FromIncomingContext(ctx); ok {
			outgoing, _ := grpcmd.FromOutgoingContext(out)
`), fixed);
    assert.ok(fixed.includes(`			out = grpcmd.NewOutgoingContext(out, outgoing)
		}
		if _, err := inv.Reserve(out,`), fixed);
  });

  test('the fix\'s own variables are renamed when the outgoing context already goes by one of their names', async () => {
    const fixed = await fixAndRelint(service(`	outgoing, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return inv.Reserve(outgoing, &pb.ReserveRequest{})`), /Forward/);
    assert.ok(fixed.includes('\t\toutgoingMD, _ := metadata.FromOutgoingContext(outgoing)\n\t\toutgoingMD = outgoingMD.Copy()\n'), fixed);
    assert.ok(fixed.includes('\t\toutgoing = metadata.NewOutgoingContext(outgoing, outgoingMD)\n\t}\n\treturn inv.Reserve(outgoing,'), fixed);
  });

  test('inject: with go.opentelemetry.io/otel the propagator fills a MapCarrier merged into the outgoing metadata', async () => {
    const fixed = await fixAndRelint(service(`	return inv.Reserve(ctx, &pb.ReserveRequest{})`), /Inject the current trace context/, { dependsOnOtelApi: true });
    assert.ok(fixed.includes('\t"context"\n\t"go.opentelemetry.io/otel"\n\t"go.opentelemetry.io/otel/propagation"\n\t"google.golang.org/grpc/metadata"\n)'), fixed);
    assert.ok(fixed.includes(`	{
		carrier := propagation.MapCarrier{}
		otel.GetTextMapPropagator().Inject(ctx, carrier)
		outgoing, _ := metadata.FromOutgoingContext(ctx)
		outgoing = outgoing.Copy()
		for key, value := range carrier {
			outgoing.Set(key, value)
		}
		ctx = metadata.NewOutgoingContext(ctx, outgoing)
	}
	return inv.Reserve(ctx, &pb.ReserveRequest{})`), fixed);
  });

  test('both fixes are offered in the service method; in a helper only inject, from its context parameter', async () => {
    const [inMethod] = await lintSources({ 'h.go': service(`	return inv.Reserve(ctx, &pb.ReserveRequest{})`) }, { dependsOnOtelApi: true });
    assert.deepEqual(inMethod?.fixes.map((fix) => fix.title), ['Forward the trace headers from the incoming gRPC metadata', 'Inject the current trace context (OpenTelemetry propagator)']);
    const helper = `package orders

var inventory = pb.NewInventoryClient(conn)

func (s *server) PlaceOrder(ctx context.Context, in *pb.PlaceOrderRequest) (*pb.Order, error) {
	return &pb.Order{}, reserve(ctx, in.Sku)
}

func reserve(parent context.Context, sku string) error {
	_, err := inventory.Reserve(parent, &pb.ReserveRequest{Sku: sku})
	return err
}
`;
    const [inHelper] = await lintSources({ 'h.go': helper }, { dependsOnOtelApi: true });
    // The helper's context may come from an HTTP handler, where there is no incoming metadata to forward.
    assert.deepEqual(inHelper?.fixes.map((fix) => fix.title), ['Inject the current trace context (OpenTelemetry propagator)']);
    const fixed = await fixAndRelint(helper, /Inject/, { dependsOnOtelApi: true });
    assert.ok(fixed.includes('\t\totel.GetTextMapPropagator().Inject(parent, carrier)\n'), fixed);
    assert.ok(fixed.includes('\t\tparent = metadata.NewOutgoingContext(parent, outgoing)\n\t}\n\t_, err := inventory.Reserve('), fixed);
    assert.ok(fixed.includes('import (\n\t"go.opentelemetry.io/otel"\n'), fixed);
  });

  test('no fix when the stub gets a context expression, or is called inside a function literal; the finding stays', async () => {
    const cases = [
      service(`	return inv.Reserve(context.Background(), &pb.ReserveRequest{})`),
      service(`	go func() {
		inv.Reserve(ctx, &pb.ReserveRequest{})
	}()
	return &pb.Order{}, nil`),
    ];
    for (const source of cases) {
      const findings = await lintSources({ 'h.go': source }, { dependsOnOtelApi: true });
      assert.equal(findings.length, 1, source);
      assert.deepEqual(findings[0]?.fixes, [], source);
    }
  });
});

/** A grpc-go bidi streaming method (`RouteChat`) whose body, from line 12 on, calls a stub. */
const streaming = (body: string, imports = '\t"net/http"\n') => `package routes

import (
${imports})

type routeServer struct {
	pb.UnimplementedRouteGuideServer
}

func (s *routeServer) RouteChat(stream pb.RouteGuide_RouteChatServer) error {
${body}
}

func newRouteServer(conn *grpc.ClientConn) *routeServer {
	return &routeServer{inventory: pb.NewInventoryClient(conn)}
}
`;

const STREAM_CTX = `	ctx := stream.Context()
${RESERVE_EACH_RECEIVED_NOTE}`;

describe('Go quick fixes in a streaming gRPC method (context: stream.Context())', () => {
  test('forward: the configured keys of stream.Context()\'s incoming metadata are set on the ctx derived from it', async () => {
    const fixed = await fixAndRelint(streaming(STREAM_CTX), /Forward the trace headers from the incoming gRPC metadata/);
    assert.ok(fixed.includes('\t"net/http"\n\t"google.golang.org/grpc/metadata"\n)'), fixed);
    assert.ok(fixed.includes(`		if incoming, ok := metadata.FromIncomingContext(stream.Context()); ok {
			outgoing, _ := metadata.FromOutgoingContext(ctx)
			outgoing = outgoing.Copy()
			for _, name := range []string{${ALL_HEADERS}} {`), fixed);
    assert.ok(fixed.includes(`			ctx = metadata.NewOutgoingContext(ctx, outgoing)
		}
		if _, err := s.inventory.Reserve(ctx,`), fixed);
  });

  test('inject: the propagator injects stream.Context() into the outgoing metadata', async () => {
    const [finding] = await lintSources({ 'h.go': streaming(STREAM_CTX) }, { dependsOnOtelApi: true });
    assert.deepEqual(finding?.fixes.map((fix) => fix.title), ['Forward the trace headers from the incoming gRPC metadata', 'Inject the current trace context (OpenTelemetry propagator)']);
    const fixed = await fixAndRelint(streaming(STREAM_CTX), /Inject the current trace context/, { dependsOnOtelApi: true });
    assert.ok(fixed.includes('\t\t\totel.GetTextMapPropagator().Inject(stream.Context(), carrier)\n'), fixed);
  });

  test('inject for an HTTP request built in a streaming method uses stream.Context()', async () => {
    const source = streaming(`	req, err := http.NewRequestWithContext(stream.Context(), "POST", "http://audit/notes", nil)
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err`);
    const fixed = await fixAndRelint(source, /Inject the current trace context/, { dependsOnOtelApi: true });
    assert.ok(fixed.includes('\t}\n\totel.GetTextMapPropagator().Inject(stream.Context(), propagation.HeaderCarrier(req.Header))\n\t_, err = http.DefaultClient.Do(req)'), fixed);
  });

  test('no fix when the stub is handed stream.Context() itself; the finding stays', async () => {
    const findings = await lintSources({ 'h.go': streaming(`	_, err := s.inventory.Reserve(stream.Context(), &pb.ReserveRequest{})
	return err`) }, { dependsOnOtelApi: true });
    assert.deepEqual(summary(findings), ['missing-trace-headers@12']);
    assert.deepEqual(findings[0]?.fixes, []);
  });
});
