/**
 * Typed reads of fields of parsed JSON. The `require*` readers throw a {@link ShapeError} whose path is
 * the field name; the `optional*` readers return `undefined` for an absent or null field and throw only
 * when the field is present with the wrong type (wrong types mean we misread the format: better to say
 * where than to show a half-empty trace).
 */
import { ShapeError, describeValue } from './shapeError';

/** A parsed JSON object. */
export type JsonRecord = { readonly [key: string]: unknown };

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value must be an object; `path` is used for the message when it is not. */
export function requireRecord(value: unknown, path: string): JsonRecord {
  if (isRecord(value)) return value;
  throw new ShapeError(path, value === undefined ? 'is missing' : `is not an object: ${describeValue(value)}`);
}

/** A string field; missing or null → "is missing". */
export function requireString(record: JsonRecord, key: string): string {
  const value = record[key];
  if (typeof value === 'string') return value;
  throw new ShapeError(key, value === undefined || value === null ? 'is missing' : `is not a string: ${describeValue(value)}`);
}

/** A non-empty string: ids are useless when empty. */
export function requireNonEmptyString(record: JsonRecord, key: string): string {
  const value = requireString(record, key);
  if (value === '') throw new ShapeError(key, 'is empty');
  return value;
}

/** A string field, or `undefined` when absent or null. */
export function optionalString(record: JsonRecord, key: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  throw new ShapeError(key, `is not a string: ${describeValue(value)}`);
}

/** An array field, or `undefined` when absent or null. */
export function optionalArray(record: JsonRecord, key: string): readonly unknown[] | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value;
  throw new ShapeError(key, `is not an array: ${describeValue(value)}`);
}

/** An object field, or `undefined` when absent or null. */
export function optionalRecord(record: JsonRecord, key: string): JsonRecord | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (isRecord(value)) return value;
  throw new ShapeError(key, `is not an object: ${describeValue(value)}`);
}

/** An integer number, or the decimal text of one (OTLP's uint32 fields are sometimes quoted). */
export function optionalInteger(record: JsonRecord, key: string): number | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && value !== '' ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n)) return n;
  throw new ShapeError(key, `is not an integer: ${describeValue(value)}`);
}
