import type { ParseFailure, TraceFormat } from './model';

/** How each format is named to people. */
export const FORMAT_LABELS: { readonly [K in TraceFormat | 'unknown']: string } = {
  jaeger: 'Jaeger JSON',
  otlp: 'OTLP/JSON',
  zipkin: 'Zipkin v2 JSON',
  unknown: 'not a recognized trace format',
};

/**
 * The one line the editor and the CLI both show for a file that cannot be read, e.g.
 * `broken.json: not valid Jaeger JSON: line 3, column 5: Unexpected token '}'`. The parsers' messages
 * already name the format they tried; line breaks (from a quoted JSON snippet) are folded so it stays one line.
 */
export function describeParseFailure(fileName: string, failure: ParseFailure): string {
  return `${fileName}: ${failure.message.replace(/\s*[\r\n]+\s*/g, ' ')}`;
}
