import type { SourceHandler } from '../source/handlerTypes';
import { baseName } from './pathRemapping';
import { compileRouteTemplate, type CompiledRoute } from './routeTemplate';
import type { WorkspaceIndex } from './workspaceIndex';

/** A handler with the file it is in and what matching needs precomputed. */
export interface IndexedHandler {
  readonly file: string;
  readonly handler: SourceHandler;
  readonly route?: CompiledRoute;
}

/** Lookup tables over a {@link WorkspaceIndex}, built once per index object. */
export interface CompiledIndex {
  readonly routes: readonly IndexedHandler[];
  /** See {@link bucketRoutes}: keeps URL matching from testing every route's pattern. */
  readonly routeBuckets: ReadonlyMap<string, readonly IndexedHandler[]>;
  readonly routesByCanonical: ReadonlyMap<string, readonly IndexedHandler[]>;
  readonly grpcByMethod: ReadonlyMap<string, readonly IndexedHandler[]>;
  readonly spansByName: ReadonlyMap<string, readonly IndexedHandler[]>;
  readonly handlersByFile: ReadonlyMap<string, readonly IndexedHandler[]>;
  /** By the last part of the handler's function name (`show` for `UsersController.show`). */
  readonly handlersByFunction: ReadonlyMap<string, readonly IndexedHandler[]>;
  readonly filesByName: ReadonlyMap<string, readonly string[]>;
  /** Every workspace folder path (each prefix of each file's path), for finding a service's folder by name. */
  readonly foldersByName: ReadonlyMap<string, readonly string[]>;
}

const compiled = new WeakMap<WorkspaceIndex, CompiledIndex>();

export function compileIndex(index: WorkspaceIndex): CompiledIndex {
  const cached = compiled.get(index);
  if (cached) return cached;
  const routes: IndexedHandler[] = [];
  const routesByCanonical = new Map<string, IndexedHandler[]>();
  const grpcByMethod = new Map<string, IndexedHandler[]>();
  const spansByName = new Map<string, IndexedHandler[]>();
  const handlersByFile = new Map<string, IndexedHandler[]>();
  const handlersByFunction = new Map<string, IndexedHandler[]>();
  const filesByName = new Map<string, string[]>();
  const foldersByName = new Map<string, string[]>();
  const seenFolders = new Set<string>();
  for (const file of index.files) {
    push(filesByName, baseName(file.path), file.path);
    const segments = file.path.split('/');
    for (let depth = 1; depth < segments.length; depth++) {
      const folder = segments.slice(0, depth).join('/');
      if (seenFolders.has(folder)) continue;
      seenFolders.add(folder);
      push(foldersByName, segments[depth - 1] ?? '', folder);
    }
    for (const handler of file.handlers) {
      const route = handler.kind === 'route' && handler.pathTemplate !== undefined ? compileRouteTemplate(handler.pathTemplate) : undefined;
      const entry: IndexedHandler = { file: file.path, handler, ...(route ? { route } : {}) };
      push(handlersByFile, file.path, entry);
      if (handler.functionName !== undefined) push(handlersByFunction, lastNamePart(handler.functionName), entry);
      if (route) {
        routes.push(entry);
        push(routesByCanonical, route.canonical, entry);
      }
      if (handler.kind === 'grpc' && handler.grpcMethod !== undefined) push(grpcByMethod, normalizeRpcName(handler.grpcMethod), entry);
      if (handler.kind === 'span') push(spansByName, handler.name, entry);
    }
  }
  const result: CompiledIndex = { routes, routeBuckets: bucketRoutes(routes), routesByCanonical, grpcByMethod, spansByName, handlersByFile, handlersByFunction, filesByName, foldersByName };
  compiled.set(index, result);
  return result;
}

/** `SayHello`, `sayHello` and `say_hello` are the same RPC in different languages' stubs. */
export function normalizeRpcName(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

/** `UsersController.show` → `show`; `users#show` → `show`. */
export function lastNamePart(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('.'), name.lastIndexOf('#')) + 1);
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Routes keyed by their first two path segments when both are literal (`api/users`), else by the first
 * literal segment (`api`), else `*`. A request path then tests only the routes of its own keys.
 */
export function bucketRoutes(routes: readonly IndexedHandler[]): Map<string, IndexedHandler[]> {
  const buckets = new Map<string, IndexedHandler[]>();
  const isLiteral = (segment: string | undefined): segment is string => segment !== undefined && segment !== '' && !/[:{<[*(]/.test(segment);
  for (const entry of routes) {
    const template = entry.handler.pathTemplate ?? '';
    const [, first, second] = template.startsWith('regex:') ? [] : template.split('/');
    const key = !isLiteral(first) ? '*' : isLiteral(second) ? `${first}/${second}` : first;
    const list = buckets.get(key);
    if (list) list.push(entry);
    else buckets.set(key, [entry]);
  }
  return buckets;
}
