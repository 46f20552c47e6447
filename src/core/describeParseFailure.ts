import type { ParseFailure, TraceFormat } from './model';

/** How each format is named to people. */
export const FORMAT_LABELS: { readonly [K in TraceFormat | 'unknown']: string } = {
  jaeger: 'Jaeger JSON',
  otlp: 'OTLP/JSON',
  zipkin: 'Zipkin v2 JSON',
  unknown: 'not a recognized trace format',
};

/**
 * The one sentence the editor and the CLI both show for a file that cannot be read, e.g.
 * `broken.json: Jaeger JSON: line 3, column 5: Unexpected token '}'`.
 */
export function describeParseFailure(fileName: string, failure: ParseFailure): string {
  return `${fileName}: ${FORMAT_LABELS[failure.format]}: ${failure.message}`;
}
