/**
 * Wire time units → the model's integer microseconds since the Unix epoch.
 *
 * OTLP sends nanoseconds as decimal strings of up to 20 digits; 19-digit values exceed 2^53, so they are
 * converted by dropping the last three digits of the text (truncation toward zero), never by dividing a
 * float. Jaeger v1 and Zipkin v2 already send integer microseconds as JSON numbers.
 *
 * Each conversion comes in two forms: `…Us` returns a bare number (a valid time, or one of the negative
 * TIME_* codes) so the parsers allocate nothing per span; the TimeResult form is for everyone else.
 */

/** Returned by the number-valued converters: the field is absent (undefined or null). */
export const TIME_ABSENT = -1;
/** Returned by the number-valued converters: the value is not a non-negative number. */
export const TIME_NOT_A_NUMBER = -2;
/** Returned by the number-valued converters: the microseconds exceed `Number.MAX_SAFE_INTEGER`. */
export const TIME_OUT_OF_RANGE = -3;

/** Why a time could not be read; `undefined` from the converters below means "absent". */
export type TimeProblem = 'not-a-number' | 'out-of-range';

/** A converted time, or the reason it is unusable. */
export type TimeResult = { readonly ok: true; readonly us: number } | { readonly ok: false; readonly problem: TimeProblem };

const NOT_A_NUMBER: TimeResult = { ok: false, problem: 'not-a-number' };
const OUT_OF_RANGE: TimeResult = { ok: false, problem: 'out-of-range' };

function toResult(us: number): TimeResult | undefined {
  if (us >= 0) return { ok: true, us };
  return us === TIME_ABSENT ? undefined : us === TIME_OUT_OF_RANGE ? OUT_OF_RANGE : NOT_A_NUMBER;
}

/**
 * Converts OTLP nanoseconds (`"1700000000123456789"` or a JSON number) to integer microseconds by
 * truncation: `"1700000000123456789"` → `1700000000123456`. Values whose microseconds exceed
 * `Number.MAX_SAFE_INTEGER` (e.g. Go's zero `time.Time` sent as uint64 `"11651379494838206464"`) are
 * `out-of-range` rather than silently rounded. `undefined` when absent.
 */
export function nanosToMicros(value: unknown): TimeResult | undefined {
  return toResult(nanosToUs(value));
}

/** {@link nanosToMicros} as a number: microseconds >= 0, or TIME_ABSENT / TIME_NOT_A_NUMBER / TIME_OUT_OF_RANGE. */
export function nanosToUs(value: unknown): number {
  if (typeof value === 'string') return nanoTextToUs(value);
  if (value === undefined || value === null) return TIME_ABSENT;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return TIME_NOT_A_NUMBER;
  // A JSON number of nanoseconds has already lost precision beyond 2^53 in JSON.parse; this is the best left.
  const us = Math.trunc(value / 1000);
  return Number.isSafeInteger(us) ? us : TIME_OUT_OF_RANGE;
}

function nanoTextToUs(text: string): number {
  const length = text.length;
  if (length === 0) return TIME_NOT_A_NUMBER;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return TIME_NOT_A_NUMBER;
  }
  if (length <= 3) return 0;
  // At most 17 digits are left here for any realistic time; Number() of a decimal integer below 2^53 is exact.
  const us = Number(text.slice(0, length - 3));
  return Number.isSafeInteger(us) ? us : TIME_OUT_OF_RANGE;
}

/**
 * Reads Jaeger v1 or Zipkin v2 microseconds: a JSON number (or, from some exporters, its decimal text).
 * Fractions are truncated. `undefined` when absent.
 */
export function readMicros(value: unknown): TimeResult | undefined {
  return toResult(readUs(value));
}

/** {@link readMicros} as a number: microseconds >= 0, or TIME_ABSENT / TIME_NOT_A_NUMBER / TIME_OUT_OF_RANGE. */
export function readUs(value: unknown): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (value === undefined || value === null) return TIME_ABSENT;
  else if (typeof value === 'string' && value.length > 0 && value.trim() === value) n = Number(value);
  else return TIME_NOT_A_NUMBER;
  if (!Number.isFinite(n) || n < 0) return TIME_NOT_A_NUMBER;
  const us = Math.trunc(n);
  return Number.isSafeInteger(us) ? us : TIME_OUT_OF_RANGE;
}
