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
});
