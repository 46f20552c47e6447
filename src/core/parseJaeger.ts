/**
 * Jaeger query API v1 JSON → spans. Accepted shapes (all seen in real files):
 * - the API envelope `{data: [trace…], total, limit, offset, errors}` (errors become trace warnings);
 * - one trace `{traceID, spans, processes, warnings}` (Jaeger UI "download"), or an array of them;
 * - an array of spans each embedding its `process` (the anonymizer's output).
 */
import { normalizeSpanId, normalizeTraceId } from './ids';
import { interpretJaegerTags, readJaegerTags } from './jaegerTags';
import type { Attribute, SpanEvent, SpanId, SpanReference, TraceId } from './model';
import {
  NO_ATTRIBUTES,
  NO_EVENTS,
  NO_REFERENCES,
  NO_WARNINGS,
  UNKNOWN_SERVICE,
  addTraceWarning,
  emptyParsedSpans,
  type MutableSpan,
  type ParsedSpans,
} from './parsedSpans';
import {
  isRecord,
  optionalArray,
  optionalInteger,
  optionalRecord,
  optionalString,
  requireNonEmptyString,
  requireRecord,
  type JsonRecord,
} from './readFields';
import { ShapeError, describeValue, rethrowWithin } from './shapeError';
import { TIME_ABSENT, readUs } from './time';

interface Process {
  readonly service: string;
  readonly resource: readonly Attribute[];
  /** Set when the span's process could not be found. */
  readonly warning?: string;
}

/** True when `value` is a Jaeger v1 trace object: it has `traceID` and a `spans` array. */
export function isJaegerTrace(value: unknown): boolean {
  return isRecord(value) && Array.isArray(value.spans) && 'traceID' in value;
}

/** True when `value` looks like one Jaeger v1 span (`traceID` and `spanID`). */
export function isJaegerSpan(value: unknown): boolean {
  return isRecord(value) && 'spanID' in value && 'traceID' in value;
}

/**
 * Reads any of the Jaeger v1 shapes listed above. Throws a ShapeError (with the JSON path) when the data
 * is not Jaeger after all; imperfect spans are kept with warnings.
 */
export function parseJaegerValue(value: unknown): ParsedSpans {
  const parsed = emptyParsedSpans();
  if (Array.isArray(value)) {
    // Bare spans embed their process; the cache is unused but keeps readSpan's signature simple.
    const noProcesses = new Map<string, Process>();
    for (let i = 0; i < value.length; i++) {
      try {
        const item = requireRecord(value[i], '');
        if (Array.isArray(item.spans)) readTrace(item, parsed);
        else parsed.spans.push(readSpan(item, undefined, noProcesses));
      } catch (error) {
        rethrowWithin(error, i);
      }
    }
    return parsed;
  }
  const root = requireRecord(value, '');
  if ('data' in root) {
    const data = optionalArray(root, 'data') ?? [];
    for (let i = 0; i < data.length; i++) {
      try {
        readTrace(requireRecord(data[i], ''), parsed);
      } catch (error) {
        rethrowWithin(error, 'data', i);
      }
    }
    readEnvelopeErrors(root, parsed);
    return parsed;
  }
  readTrace(root, parsed);
  return parsed;
}

function readEnvelopeErrors(root: JsonRecord, parsed: ParsedSpans): void {
  const errors = root.errors;
  if (!Array.isArray(errors)) return;
  for (const error of errors) {
    if (!isRecord(error)) continue;
    const text = `Jaeger query error${error.code === undefined ? '' : ` ${String(error.code)}`}: ${String(error.msg ?? 'no message')}`;
    if (typeof error.traceID === 'string' && error.traceID !== '') {
      addTraceWarning(parsed, normalizeTraceId(error.traceID), text);
    } else {
      parsed.documentWarnings.push(text);
    }
  }
}

