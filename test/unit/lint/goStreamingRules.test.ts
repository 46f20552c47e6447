import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createGrammarLoader } from '../../../src/treeSitter/grammarLoader';
import { lintPackage } from '../../../src/core/lint/lintPackage';
import { sourceIndexLocator } from '../../../src/core/lint/sourceIndexLocator';
import type { FileIndex } from '../../../src/core/source/handlerTypes';
import { indexSourceFile } from '../../../src/core/source/indexSourceFile';
import { DEFAULT_SETTINGS, lintSources, summary } from './lintHarness';
import { RESERVE_EACH_RECEIVED_NOTE, streamingService } from './goStreamingSources';

const OTELGRPC_DIAL = `package routes
func dial() { grpc.NewClient(addr, grpc.WithStatsHandler(otelgrpc.NewClientHandler())) }`;

describe('Go gRPC: streaming service methods', () => {
  const signatures = {
    'server streaming': 'ListFeatures(rect *pb.Rectangle, stream pb.RouteGuide_ListFeaturesServer) error',
    'client streaming': 'RecordRoute(stream pb.RouteGuide_RecordRouteServer) error',
    'bidi (generic, grpc-go 1.64)': 'RouteChat(stream grpc.BidiStreamingServer[pb.RouteNote, pb.RouteNote]) error',
    'server streaming (generic)': 'ListFeatures(rect *pb.Rectangle, stream grpc.ServerStreamingServer[pb.Feature]) error',
  };

  for (const [kind, signature] of Object.entries(signatures)) {
    test(`${kind}: a stub call with the stream's context and no metadata is flagged, naming the method`, async () => {
      const findings = await lintSources({ 's.go': streamingService(signature, `	_, err := s.inventory.Reserve(stream.Context(), &pb.ReserveRequest{})
	return err`) });
      assert.deepEqual(summary(findings), ['missing-trace-headers@14']);
      assert.equal(findings[0]?.client, 'grpc-go');
      assert.equal(findings[0]?.handler.name, signature.slice(0, signature.indexOf('(')));
      assert.match(findings[0]?.message ?? '', new RegExp(`serving "${signature.slice(0, signature.indexOf('('))}"`));
    });
  }

  test('an HTTP call made while serving a stream without trace headers is flagged', async () => {
    const findings = await lintSources({ 's.go': streamingService('RecordRoute(stream pb.RouteGuide_RecordRouteServer) error', `	req, _ := http.NewRequestWithContext(stream.Context(), "POST", "http://audit/points", nil)
	_, err := http.DefaultClient.Do(req)
	return err`) });
    assert.deepEqual(summary(findings), ['missing-trace-headers@15']);
    assert.equal(findings[0]?.handler.name, 'RecordRoute');
  });

  test('incoming metadata of stream.Context() forwarded with NewOutgoingContext is covered, directly or through ctx', async () => {
    const direct = streamingService('RouteChat(stream pb.RouteGuide_RouteChatServer) error', `	md, _ := metadata.FromIncomingContext(stream.Context())
	_, err := s.inventory.Reserve(metadata.NewOutgoingContext(stream.Context(), md), &pb.ReserveRequest{})
	return err`);
    assert.deepEqual(summary(await lintSources({ 's.go': direct })), []);
    const throughCtx = streamingService('RouteChat(stream pb.RouteGuide_RouteChatServer) error', `	ctx := stream.Context()
	if md, ok := metadata.FromIncomingContext(ctx); ok {
		ctx = metadata.NewOutgoingContext(ctx, md)
	}
${RESERVE_EACH_RECEIVED_NOTE}`);
    assert.deepEqual(summary(await lintSources({ 's.go': throughCtx })), []);
  });

  test('otelgrpc covers a stub handed stream.Context() (or ctx := stream.Context()), not a detached context', async () => {
    const method = 'ListFeatures(rect *pb.Rectangle, stream pb.RouteGuide_ListFeaturesServer) error';
    const direct = streamingService(method, `	_, err := s.inventory.Reserve(stream.Context(), &pb.ReserveRequest{})
	return err`);
    assert.deepEqual(summary(await lintSources({ 's.go': direct, 'main.go': OTELGRPC_DIAL })), []);
    const throughCtx = streamingService(method, `	ctx := stream.Context()
	_, err := s.inventory.Reserve(ctx, &pb.ReserveRequest{})
	return err`);
    assert.deepEqual(summary(await lintSources({ 's.go': throughCtx, 'main.go': OTELGRPC_DIAL })), []);
    // The stream handed on is no context: a message received from it carries none.
    const detached = streamingService(method, `	point, _ := stream.Recv()
	_, err := s.inventory.Reserve(context.Background(), &pb.ReserveRequest{Sku: point.String()})
	return err`);
    assert.deepEqual(summary(await lintSources({ 's.go': detached, 'main.go': OTELGRPC_DIAL })), ['missing-trace-headers@15']);
  });

  test('a Server-typed last parameter does not make a handler: a struct that is no gRPC server, or a pointer type', async () => {
    const relay = `package routes

type relay struct {
	peers []string
	inventory pb.InventoryClient
}
func (r *relay) Pipe(stream pb.RouteGuide_RouteChatServer) error {
	_, err := r.inventory.Reserve(stream.Context(), &pb.ReserveRequest{})
	return err
}

var shared = &relay{inventory: pb.NewInventoryClient(conn)}
`;
    assert.deepEqual(summary(await lintSources({ 's.go': relay })), []);
    const admin = streamingService('Attach(srv *http.Server) error', `	_, err := s.inventory.Reserve(srv.Context(), &pb.ReserveRequest{})
	return err`);
    assert.deepEqual(summary(await lintSources({ 's.go': admin })), []);
    // A receiver declared in another file of the package is taken as the server it implements.
    const elsewhere = `package routes
func (s *routeServer) RecordRoute(stream pb.RouteGuide_RecordRouteServer) error {
	_, err := s.inventory.Reserve(stream.Context(), &pb.ReserveRequest{})
	return err
}

var server = &routeServer{inventory: pb.NewInventoryClient(conn)}
`;
    assert.deepEqual(summary(await lintSources({ 'record.go': elsewhere })), ['missing-trace-headers@3']);
  });
});

