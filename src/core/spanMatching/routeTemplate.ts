/**
 * Route templates in every router's spelling: Express/Rails `:id`, Spring/Go/FastAPI `{id}` (gorilla's
 * `{id:[0-9]+}`), Flask/Django `<int:id>`, Next.js `[id]` and `[...slug]`, `*` wildcards, and Django
 * `re_path` regular expressions (indexed as `regex:/…`).
 */

/** A template compiled for matching concrete request paths. */
export interface CompiledRoute {
  /** Matches a whole path (query stripped), with or without a trailing `/`. */
  readonly pattern: RegExp;
  /** The template with every parameter written `{}` and wildcards `{*}`: equal for equal routes across routers. */
  readonly canonical: string;
  /** Characters of literal text: more literal text is more specific. */
  readonly literalLength: number;
  readonly parameterCount: number;
  readonly wildcardCount: number;
  /** Path segments a matching path has, when fixed (no wildcard, optional part or regex): a cheap pre-check. */
  readonly segmentCount?: number;
}

/** One parameter or wildcard inside a path segment; `regex` when the template constrains it. */
const PARAMETER = /:(\w+)(\([^)]*\))?\??|\{(\*?\w*)(?::([^{}]*(?:\{[^}]*\}[^{}]*)*))?\}|<(?:(\w+):)?(\w+)>|\[\[?(\.\.\.)?\w+\]?\]|\*+/g;

const CONVERTERS: Readonly<Record<string, string>> = { int: '\\d+', path: '.+', uuid: '[0-9a-fA-F-]{36}', slug: '[-\\w]+', str: '[^/]+', string: '[^/]+', float: '[\\d.]+' };

/** Compiles a template; returns undefined for a regular expression that does not compile. */
export function compileRouteTemplate(template: string): CompiledRoute | undefined {
  if (template.startsWith('regex:')) return compileRegexRoute(template.slice('regex:'.length));
  let pattern = '';
  let canonical = '';
  let literalLength = 0;
  let parameterCount = 0;
  let wildcardCount = 0;
  let last = 0;
  const trimmed = template.length > 1 ? template.replace(/\/+$/, '') : template;
  for (const match of trimmed.matchAll(PARAMETER)) {
    const literal = trimmed.slice(last, match.index);
    pattern += escapeRegExp(literal);
    canonical += literal;
    literalLength += literal.replace(/\//g, '').length;
    last = match.index + match[0].length;
    const [whole, , expressParens, braceName, braceRegex, converter] = match;
    const isWildcard = whole.startsWith('*') || whole.includes('...') || braceName?.startsWith('*') === true || converter === 'path';
    if (isWildcard) {
      wildcardCount++;
      pattern += '.*';
      canonical += '{*}';
      continue;
    }
    parameterCount++;
    canonical += '{}';
    const constraint = expressParens?.slice(1, -1) ?? braceRegex ?? (converter !== undefined ? CONVERTERS[converter] : undefined);
    pattern += `(?:${constraint ?? '[^/]+'})`;
    // `:id?` makes the segment optional in Express.
    if (whole.endsWith('?') && whole.startsWith(':')) pattern = pattern.replace(/\/\(\?:([^)]*)\)$/, '(?:/$1)?');
  }
  const tail = trimmed.slice(last);
  pattern += escapeRegExp(tail);
  canonical += tail;
  literalLength += tail.replace(/\//g, '').length;
  try {
    const fixed = wildcardCount === 0 && !/[?(]/.test(trimmed.replace(/\([^)]*\)/g, ''));
    const segmentCount = fixed ? segmentsOf(trimmed) : undefined;
    return { pattern: new RegExp(`^${pattern}/?$`), canonical: canonical || '/', literalLength, parameterCount, wildcardCount, ...(segmentCount !== undefined ? { segmentCount } : {}) };
  } catch {
    return undefined;
  }
}

function compileRegexRoute(source: string): CompiledRoute | undefined {
  // Python's named groups `(?P<id>…)` are JavaScript's `(?<id>…)`; Django regexes carry no leading `/`.
  const body = source.replace(/^\/\^?/, '').replace(/\$$/, '').replace(/\(\?P</g, '(?<');
  try {
    const groups = (body.match(/\((?!\?:)/g) ?? []).length;
    const literal = body.replace(/\([^)]*\)|[\\^$.*+?[\]{}|]/g, '');
    return { pattern: new RegExp(`^/${body.replace(/\/$/, '')}/?$`), canonical: `regex:${body}`, literalLength: literal.replace(/\//g, '').length, parameterCount: groups, wildcardCount: 0 };
  } catch {
    return undefined;
  }
}

/**
 * Orders candidate routes most specific first: fewer wildcards, then more literal text, then fewer
 * parameters. Negative when `a` is more specific. Zero means a tie that cannot be broken.
 */
export function compareSpecificity(a: CompiledRoute, b: CompiledRoute): number {
  return a.wildcardCount - b.wildcardCount || b.literalLength - a.literalLength || a.parameterCount - b.parameterCount;
}

/** `http.route` as a span reports it, in the same canonical form as {@link CompiledRoute.canonical}. */
export function canonicalRoute(route: string): string {
  return compileRouteTemplate(route.startsWith('/') ? route : `/${route}`)?.canonical ?? route;
}

/** Non-empty `/`-separated segments: `/a/b/` has 2, `/` has 0. */
export function segmentsOf(path: string): number {
  let count = 0;
  for (const segment of path.split('/')) if (segment !== '') count++;
  return count;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
