/**
 * Conversions of wire values shared by the parsers: exact 64-bit integers, doubles and booleans that some
 * exporters send as text. Integers beyond 2^53 stay exact as decimal text (see AttributeValue in model.ts).
 * Also the interner that lets repeated attributes share one object.
 */
import type { Attribute, AttributeType } from './model';

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

/** Values longer than this are not interned: they are rarely repeated, and hashing them costs more than it saves. */
const MAX_INTERNED_LENGTH = 64;
/** Distinct values remembered per key: past this, a key's new values (ids, counters) are not remembered. */
const MAX_VALUES_PER_KEY = 1024;

/**
 * Hands out one shared, frozen {@link Attribute} object for every repeat of the same key, type and scalar
 * value within one parse. Most tag values repeat (`http.request.method: GET`, `db.system: postgresql`,
 * `thread.id: 12`): sharing them more than halves the memory of a parsed Zipkin trace (~980 → ~430 bytes
 * per span). One object now stands for many spans' attributes, which is safe because the model is
 * readonly; they are not frozen, as freezing gives them a second hidden class that every reader of
 * attributes would then have to handle.
 */
export class AttributeInterner {
  /** key → the values seen under it. Keys come from JSON.parse, which interns them: cheap to look up. */
  private readonly byKey = new Map<string, InternedValues>();

  /** The attribute `{key, type, value}`, shared with earlier identical ones when the value is short. */
  get(key: string, type: AttributeType, value: string | number | boolean): Attribute {
    if (typeof value === 'string' && value.length > MAX_INTERNED_LENGTH) return { key, type, value };
    let values = this.byKey.get(key);
    if (values === undefined) this.byKey.set(key, (values = { type, byValue: new Map(), next: undefined }));
    // A key nearly always has one type; the rare others hang off the first in a short chain.
    while (values.type !== type) values = values.next ??= { type, byValue: new Map(), next: undefined };
    let attribute = values.byValue.get(value);
    if (attribute === undefined) {
      attribute = { key, type, value };
      if (values.byValue.size < MAX_VALUES_PER_KEY) values.byValue.set(value, attribute);
    }
    return attribute;
  }
}

/** The attributes already made for one key and type. */
interface InternedValues {
  readonly type: AttributeType;
  readonly byValue: Map<string | number | boolean, Attribute>;
  next: InternedValues | undefined;
}
