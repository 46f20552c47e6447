import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSources, summary } from './lintHarness';

const controller = (fields: string, body: string, params = '@PathVariable String id') => `package shop;
@RestController
class OrderController {
${fields}
  @GetMapping("/orders/{id}")
  public String order(${params}) {
${body}
  }
}
`;

describe('Java propagation lint', () => {
  test('RestTemplate without headers is flagged; the Spring tracing starter covers a builder-made one', async () => {
    const source = controller(`  private final RestTemplate restTemplate;
  OrderController(RestTemplateBuilder builder) { this.restTemplate = builder.build(); }`, `    return restTemplate.getForObject("http://inventory/" + id, String.class);`);
    assert.deepEqual(summary(await lintSources({ 'OrderController.java': source })), ['missing-trace-headers@8']);
    assert.deepEqual(summary(await lintSources({ 'OrderController.java': source }, { instrumentation: ['java-spring-tracing'] })), []);
  });

  test('a plain new RestTemplate() is not covered by the tracing starter, but is by the agent', async () => {
    const source = controller(`  private final RestTemplate restTemplate = new RestTemplate();`, `    return restTemplate.getForObject("http://inventory/" + id, String.class);`);
    assert.deepEqual(summary(await lintSources({ 'OrderController.java': source }, { instrumentation: ['java-spring-tracing'] })), ['missing-trace-headers@7']);
    assert.deepEqual(summary(await lintSources({ 'OrderController.java': source }, { instrumentation: ['java-agent'] })), []);
  });

  test('headers copied from HttpServletRequest into an HttpEntity: B3 covered, x-request-id only partial', async () => {
    const body = (names: string) => `    HttpHeaders headers = new HttpHeaders();
    for (String name : List.of(${names})) {
      headers.set(name, request.getHeader(name));
    }
    return restTemplate.exchange(url, HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody();`;
    const fields = `  private final RestTemplate restTemplate = new RestTemplate();`;
    const params = 'HttpServletRequest request';
    assert.deepEqual(summary(await lintSources({ 'C.java': controller(fields, body('"x-b3-traceid", "x-b3-spanid", "x-b3-sampled"'), params) })), []);
    assert.deepEqual(summary(await lintSources({ 'C.java': controller(fields, body('"x-request-id"'), params) })), ['partial-trace-headers@11']);
  });

  test('WebClient with a header in the chain, and java.net.http with all headers forwarded', async () => {
    const webClient = controller(`  private final WebClient webClient;`, `    return webClient.get().uri("http://inventory").header("traceparent", tp).retrieve().bodyToMono(String.class).block();`, '@RequestHeader("traceparent") String tp');
    assert.deepEqual(summary(await lintSources({ 'C.java': webClient })), []);
    const httpClient = controller(`  private final HttpClient http = HttpClient.newHttpClient();`, `    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://inventory"));
    headers.forEach((name, values) -> builder.header(name, values.get(0)));
    return http.send(builder.build(), BodyHandlers.ofString()).body();`, '@RequestHeader HttpHeaders headers');
    assert.deepEqual(summary(await lintSources({ 'C.java': httpClient })), []);
    const bare = controller(`  private final HttpClient http = HttpClient.newHttpClient();`, `    return http.send(HttpRequest.newBuilder(URI.create("http://inventory")).build(), BodyHandlers.ofString()).body();`);
    assert.deepEqual(summary(await lintSources({ 'C.java': bare })), ['missing-trace-headers@7']);
  });
  const feignClient = (params = '@PathVariable("id") String id') => `package shop;
@FeignClient(name = "inventory", url = "http://inventory")
public interface InventoryClient {
  @GetMapping("/items/{id}")
  Item item(${params});
}
`;
  const feignCaller = (call = 'inventory.item(id)', params = '@PathVariable String id') => controller(`  private final InventoryClient inventory;`, `    return ${call}.name();`, params);

  test('Feign: a call on an injected @FeignClient interface is an outbound call, reported at its mapping', async () => {
    const findings = await lintSources({ 'OrderController.java': feignCaller(), 'InventoryClient.java': feignClient() });
    assert.deepEqual(findings.map((f) => `${f.path}:${f.range.start.row + 1}:${f.rule}:${f.client}`), ['InventoryClient.java:4:missing-trace-headers:Feign']);
    assert.equal(findings[0]?.handler.name, 'order');
    assert.equal(findings[0]?.handler.path, 'OrderController.java');
  });

  test('Feign: covered by the Spring tracing starter, the agent, or a @RequestHeader forwarded from the caller', async () => {
    const sources = { 'OrderController.java': feignCaller(), 'InventoryClient.java': feignClient() };
    assert.deepEqual(summary(await lintSources(sources, { instrumentation: ['java-spring-tracing'] })), []);
    assert.deepEqual(summary(await lintSources(sources, { instrumentation: ['java-agent'] })), []);
    const forwarded = {
      'OrderController.java': feignCaller('inventory.item(id, traceparent)', '@PathVariable String id, @RequestHeader("traceparent") String traceparent'),
      'InventoryClient.java': feignClient('@PathVariable("id") String id, @RequestHeader("traceparent") String traceparent'),
    };
    assert.deepEqual(summary(await lintSources(forwarded)), []);
    const requestIdOnly = {
      'OrderController.java': feignCaller('inventory.item(id, requestId)', '@PathVariable String id, @RequestHeader("x-request-id") String requestId'),
      'InventoryClient.java': feignClient('@PathVariable("id") String id, @RequestHeader("x-request-id") String requestId'),
    };
    assert.deepEqual(summary(await lintSources(requestIdOnly)), ['partial-trace-headers@4']);
  });

  test('Feign: a RequestInterceptor copying the incoming headers covers every Feign call; one adding a token does not', async () => {
    const interceptor = (body: string) => `package shop;
@Configuration
class FeignConfig {
  @Bean
  RequestInterceptor forwardHeaders() {
    return template -> {
${body}
    };
  }
}
`;
    const copying = interceptor(`      HttpServletRequest incoming = ((ServletRequestAttributes) RequestContextHolder.getRequestAttributes()).getRequest();
      for (String name : List.of("traceparent", "tracestate")) template.header(name, incoming.getHeader(name));`);
    const sources = { 'OrderController.java': feignCaller(), 'InventoryClient.java': feignClient() };
    assert.deepEqual(summary(await lintSources({ ...sources, 'FeignConfig.java': copying })), []);
    const applyMethod = `package shop;
class TraceForwarding implements RequestInterceptor {
  @Override
  public void apply(RequestTemplate template) {
    template.header("x-b3-traceid", MDC.get("traceId"));
  }
}
`;
    assert.deepEqual(summary(await lintSources({ ...sources, 'TraceForwarding.java': applyMethod })), []);
    const token = interceptor(`      template.header("Authorization", "Bearer " + tokens.current());`);
    assert.deepEqual(summary(await lintSources({ ...sources, 'FeignConfig.java': token })), ['missing-trace-headers@4']);
  });

  test('Feign near misses: mapping annotations on a controller or a plain interface are no outbound calls', async () => {
    const plain = `package shop;
public interface InventoryApi {
  @GetMapping("/items/{id}")
  Item item(@PathVariable("id") String id);
}
`;
    assert.deepEqual(summary(await lintSources({ 'OrderController.java': feignCaller(), 'InventoryApi.java': plain })), []);
  });
  test('a trace header named in another method of the class does not cover this call', async () => {
    const source = `package shop;
@RestController
class OrderController {
  private final RestTemplate restTemplate = new RestTemplate();
  private final WebClient webClient;
  @GetMapping("/a")
  public String a(@RequestHeader("traceparent") String tp) {
    return webClient.get().uri("http://a").header("traceparent", tp).retrieve().bodyToMono(String.class).block();
  }
  @GetMapping("/b")
  public String b() {
    return restTemplate.getForObject("http://b", String.class);
  }
}
`;
    assert.deepEqual(summary(await lintSources({ 'OrderController.java': source })), ['missing-trace-headers@12']);
  });
});
