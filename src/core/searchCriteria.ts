/**
 * Turns the search form (or the CLI's flags) into concrete search criteria: a time window in microseconds,
 * durations parsed from Go syntax, tags, a limit. Pure, so the view and the CLI agree on every rule and
 * every message.
 */
import { LOOKBACK_PRESETS, MAX_SEARCH_LIMIT, type LookbackPreset, type SearchForm } from '../protocol/searchMessages';

/** What is sent to a backend; structurally the backends' `TraceQuery`. Times in µs since the epoch, durations in µs. */
export interface SearchCriteria {
  readonly service: string;
  readonly operation?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly startUs: number;
  readonly endUs: number;
  readonly minDurationUs?: number;
  readonly maxDurationUs?: number;
  readonly limit: number;
}

export type CriteriaResult = { readonly ok: true; readonly criteria: SearchCriteria } | { readonly ok: false; readonly message: string };

/** The form a new workspace starts with. */
export const DEFAULT_SEARCH_FORM: SearchForm = {
  service: '', operation: '', lookback: '1h', tags: '', minDuration: '', maxDuration: '', limit: 20, errorsOnly: false,
};

const US_PER_UNIT: Readonly<Record<string, number>> = {
  ns: 0.001, us: 1, 'µs': 1, 'μs': 1, ms: 1_000, s: 1_000_000, m: 60_000_000, h: 3_600_000_000, d: 86_400_000_000,
};

/**
 * Go duration text (`250ms`, `1.5s`, `1m30s`, also `2d` for lookbacks) → microseconds, rounded.
 * Undefined when the text is not a duration; a bare number is refused because its unit would be a guess.
 */
export function parseDurationUs(text: string): number | undefined {
  const trimmed = text.trim().replace(/\s+/g, '');
  if (trimmed === '') return undefined;
  let total = 0;
  let rest = trimmed;
  while (rest !== '') {
    const match = /^(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d)/.exec(rest);
    if (match === null) return undefined;
    total += Number(match[1]) * US_PER_UNIT[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return Math.round(total);
}

/** A lookback preset in microseconds. */
export function lookbackUs(preset: LookbackPreset): number {
  return parseDurationUs(preset)!;
}

export function isLookbackPreset(text: string): text is LookbackPreset {
  return (LOOKBACK_PRESETS as readonly string[]).includes(text);
}

/**
 * Checks the form and builds the criteria. `nowUs`: µs since the epoch, the end of a lookback window.
 * `parseTags` reads the logfmt tag text (the backends' parser, passed in to keep this file dependency-free).
 * `errorTag`: whether "errors only" may be asked of the backend as the tag `error=true` (Jaeger).
 */
export function criteriaFromForm(
  form: SearchForm,
  nowUs: number,
  parseTags: (text: string) => Record<string, string>,
  { errorTag = true }: { readonly errorTag?: boolean } = {},
): CriteriaResult {
  if (form.service.trim() === '') return fail('Pick a service to search: every trace backend needs one.');
  let startUs: number;
  let endUs: number;
  if (form.lookback === 'custom') {
    if (form.customStartMs === undefined || form.customEndMs === undefined) return fail('Set both the start and the end of the custom time range.');
    startUs = Math.round(form.customStartMs * 1000);
    endUs = Math.round(form.customEndMs * 1000);
    if (startUs >= endUs) return fail('The custom time range ends before it starts: the end must be later than the start.');
  } else {
    endUs = nowUs;
    startUs = nowUs - lookbackUs(form.lookback);
  }
  const minDurationUs = parseDurationUs(form.minDuration);
  if (form.minDuration.trim() !== '' && minDurationUs === undefined) return fail(badDuration('Min duration', form.minDuration));
  const maxDurationUs = parseDurationUs(form.maxDuration);
  if (form.maxDuration.trim() !== '' && maxDurationUs === undefined) return fail(badDuration('Max duration', form.maxDuration));
  if (minDurationUs !== undefined && maxDurationUs !== undefined && minDurationUs > maxDurationUs) {
    return fail('Min duration is longer than max duration: no trace can match.');
  }
  if (!Number.isInteger(form.limit) || form.limit < 1 || form.limit > MAX_SEARCH_LIMIT) {
    return fail(`Limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}.`);
  }
  const tags = { ...parseTags(form.tags) };
  // Jaeger indexes failed spans with the tag error=true (OpenTelemetry's error status is mapped to it).
  // Other backends spell errors differently: for them `errorTag` is false and the results are filtered.
  if (form.errorsOnly && errorTag) tags.error = 'true';
  return {
    ok: true,
    criteria: {
      service: form.service.trim(),
      ...(form.operation === '' ? {} : { operation: form.operation }),
      ...(Object.keys(tags).length === 0 ? {} : { tags }),
      startUs,
      endUs,
      ...(minDurationUs === undefined ? {} : { minDurationUs }),
      ...(maxDurationUs === undefined ? {} : { maxDurationUs }),
      limit: form.limit,
    },
  };
}

function badDuration(field: string, text: string): string {
  return `${field} "${text}" is not a duration: write a number with a unit, e.g. 250ms, 1.5s or 2m.`;
}

function fail(message: string): CriteriaResult {
  return { ok: false, message };
}