/** Lints Go sources with the shared source index as the handler locator (as the workspace lint does). */
async function lintViaIndex(sources: Record<string, string>, instrumentation: 'go-otelgrpc'[] = []): Promise<string[]> {
  const parser = await createGrammarLoader().parserFor('go');
  const trees = Object.entries(sources).map(([path, text]) => ({ path, tree: parser.parse(text) }));
  parser.delete();
  const indexes = new Map<string, FileIndex>();
  const files = [];
  for (const { path, tree } of trees) {
    assert.ok(tree);
    indexes.set(path, indexSourceFile(tree, 'go', path));
    files.push({ path, language: 'go' as const, root: tree.rootNode });
  }
  try {
    const findings = lintPackage(files, DEFAULT_SETTINGS, { instrumentation: new Set(instrumentation), dependsOnOtelApi: false }, { locator: sourceIndexLocator(indexes) });
    return findings.map((finding) => `${finding.rule}@${finding.range.start.row + 1}:${finding.handler.name}`);
  } finally {
    for (const { tree } of trees) tree?.delete();
  }
}

test('found through the source index, a streaming method gets the same request context (stream.Context())', async () => {
  const method = 'ListFeatures(rect *pb.Rectangle, stream pb.RouteGuide_ListFeaturesServer) error';
  const covered = streamingService(method, `	_, err := s.inventory.Reserve(stream.Context(), &pb.ReserveRequest{})
	return err`);
  assert.deepEqual(await lintViaIndex({ 's.go': covered }, ['go-otelgrpc']), []);
  const detached = streamingService(method, `	_, err := s.inventory.Reserve(context.Background(), &pb.ReserveRequest{Sku: rect.String()})
	return err`);
  assert.deepEqual(await lintViaIndex({ 's.go': detached }, ['go-otelgrpc']), ['missing-trace-headers@14:ListFeatures']);
});
