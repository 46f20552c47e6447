import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { indexCode, summarize } from './indexHelpers';

describe('Go handlers', () => {
  test('net/http with Go 1.22 method patterns and plain paths', async () => {
    const file = await indexCode('go', 'gateway/main.go', [
      'package main',
      'func main() {',
      '\tmux := http.NewServeMux()',
      '\tmux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {',
      '\t})',
      '\thttp.Handle("/metrics", promhttp.Handler())',
      '\tmux.HandleFunc("POST example.com/upload", upload)',
      '\tlog.Println("GET /not/a/route")',
      '}',
    ].join('\n'));
    assert.deepEqual(summarize(file.handlers), ['route ANY /metrics @6', 'route GET /items/{id} @4', 'route POST /upload @7']);
  });

  test('gorilla/mux .Methods, chi Route prefixes, gin and echo groups', async () => {
    const file = await indexCode('go', 'svc/routes.go', [
      'package svc',
      'func routes() {',
      '\tr.HandleFunc("/articles/{category}/{id:[0-9]+}", ArticleHandler).Methods("GET")',
      '\tc.Route("/users", func(r chi.Router) {',
      '\t\tr.Get("/{userID}", getUser)',
      '\t})',
      '\tv1 := g.Group("/v1")',
      '\tadmin := v1.Group("/admin")',
      '\tadmin.POST("/reset", reset)',
      '\te.GET(`/health`, health)',
      '}',
    ].join('\n'));
    assert.deepEqual(summarize(file.handlers), [
      'route GET /articles/{category}/{id:[0-9]+} @3',
      'route GET /health @10',
      'route GET /users/{userID} @5',
      'route POST /v1/admin/reset @9',
    ]);
  });

  test('grpc-go servers and tracer.Start spans', async () => {
    const file = await indexCode('go', 'svc/server.go', [
      'package svc',
      'type server struct {',
      '\tpb.UnimplementedGreeterServer',
      '}',
      'type other struct{ name string }',
      'func (s *server) SayHello(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) {',
      '\tctx, span := tracer.Start(ctx, "lookup-greeting")',
      '\tdefer span.End()',
      '\treturn nil, nil',
      '}',
      'func (s *server) helper() {}',
      'func (o *other) SayHello() {}',
      'func f(ctx context.Context) { tracer.Start(ctx, name) }',
    ].join('\n'));
    assert.deepEqual(summarize(file.handlers), ['grpc Greeter/SayHello @6', 'span lookup-greeting @7']);
  });
});
