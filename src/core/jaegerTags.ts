/**
 * Jaeger v1 JSON key/value lists (span tags, process tags, log fields) → model attributes, and the tags
 * that carry span kind and status.
 */
import { readBool, readDouble, readInt64 } from './attributeValues';
import type { Attribute, SpanKind, StatusCode } from './model';
import { requireRecord, requireString, type JsonRecord } from './readFields';
import { NO_ATTRIBUTES } from './parsedSpans';
import { ShapeError, describeValue, rethrowWithin } from './shapeError';


/** Converts a `[{key, type, value}]` list. A value that does not match its declared type fails at its path. */
export function readJaegerTags(list: readonly unknown[] | undefined): readonly Attribute[] {
  if (list === undefined || list.length === 0) return NO_ATTRIBUTES;
  const attributes: Attribute[] = new Array<Attribute>(list.length);
  for (let i = 0; i < list.length; i++) {
    try {
      attributes[i] = readJaegerTag(requireRecord(list[i], ''));
    } catch (error) {
      rethrowWithin(error, i);
    }
  }
  return attributes;
}

function readJaegerTag(tag: JsonRecord): Attribute {
  const key = requireString(tag, 'key');
  const value = tag.value;
  switch (tag.type) {
    case 'string':
    case undefined:
      // Untyped tags appear in hand-written files; keep the JSON value as it is.
      if (typeof value === 'string') return { key, type: 'string', value };
      break;
    case 'bool': {
      const b = readBool(value);
      if (b !== undefined) return { key, type: 'bool', value: b };
      break;
    }
    case 'int64': {
      const n = readInt64(value);
      if (n !== undefined) return { key, type: 'int', value: n };
      break;
    }
    case 'float64': {
      const d = readDouble(value);
      if (d !== undefined) return { key, type: 'double', value: d };
      break;
    }
    case 'binary':
      if (typeof value === 'string') return { key, type: 'bytes', value };
      break;
    default:
      throw new ShapeError('type', `is not a Jaeger tag type (string, bool, int64, float64, binary): ${describeValue(tag.type)}`);
  }
  if (tag.type === undefined && (typeof value === 'number' || typeof value === 'boolean')) {
    return { key, type: typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'double') : 'bool', value };
  }
  throw new ShapeError('value', `is not a valid ${String(tag.type ?? 'tag')} value: ${describeValue(value)}`);
}

const KINDS: { readonly [tagValue: string]: SpanKind } = {
  server: 'server',
  client: 'client',
  producer: 'producer',
  consumer: 'consumer',
  internal: 'internal',
};

/** The fields Jaeger encodes as tags: `span.kind`, `error`, `otel.status_code`, `otel.status_description`. */
export interface JaegerTagMeaning {
  readonly kind: SpanKind;
  readonly status: { readonly code: StatusCode; readonly message?: string };
}

/** Span kind and status from the tags that encode them; other tags are left alone (and stay attributes). */
export function interpretJaegerTags(tags: readonly Attribute[]): JaegerTagMeaning {
  let kind: SpanKind = 'unspecified';
  let code: StatusCode = 'unset';
  let message: string | undefined;
  for (const tag of tags) {
    switch (tag.key) {
      case 'span.kind':
        if (typeof tag.value === 'string') kind = KINDS[tag.value.toLowerCase()] ?? kind;
        break;
      case 'error':
        // Jaeger treats any `error` tag other than false as an error (the anonymizer writes "true").
        if (tag.value !== false && tag.value !== 'false') code = 'error';
        break;
      case 'otel.status_code':
        if (tag.value === 'ERROR') code = 'error';
        else if (tag.value === 'OK' && code !== 'error') code = 'ok';
        break;
      case 'otel.status_description':
        if (typeof tag.value === 'string') message = tag.value;
        break;
    }
  }
  return message === undefined ? { kind, status: { code } } : { kind, status: { code, message } };
}
