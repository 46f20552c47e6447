/**
 * Conversions of wire values shared by the parsers: exact 64-bit integers, doubles and booleans that some
 * exporters send as text. Integers beyond 2^53 stay exact as decimal text (see AttributeValue in model.ts).
 */

/**
 * A 64-bit integer from a JSON number or its decimal text: a `number` when it is a safe integer, else the
 * exact text (`"9223372036854775807"`). Returns `undefined` when the value is not an integer at all.
 */
export function readInt64(value: unknown): number | string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value !== 'string' || !isIntegerText(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : canonicalIntegerText(value);
}

function isIntegerText(text: string): boolean {
  const start = text.charCodeAt(0) === 45 /* - */ || text.charCodeAt(0) === 43 /* + */ ? 1 : 0;
  if (text.length === start) return false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Drops a `+` sign and leading zeros so equal integers have one spelling. */
function canonicalIntegerText(text: string): string {
  const negative = text.charCodeAt(0) === 45;
  let i = text.charCodeAt(0) === 45 || text.charCodeAt(0) === 43 ? 1 : 0;
  while (i < text.length - 1 && text.charCodeAt(i) === 48) i++;
  return (negative ? '-' : '') + text.slice(i);
}

/** A double from a JSON number or text such as `"NaN"`, `"Infinity"`, `"72.5"` (protobuf JSON spells them so). */
export function readDouble(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) && value !== 'NaN' ? undefined : n;
  }
  return undefined;
}

/** `true`/`false` or their text (Jaeger's anonymizer writes `"value": "true"`). */
export function readBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}
