import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAndRelint as fixAndRelintAt, lintSources } from './lintHarness';

/** Lints the source as `C.java`, applies the fix titled like `title`, and checks the result parses and lints clean. */
const fixAndRelint = (source: string, title: RegExp, facts: { dependsOnOtelApi?: boolean } = {}): Promise<string> => fixAndRelintAt('C.java', source, title, facts);

const NAMES = '"x-request-id", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "x-ot-span-context", "traceparent", "grpc-trace-bin", "x-cloud-trace-context", "b3", "tracestate", "baggage"';

const controller = (fields: string, body: string, params: string, imports = 'import java.net.URI;') => `package shop;

${imports}

@RestController
class OrderController {
${fields}

    @GetMapping("/orders/{id}")
    public String order(${params}) throws Exception {
${body}
    }
}
`;
const HTTP_CLIENT = '    private final HttpClient http = HttpClient.newHttpClient();';
const INLINE_SEND = '        return http.send(HttpRequest.newBuilder(URI.create("http://inventory")).GET().build(), BodyHandlers.ofString()).body();';

describe('Java quick fixes', () => {
  test('java.net.http, inline builder: lifted into a local, headers copied from HttpServletRequest', async () => {
    const fixed = await fixAndRelint(controller(HTTP_CLIENT, INLINE_SEND, 'HttpServletRequest request'), /Forward the trace headers from "request"/);
    assert.ok(fixed.includes(`        HttpRequest.Builder outgoing = HttpRequest.newBuilder(URI.create("http://inventory")).GET();
        for (String traceHeader : new String[] {${NAMES}}) {
            String traceValue = request.getHeader(traceHeader);
            if (traceValue != null) {
                outgoing.header(traceHeader, traceValue);
            }
        }
        return http.send(outgoing.build(), BodyHandlers.ofString()).body();`), fixed);
  });

  test('java.net.http, request in a local built from a builder local: headers set on that builder; names do not clash', async () => {
    // Local clients: a field client makes the evidence walk the whole class, where an HttpHeaders
    // parameter reads as forwarded (reported to the rules' owner).
    const body = `        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://inventory"));
        String traceHeader = "unrelated";
        HttpRequest outgoing = builder.build();
        return http.send(outgoing, BodyHandlers.ofString()).body();`;
    const fixed = await fixAndRelint(controller('', body, '@RequestHeader HttpHeaders headers'), /Forward the trace headers from "headers"/);
    assert.ok(fixed.includes(`        String traceHeader = "unrelated";
        for (String traceHeader2 : new String[] {${NAMES}}) {
            String traceValue = headers.getFirst(traceHeader2);
            if (traceValue != null) {
                builder.header(traceHeader2, traceValue);
            }
        }
        HttpRequest outgoing = builder.build();`), fixed);
  });

  test('OkHttp with JAX-RS-style @Context HttpHeaders, two-space indentation kept', async () => {
    const source = `class Api {
  @GET
  public String get(@Context HttpHeaders headers) throws Exception {
    OkHttpClient client = new OkHttpClient();
    return client.newCall(new Request.Builder().url("http://inventory").build()).execute().body().string();
  }
}
`;
    const fixed = await fixAndRelint(source, /Forward the trace headers from "headers"/);
    assert.ok(fixed.includes(`    Request.Builder outgoing = new Request.Builder().url("http://inventory");
    for (String traceHeader : new String[] {${NAMES}}) {
      String traceValue = headers.getHeaderString(traceHeader);
      if (traceValue != null) {
        outgoing.header(traceHeader, traceValue);
      }
    }
    return client.newCall(outgoing.build())`), fixed);
  });

  test('WebClient: .headers(…) goes right after .uri(…), reading a WebFlux ServerHttpRequest', async () => {
    const body = '        return webClient.get().uri("http://inventory/{id}", id).retrieve().bodyToMono(String.class).block();';
    const fixed = await fixAndRelint(controller('    private final WebClient webClient;', body, '@PathVariable String id, ServerHttpRequest request'), /Forward the trace headers from "request"/);
    assert.ok(fixed.includes(`.uri("http://inventory/{id}", id).headers(traceHeaders -> { for (String traceHeader : new String[] {${NAMES}}) { String traceValue = request.getHeaders().getFirst(traceHeader); if (traceValue != null) { traceHeaders.set(traceHeader, traceValue); } } }).retrieve()`), fixed);
  });

  test('inject: the global propagator into the builder, imports added after the last import', async () => {
    const fixed = await fixAndRelint(controller(HTTP_CLIENT, INLINE_SEND, 'HttpServletRequest request'), /Inject the current trace context/, { dependsOnOtelApi: true });
    assert.ok(fixed.includes('import java.net.URI;\nimport io.opentelemetry.api.GlobalOpenTelemetry;\nimport io.opentelemetry.context.Context;\n'), fixed);
    assert.ok(fixed.includes(`        HttpRequest.Builder outgoing = HttpRequest.newBuilder(URI.create("http://inventory")).GET();
        GlobalOpenTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), outgoing, HttpRequest.Builder::header);
        return http.send(outgoing.build()`), fixed);
  });

  test('inject into a builder local uses its declared type for the setter', async () => {
    const body = `        OkHttpClient client = new OkHttpClient();
        okhttp3.Request.Builder builder = new okhttp3.Request.Builder().url("http://inventory");
        return client.newCall(builder.build()).execute().body().string();`;
    const source = controller('', body, 'String id');
    const fixed = await fixAndRelint(source, /Inject/, { dependsOnOtelApi: true });
    assert.ok(fixed.includes('.inject(Context.current(), builder, okhttp3.Request.Builder::header);\n        return client.newCall(builder.build())'), fixed);
  });

  test('inject into WebClient headers; a JAX-RS Context import makes the OpenTelemetry one fully qualified', async () => {
    const body = '        return webClient.post().uri("http://inventory").bodyValue(id).retrieve().bodyToMono(String.class).block();';
    const imports = 'import javax.ws.rs.core.Context;\nimport io.opentelemetry.api.GlobalOpenTelemetry;';
    const fixed = await fixAndRelint(controller('    private final WebClient webClient;', body, 'String id', imports), /Inject/, { dependsOnOtelApi: true });
    assert.ok(fixed.includes('import io.opentelemetry.api.GlobalOpenTelemetry;\nimport org.springframework.http.HttpHeaders;\n'), fixed);
    assert.equal(fixed.split('import io.opentelemetry').length, 2, fixed);
    assert.ok(fixed.includes('.uri("http://inventory").headers(traceHeaders -> { GlobalOpenTelemetry.getPropagators().getTextMapPropagator().inject(io.opentelemetry.context.Context.current(), traceHeaders, HttpHeaders::set); }).bodyValue(id)'), fixed);
  });

  test('no fix for RestTemplate, nor for java.net.http without a request parameter or OpenTelemetry; the finding stays', async () => {
    const restTemplate = controller('    private final RestTemplate restTemplate = new RestTemplate();', '        return restTemplate.getForObject("http://inventory/" + id, String.class);', '@PathVariable String id, HttpServletRequest request');
    const noRequest = controller(HTTP_CLIENT, INLINE_SEND, '@PathVariable String id');
    for (const source of [restTemplate, noRequest]) {
      const findings = await lintSources({ 'C.java': source }, { dependsOnOtelApi: source === restTemplate });
      assert.equal(findings.length, 1, source);
      assert.deepEqual(findings[0]?.fixes, [], source);
    }
  });

  test('no fix when the request is built inside a lambda or a brace-less loop, from a shared builder, or elsewhere', async () => {
    const cases = [
      '        return CompletableFuture.supplyAsync(() -> http.send(HttpRequest.newBuilder(URI.create("http://x")).build(), BodyHandlers.ofString()).body()).get();',
      '        return http.send(prepared(), BodyHandlers.ofString()).body();',
      '        return http.send(this.template.header("accept", "json").build(), BodyHandlers.ofString()).body();',
      '        for (String u : List.of("http://a")) http.send(HttpRequest.newBuilder(URI.create(u)).build(), BodyHandlers.ofString());\n        return "";',
    ];
    for (const body of cases) {
      const findings = await lintSources({ 'C.java': controller(HTTP_CLIENT, body, 'HttpServletRequest request') });
      assert.equal(findings.length, 1, body);
      assert.deepEqual(findings[0]?.fixes, [], body);
    }
  });
});