function readTrace(trace: JsonRecord, parsed: ParsedSpans): void {
  const spans = trace.spans;
  if (!Array.isArray(spans)) throw new ShapeError('spans', spans === undefined ? 'is missing' : `is not an array: ${describeValue(spans)}`);
  const processes = optionalRecord(trace, 'processes');
  const processCache = new Map<string, Process>();
  for (let i = 0; i < spans.length; i++) {
    try {
      parsed.spans.push(readSpan(requireRecord(spans[i], ''), processes, processCache));
    } catch (error) {
      rethrowWithin(error, 'spans', i);
    }
  }
  const warnings = optionalArray(trace, 'warnings');
  const rawTraceId = optionalString(trace, 'traceID');
  if (warnings !== undefined && warnings.length > 0 && rawTraceId !== undefined) {
    const traceId = normalizeTraceId(rawTraceId);
    for (const warning of warnings) addTraceWarning(parsed, traceId, String(warning));
  }
}

function readSpan(span: JsonRecord, processes: JsonRecord | undefined, processCache: Map<string, Process>): MutableSpan {
  const traceId = normalizeTraceId(requireNonEmptyString(span, 'traceID'));
  const spanId = normalizeSpanId(requireNonEmptyString(span, 'spanID'));
  let warnings: string[] | undefined;

  const operation = optionalString(span, 'operationName');
  if (operation === undefined) (warnings ??= []).push('operationName is missing');

  const start = readUs(span.startTime);
  if (start === TIME_ABSENT) (warnings ??= []).push('startTime is missing; shown at 0');
  else if (start < 0) throw new ShapeError('startTime', `is not a time in microseconds: ${describeValue(span.startTime)}`);
  const duration = readUs(span.duration);
  if (duration === TIME_ABSENT) (warnings ??= []).push('duration is missing; shown as 0');
  else if (duration < 0) throw new ShapeError('duration', `is not a duration in microseconds: ${describeValue(span.duration)}`);

  let attributes: readonly Attribute[];
  try {
    attributes = readJaegerTags(optionalArray(span, 'tags'));
  } catch (error) {
    rethrowWithin(error, 'tags');
  }
  const { kind, status } = interpretJaegerTags(attributes);

  const process = readProcess(span, processes, processCache);
  if (process.warning !== undefined) (warnings ??= []).push(process.warning);
  const references = readReferences(span, traceId);
  const parentSpanId = parentOf(references, traceId);
  const events = readLogs(span);

  const spanWarnings = optionalArray(span, 'warnings');
  if (spanWarnings !== undefined) for (const w of spanWarnings) (warnings ??= []).push(String(w));

  const result: MutableSpan = {
    traceId,
    spanId,
    references,
    service: process.service,
    operation: operation ?? '',
    kind,
    startUs: start >= 0 ? start : 0,
    durationUs: duration >= 0 ? duration : 0,
    status,
    attributes,
    resource: process.resource,
    events,
    warnings: warnings ?? NO_WARNINGS,
  };
  if (parentSpanId !== undefined) result.parentSpanId = parentSpanId;
  const flags = optionalInteger(span, 'flags');
  if (flags !== undefined) result.flags = flags;
  return result;
}

function readProcess(
  span: JsonRecord,
  processes: JsonRecord | undefined,
  cache: Map<string, Process>,
): Process {
  const embedded = optionalRecord(span, 'process');
  if (embedded !== undefined) {
    try {
      return toProcess(embedded);
    } catch (error) {
      rethrowWithin(error, 'process');
    }
  }
  const processId = optionalString(span, 'processID');
  if (processId === undefined) {
    return { service: UNKNOWN_SERVICE, resource: NO_ATTRIBUTES, warning: 'span has no processID or process; service unknown' };
  }
  const cached = cache.get(processId);
  if (cached !== undefined) return cached;
  const raw = processes?.[processId];
  if (!isRecord(raw)) {
    return { service: UNKNOWN_SERVICE, resource: NO_ATTRIBUTES, warning: `process "${processId}" is not in the trace's processes; service unknown` };
  }
  let process: Process;
  try {
    process = toProcess(raw);
  } catch (error) {
    // The path points into the trace's processes map, not into the span.
    throw error instanceof ShapeError ? new ShapeError(`(processes.${processId}) ${error.path}`, error.problem) : error;
  }
  cache.set(processId, process);
  return process;
}

