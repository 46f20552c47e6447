/**
 * Find in trace. A query is whitespace-separated terms, all of which must match (AND):
 * - `key=value`: an attribute (span, resource or event attribute) `key` whose value text contains `value`;
 *   a few pseudo keys match the span itself: `service`, `operation`, `name`, `kind`, `status`, `spanId`;
 * - `key=`: the attribute `key` exists;
 * - plain text: contained in the service, operation, span id, or any attribute key or value.
 * Case-insensitive. Double quotes keep spaces inside one term: `"GET /api"`, `db.statement="select 1"`.
 */
import type { Attribute, Span } from './model';

export interface SearchTerm {
  /** Lower-cased attribute key, or undefined for plain text. */
  readonly key?: string;
  /** Lower-cased text to look for ('' with a key: the key must exist). */
  readonly text: string;
}

/** Splits a query into terms; an empty query gives no terms (and matches nothing). */
export function parseSearchQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  // Alternatives: `key=` alone (the key must exist), or an optional `key=` then a quoted or bare value.
  const pattern = /([^\s="]+)=(?=\s|$)|(?:([^\s="]+)=)?(?:"([^"]*)"?|([^\s"]+))/g;
  for (const match of query.matchAll(pattern)) {
    const key = (match[1] ?? match[2])?.toLowerCase();
    const text = (match[3] ?? match[4] ?? '').toLowerCase();
    if (key === undefined && text === '') continue;
    terms.push(key === undefined ? { text } : { key, text });
  }
  return terms;
}

function valueText(attribute: Attribute): string {
  const value = attribute.value;
  if (value === null) return '';
  return (typeof value === 'object' ? JSON.stringify(value) : String(value)).toLowerCase();
}

function attributeLists(span: Span): (readonly Attribute[])[] {
  return [span.attributes, span.resource, ...span.events.map((event) => event.attributes)];
}

function pseudoValue(span: Span, key: string): string | undefined {
  switch (key) {
    case 'service': return span.service;
    case 'operation':
    case 'name': return span.operation;
    case 'kind': return span.kind;
    case 'status': return span.status.code;
    case 'spanid': return span.spanId;
    default: return undefined;
  }
}

function termMatches(span: Span, term: SearchTerm): boolean {
  if (term.key !== undefined) {
    const pseudo = pseudoValue(span, term.key);
    if (pseudo !== undefined && pseudo.toLowerCase().includes(term.text)) return true;
    for (const list of attributeLists(span)) {
      for (const attribute of list) {
        if (attribute.key.toLowerCase() === term.key && valueText(attribute).includes(term.text)) return true;
      }
    }
    return false;
  }
  if (span.service.toLowerCase().includes(term.text) || span.operation.toLowerCase().includes(term.text)) return true;
  if (span.spanId.includes(term.text)) return true;
  for (const list of attributeLists(span)) {
    for (const attribute of list) {
      if (attribute.key.toLowerCase().includes(term.text) || valueText(attribute).includes(term.text)) return true;
    }
  }
  return false;
}

/** True when every term matches the span. No terms: false. */
export function spanMatches(span: Span, terms: readonly SearchTerm[]): boolean {
  return terms.length > 0 && terms.every((term) => termMatches(span, term));
}

/**
 * Display indices of the matching spans, ascending.
 * @param displayOrder display index → index in `spans` (from buildTraceViewModel).
 */
export function findSpans(spans: readonly Span[], displayOrder: readonly number[], query: string): number[] {
  const terms = parseSearchQuery(query);
  const matches: number[] = [];
  if (terms.length === 0) return matches;
  for (let displayIndex = 0; displayIndex < displayOrder.length; displayIndex++) {
    const span = spans[displayOrder[displayIndex]!];
    if (span && spanMatches(span, terms)) matches.push(displayIndex);
  }
  return matches;
}
