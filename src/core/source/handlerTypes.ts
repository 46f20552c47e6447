import type { SourceLanguage } from '../sourceLanguage';
import type { SourceRange } from './syntaxNode';

/**
 * What a handler is: an HTTP route registration, a gRPC service method implementation, or a place that
 * starts a span with a literal name.
 */
export type HandlerKind = 'route' | 'grpc' | 'span';

/** One indexed handler or span site in one source file. */
export interface SourceHandler {
  readonly kind: HandlerKind;
  /** Which framework rule found it, e.g. `express`, `spring`, `go-net-http`, `otel-span`. Shown as evidence. */
  readonly framework: string;
  /** Upper-case HTTP method for routes; `ANY` when the registration accepts every method. */
  readonly method?: string;
  /** The route as written, prefixes joined, always starting with `/`, e.g. `/api/users/{id}`. */
  readonly pathTemplate?: string;
  /** gRPC: the service name as declared (`Greeter`, or `helloworld.Greeter` when the package is known). */
  readonly grpcService?: string;
  /** gRPC: the method name as written in this language (`SayHello`, `sayHello`, `say_hello`). */
  readonly grpcMethod?: string;
  /** The label a person reads: `GET /api/users/{id}`, `Greeter/SayHello`, or the span name. */
  readonly name: string;
  /** The function or callback that handles it, when it has a name (`getUser`, `UsersController.show`). */
  readonly functionName?: string;
  /** Where the registration, decorator or span call is: what Go to Source reveals. */
  readonly range: SourceRange;
  /** The whole handler function (or the registration when the handler is elsewhere): for code lenses and line matching. */
  readonly functionRange: SourceRange;
}

/** Everything indexed in one file. `path` is workspace-relative with `/` separators. */
export interface FileIndex {
  readonly path: string;
  readonly language: SourceLanguage;
  readonly handlers: readonly SourceHandler[];
}

export const HTTP_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

/**
 * Joins route prefixes and paths the way routers do: one `/` between parts, a leading `/`, no trailing
 * `/` (except the root itself).
 */
export function joinRoutePath(...parts: readonly (string | undefined)[]): string {
  const segments = parts.flatMap((part) => (part ?? '').split('/')).filter((segment) => segment.length > 0);
  return `/${segments.join('/')}`;
}
