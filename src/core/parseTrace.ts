/**
 * The entry point for reading trace files and backend responses: text (or already-parsed JSON) in, a
 * {@link ParseResult} out. Detects the format, groups spans into traces by trace id, and reports every
 * failure as a value naming the format tried and where it broke (line/column or JSON path).
 */
import { ACCEPTED_SHAPES, detectFormat, guessFormatFromText } from './detectFormat';
import { parseJsonText, parseNdjsonText, stripBom } from './jsonText';
import type { ParseFailure, ParseResult, Span, Trace, TraceFormat } from './model';
import { emptyParsedSpans, type ParsedSpans } from './parsedSpans';
import { parseJaegerValue } from './parseJaeger';
import { findResourceSpans, readOtlpDocument } from './parseOtlp';
import { parseZipkinValue } from './parseZipkin';
import { ShapeError } from './shapeError';

const FORMAT_NAMES: { readonly [F in TraceFormat | 'unknown']: string } = {
  jaeger: 'Jaeger JSON',
  otlp: 'OTLP/JSON',
  zipkin: 'Zipkin v2 JSON',
  unknown: 'JSON',
};

/**
 * Parses the text of a trace file or backend response (JSON, or NDJSON of OTLP documents; a UTF-8 BOM is
 * ignored). Never throws for bad input.
 */
export function parseTraceText(text: string): ParseResult {
  const body = stripBom(text);
  if (body.trim() === '') return { ok: false, format: 'unknown', message: 'the file is empty' };
  const json = parseJsonText(body);
  if (json.ok) return parseTraceValue(json.value);
  if (looksLikeNdjson(body)) return parseNdjson(body);
  const format = guessFormatFromText(body);
  return {
    ok: false,
    format,
    message: `not valid ${FORMAT_NAMES[format]}: ${json.message}`,
    location: { line: json.line, column: json.column },
  };
}

/** Parses an already-decoded JSON value (e.g. a backend response body). Never throws for bad input. */
export function parseTraceValue(value: unknown): ParseResult {
  const detection = detectFormat(value);
  if (detection.format === 'unknown') {
    const hint = detection.hint === undefined ? '' : ` (${detection.hint})`;
    return { ok: false, format: 'unknown', message: `not a trace${hint}. ${ACCEPTED_SHAPES}` };
  }
  const format = detection.format;
  let parsed: ParsedSpans;
  try {
    if (format === 'jaeger') parsed = parseJaegerValue(value);
    else if (format === 'zipkin') parsed = parseZipkinValue(value);
    else {
      parsed = emptyParsedSpans();
      readOtlpDocument(value, parsed);
    }
  } catch (error) {
    return shapeFailure(error, format, undefined);
  }
  return groupIntoTraces(parsed, format);
}

/** One JSON document per line: the first line alone is a complete JSON object. */
function looksLikeNdjson(body: string): boolean {
  const end = body.indexOf('\n');
  if (end < 0) return false;
  const first = body.slice(0, end).trim();
  if (first.charCodeAt(0) !== 123 /* { */) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}

function parseNdjson(body: string): ParseResult {
  const ndjson = parseNdjsonText(body);
  if (!ndjson.ok) {
    return {
      ok: false,
      format: 'otlp',
      message: `not valid OTLP/JSON lines: ${ndjson.message}`,
      location: { line: ndjson.line, column: ndjson.column },
    };
  }
  const parsed = emptyParsedSpans();
  for (const document of ndjson.documents) {
    if (findResourceSpans(document.value) === undefined) {
      return {
        ok: false,
        format: 'otlp',
        message: `line ${document.line}: not an OTLP/JSON document (one {"resourceSpans": …} per line is expected)`,
        location: { line: document.line },
      };
    }
    try {
      readOtlpDocument(document.value, parsed);
    } catch (error) {
      return shapeFailure(error, 'otlp', document.line);
    }
  }
  return groupIntoTraces(parsed, 'otlp');
}

function shapeFailure(error: unknown, format: TraceFormat, line: number | undefined): ParseFailure {
  // Anything but a ShapeError is a bug in a parser: let it surface rather than disguise it as bad input.
  if (!(error instanceof ShapeError)) throw error;
  const where = line === undefined ? '' : `line ${line}: `;
  const path = error.path === '' ? 'the document' : error.path;
  const location = line === undefined ? { path } : { line, path };
  return { ok: false, format, message: `${FORMAT_NAMES[format]}: ${where}${path} ${error.problem}`, location };
}

/** Groups spans by trace id in order of first appearance and attaches trace-level warnings. */
function groupIntoTraces(parsed: ParsedSpans, format: TraceFormat): ParseResult {
  if (parsed.spans.length === 0) {
    const reasons = [...parsed.documentWarnings];
    for (const [traceId, warnings] of parsed.traceWarnings) for (const warning of warnings) reasons.push(`trace ${traceId}: ${warning}`);
    const why = reasons.length > 0 ? `: ${reasons.join('; ')}` : '';
    return { ok: false, format, message: `${FORMAT_NAMES[format]}: the document contains no spans${why}` };
  }
  const byTrace = new Map<string, Span[]>();
  // Spans of one trace usually arrive together: skip the map lookup while the trace id repeats.
  let lastId = '';
  let lastList: Span[] = [];
  for (const span of parsed.spans) {
    if (span.traceId !== lastId) {
      lastId = span.traceId;
      const list = byTrace.get(lastId);
      if (list === undefined) byTrace.set(lastId, (lastList = []));
      else lastList = list;
    }
    lastList.push(span);
  }
  // Warnings about a trace id that has no spans here (e.g. "trace not found") concern the whole document.
  const documentWarnings = [...parsed.documentWarnings];
  for (const [traceId, warnings] of parsed.traceWarnings) {
    if (!byTrace.has(traceId)) for (const warning of warnings) documentWarnings.push(`trace ${traceId}: ${warning}`);
  }
  const traces: Trace[] = [];
  for (const [, spans] of byTrace) {
    const traceId = spans[0]!.traceId;
    const own = parsed.traceWarnings.get(traceId) ?? [];
    const warnings = documentWarnings.length === 0 ? own : [...documentWarnings, ...own];
    traces.push({ traceId, spans, warnings });
  }
  return { ok: true, format, traces };
}