function toProcess(raw: JsonRecord): Process {
  const service = optionalString(raw, 'serviceName');
  let tags: readonly Attribute[];
  try {
    tags = readJaegerTags(optionalArray(raw, 'tags'));
  } catch (error) {
    rethrowWithin(error, 'tags');
  }
  // Jaeger keeps service.name outside the tags; the model's resource includes it (as OTLP's does).
  const resource: Attribute[] = [{ key: 'service.name', type: 'string', value: service ?? UNKNOWN_SERVICE }];
  for (const tag of tags) resource.push(tag);
  return { service: service === undefined || service === '' ? UNKNOWN_SERVICE : service, resource };
}

const REF_TYPES: { readonly [wire: string]: SpanReference['type'] } = {
  CHILD_OF: 'child-of',
  FOLLOWS_FROM: 'follows-from',
};

/**
 * Every reference as received, plus the legacy `parentSpanID` field (where "0" means none) as a child-of
 * reference when no reference within the trace names a parent.
 */
function readReferences(span: JsonRecord, traceId: TraceId): readonly SpanReference[] {
  const list = optionalArray(span, 'references');
  const legacyParent = optionalString(span, 'parentSpanID');
  if ((list === undefined || list.length === 0) && legacyParent === undefined) return NO_REFERENCES;
  const references: SpanReference[] = [];
  let sameTrace = false;
  if (list !== undefined) {
    for (let i = 0; i < list.length; i++) {
      try {
        const ref = requireRecord(list[i], '');
        const wireType = optionalString(ref, 'refType') ?? 'CHILD_OF';
        const type = REF_TYPES[wireType];
        if (type === undefined) throw new ShapeError('refType', `is not CHILD_OF or FOLLOWS_FROM: ${describeValue(wireType)}`);
        const rawTraceId = optionalString(ref, 'traceID');
        const refTraceId = rawTraceId === undefined || rawTraceId === '' ? traceId : normalizeTraceId(rawTraceId);
        references.push({ type, traceId: refTraceId, spanId: normalizeSpanId(requireNonEmptyString(ref, 'spanID')), attributes: NO_ATTRIBUTES });
        if (refTraceId === traceId) sameTrace = true;
      } catch (error) {
        rethrowWithin(error, 'references', i);
      }
    }
  }
  if (!sameTrace && legacyParent !== undefined && legacyParent !== '' && !/^0+$/.test(legacyParent)) {
    references.push({ type: 'child-of', traceId, spanId: normalizeSpanId(legacyParent), attributes: NO_ATTRIBUTES });
  }
  return references;
}

/**
 * The parent is the first CHILD_OF reference within the same trace; failing that, the first FOLLOWS_FROM
 * in the same trace (Jaeger UI also nests follows-from spans under their cause).
 */
function parentOf(references: readonly SpanReference[], traceId: TraceId): SpanId | undefined {
  let followsFrom: SpanId | undefined;
  for (const ref of references) {
    if (ref.traceId !== traceId) continue;
    if (ref.type === 'child-of') return ref.spanId;
    followsFrom ??= ref.spanId;
  }
  return followsFrom;
}

function readLogs(span: JsonRecord): readonly SpanEvent[] {
  const logs = optionalArray(span, 'logs');
  if (logs === undefined || logs.length === 0) return NO_EVENTS;
  const events: SpanEvent[] = [];
  for (let i = 0; i < logs.length; i++) {
    try {
      const log = requireRecord(logs[i], '');
      const time = readUs(log.timestamp);
      if (time < 0) {
        throw new ShapeError('timestamp', time === TIME_ABSENT ? 'is missing' : `is not a time in microseconds: ${describeValue(log.timestamp)}`);
      }
      let fields: readonly Attribute[];
      try {
        fields = readJaegerTags(optionalArray(log, 'fields'));
      } catch (error) {
        rethrowWithin(error, 'fields');
      }
      // OpenTracing puts the event name in an `event` field (OTLP → Jaeger does the same); the rest stay fields.
      let name = '';
      const attributes: Attribute[] = [];
      for (const field of fields) {
        if (name === '' && field.key === 'event' && typeof field.value === 'string') name = field.value;
        else attributes.push(field);
      }
      events.push({ timeUs: time, name, attributes });
    } catch (error) {
      rethrowWithin(error, 'logs', i);
    }
  }
  return events;
}
