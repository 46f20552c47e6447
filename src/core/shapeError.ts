/**
 * The one exception the parsers use internally: "this JSON is not the shape we expected, at this path".
 *
 * Parsers read deeply nested documents in tight loops; threading a result value through every reader
 * would cost every span a branch and an allocation. Instead a reader throws a ShapeError carrying the
 * path relative to where it was, each enclosing loop prefixes its own segment on the way out (only on the
 * failure path, so the hot path builds no path strings), and `parseTrace` turns it into a `ParseFailure`
 * value. A ShapeError never leaves src/core.
 */
export class ShapeError extends Error {
  constructor(
    /** JSON path relative to the reader that threw, e.g. `spans[3].traceID`; '' for the value itself. */
    readonly path: string,
    /** What is wrong, phrased to follow the path: "is missing", "is not a string: 42". */
    readonly problem: string,
  ) {
    super(path === '' ? problem : `${path} ${problem}`);
    this.name = 'ShapeError';
  }
}

/** Joins a path segment in front of a relative path: `within('spans', '[3].traceID')` → `spans[3].traceID`. */
export function joinPath(segment: string | number, rest: string): string {
  const head = typeof segment === 'number' ? `[${segment}]` : segment;
  if (rest === '') return head;
  return rest.charCodeAt(0) === 91 /* [ */ ? head + rest : `${head}.${rest}`;
}

/**
 * Rethrows `error` with `segments` (outermost first: `'spans', 3`) prepended to its path when it is a
 * ShapeError; rethrows anything else (a bug) unchanged. Use in the `catch` of a loop or a field read.
 */
export function rethrowWithin(error: unknown, ...segments: readonly (string | number)[]): never {
  if (!(error instanceof ShapeError)) throw error;
  let path = error.path;
  for (let i = segments.length - 1; i >= 0; i--) path = joinPath(segments[i]!, path);
  throw new ShapeError(path, error.problem);
}

/** A short, safe rendering of an unexpected value for a message: `"invalid"`, `42`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'object':
      return 'an object';
    default:
      return String(value);
  }
}
