/**
 * OTLP/JSON `AnyValue` and `KeyValue` lists → model attributes. Follows the protobuf JSON mapping: int64
 * as decimal text (kept exact beyond 2^53), bytes as base64, doubles possibly as "NaN"/"Infinity".
 */
import { readBool, readDouble, readInt64 } from './attributeValues';
import type { Attribute, AttributeValue } from './model';
import { requireRecord, requireString, type JsonRecord } from './readFields';
import { NO_ATTRIBUTES } from './parsedSpans';
import { ShapeError, describeValue, rethrowWithin } from './shapeError';


/** Converts a `[{key, value: AnyValue}]` list; absent → empty. */
export function readKeyValues(list: readonly unknown[] | undefined): readonly Attribute[] {
  if (list === undefined || list.length === 0) return NO_ATTRIBUTES;
  const attributes = new Array<Attribute>(list.length);
  for (let i = 0; i < list.length; i++) {
    try {
      const kv = requireRecord(list[i], '');
      const key = requireString(kv, 'key');
      attributes[i] = readAnyValue(kv.value, 'value', key);
    } catch (error) {
      rethrowWithin(error, i);
    }
  }
  return attributes;
}

/**
 * One AnyValue as an {@link Attribute} named `key` (built directly, as this runs for every attribute of
 * every span). `path` names the value in a failure message. Recursion is bounded by the data's nesting.
 */
function readAnyValue(raw: unknown, path: string, key: string): Attribute {
  if (raw === undefined || raw === null) return { key, type: 'empty', value: null };
  const value = requireRecord(raw, path);
  // Checked in order of frequency in real exports.
  if ('stringValue' in value) {
    const s = value.stringValue;
    if (typeof s === 'string') return { key, type: 'string', value: s };
    throw new ShapeError(`${path}.stringValue`, `is not a string: ${describeValue(s)}`);
  }
  if ('intValue' in value) {
    const n = readInt64(value.intValue);
    if (n !== undefined) return { key, type: 'int', value: n };
    throw new ShapeError(`${path}.intValue`, `is not an integer: ${describeValue(value.intValue)}`);
  }
  if ('boolValue' in value) {
    const b = readBool(value.boolValue);
    if (b !== undefined) return { key, type: 'bool', value: b };
    throw new ShapeError(`${path}.boolValue`, `is not a boolean: ${describeValue(value.boolValue)}`);
  }
  if ('doubleValue' in value) {
    const d = readDouble(value.doubleValue);
    if (d !== undefined) return { key, type: 'double', value: d };
    throw new ShapeError(`${path}.doubleValue`, `is not a number: ${describeValue(value.doubleValue)}`);
  }
  if ('bytesValue' in value) {
    if (typeof value.bytesValue === 'string') return { key, type: 'bytes', value: value.bytesValue };
    throw new ShapeError(`${path}.bytesValue`, `is not base64 text: ${describeValue(value.bytesValue)}`);
  }
  if ('arrayValue' in value) return { key, type: 'array', value: readArrayValue(value.arrayValue, `${path}.arrayValue`) };
  if ('kvlistValue' in value) return { key, type: 'map', value: readKvlistValue(value.kvlistValue, `${path}.kvlistValue`) };
  return { key, type: 'empty', value: null };
}

function valuesOf(raw: unknown, path: string): readonly unknown[] {
  if (raw === undefined || raw === null) return [];
  const record: JsonRecord = requireRecord(raw, path);
  const values = record.values;
  if (values === undefined || values === null) return [];
  if (Array.isArray(values)) return values;
  throw new ShapeError(`${path}.values`, `is not an array: ${describeValue(values)}`);
}

function readArrayValue(raw: unknown, path: string): AttributeValue[] {
  const values = valuesOf(raw, path);
  const result = new Array<AttributeValue>(values.length);
  for (let i = 0; i < values.length; i++) result[i] = readAnyValue(values[i], `${path}.values[${i}]`, '').value;
  return result;
}

function readKvlistValue(raw: unknown, path: string): { [key: string]: AttributeValue } {
  const values = valuesOf(raw, path);
  const entries: [string, AttributeValue][] = [];
  for (let i = 0; i < values.length; i++) {
    const kvPath = `${path}.values[${i}]`;
    const kv = requireRecord(values[i], kvPath);
    const key = kv.key;
    if (typeof key !== 'string') throw new ShapeError(`${kvPath}.key`, key === undefined ? 'is missing' : `is not a string: ${describeValue(key)}`);
    entries.push([key, readAnyValue(kv.value, `${kvPath}.value`, key).value]);
  }
  // fromEntries defines own properties, so a "__proto__" key stays data instead of changing the prototype.
  return Object.fromEntries(entries);
}
