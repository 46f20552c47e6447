/**
 * JSON and NDJSON text → values, with failures as 1-based line/column values instead of exceptions.
 *
 * V8 reports a position for some syntax errors ("… in JSON at position 6 (line 1 column 7)") but not for
 * others ("Unexpected token '}', "…" is not valid JSON"), so when it gives none, a small syntax-only
 * scanner ({@link findSyntaxErrorOffset}) finds where the text stops being JSON. It runs only after
 * `JSON.parse` has failed, so the fast path is a bare `JSON.parse`.
 */

/** A parsed document, or where and why it is not JSON. `line`/`column` are 1-based. */
export type JsonTextResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };

const BOM = 0xfeff;

/** Removes a leading UTF-8 byte order mark (decoded as U+FEFF), which `JSON.parse` rejects. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

/** Parses one JSON document. A BOM is ignored (and does not shift columns). */
export function parseJsonText(text: string): JsonTextResult {
  const body = stripBom(text);
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    return describeSyntaxError(body, error, 1);
  }
}

/** One document of an NDJSON file, with the 1-based line it came from. */
export interface NdjsonDocument {
  readonly line: number;
  readonly value: unknown;
}

export type NdjsonResult =
  | { readonly ok: true; readonly documents: readonly NdjsonDocument[] }
  | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };

/**
 * Parses newline-delimited JSON (one document per line, as the OpenTelemetry Collector file exporter
 * writes). Blank lines are skipped; a bad line fails with its own line number.
 */
export function parseNdjsonText(text: string): NdjsonResult {
  const body = stripBom(text);
  const documents: NdjsonDocument[] = [];
  let lineNumber = 0;
  let start = 0;
  while (start <= body.length) {
    lineNumber++;
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    const line = body.slice(start, end);
    start = end + 1;
    if (isBlank(line)) continue;
    try {
      documents.push({ line: lineNumber, value: JSON.parse(line) as unknown });
    } catch (error) {
      return describeSyntaxError(line, error, lineNumber);
    }
  }
  return { ok: true, documents };
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

const POSITION = / in JSON at position (\d+)(?: \(line \d+ column \d+\))?$/;
const SNIPPET = /, (?:"|\.\.\.).*" is not valid JSON$/s;

function describeSyntaxError(
  text: string,
  error: unknown,
  firstLine: number,
): { ok: false; message: string; line: number; column: number } {
  const raw = error instanceof Error ? error.message : String(error);
  const match = POSITION.exec(raw);
  // The scanner cannot disagree with V8 on valid JSON, but never let a -1 become column 0.
  const offset = Math.max(0, match ? Number(match[1]) : findSyntaxErrorOffset(text));
  const reason = raw.replace(POSITION, '').replace(SNIPPET, '');
  const { line, column } = lineAndColumn(text, offset);
  const absoluteLine = line + firstLine - 1;
  return { ok: false, message: `line ${absoluteLine}, column ${column}: ${reason}`, line: absoluteLine, column };
}

/** 1-based line and column (in UTF-16 code units) of a 0-based offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const enum Expect {
  Value,
  /** After `[`: a value or `]`. */
  ValueOrArrayEnd,
  /** After `{` : a key or `}`. */
  KeyOrObjectEnd,
  Key,
  Colon,
  /** After a value inside a container: `,` or the closing bracket. */
  CommaOrEnd,
  Done,
}

/**
 * Returns the 0-based offset of the first character at which `text` stops being valid JSON (the text
 * length when it ends too early). Only syntax is checked. Iterative, so deep nesting cannot overflow.
 */
export function findSyntaxErrorOffset(text: string): number {
  const closers: number[] = [];
  let expect = Expect.Value;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (expect === Expect.Done) return i;
    if (expect === Expect.Colon) {
      if (c !== 58) return i;
      i++;
      expect = Expect.Value;
      continue;
    }
    if (expect === Expect.CommaOrEnd) {
      if (c === 44) {
        i++;
        expect = closers[closers.length - 1] === 125 ? Expect.Key : Expect.Value;
        continue;
      }
      if (c !== closers[closers.length - 1]) return i;
      closers.pop();
      i++;
      expect = closers.length === 0 ? Expect.Done : Expect.CommaOrEnd;
      continue;
    }
    if ((expect === Expect.KeyOrObjectEnd && c === 125) || (expect === Expect.ValueOrArrayEnd && c === 93)) {
      closers.pop();
      i++;
      expect = closers.length === 0 ? Expect.Done : Expect.CommaOrEnd;
      continue;
    }
    if (expect === Expect.Key || expect === Expect.KeyOrObjectEnd) {
      if (c !== 34) return i;
      const end = scanString(text, i);
      if (end < 0) return -end - 1;
      i = end;
      expect = Expect.Colon;
      continue;
    }
    // A value.
    let end: number;
    if (c === 123 || c === 91) {
      closers.push(c === 123 ? 125 : 93);
      i++;
      expect = c === 123 ? Expect.KeyOrObjectEnd : Expect.ValueOrArrayEnd;
      continue;
    } else if (c === 34) end = scanString(text, i);
    else if (c === 45 || (c >= 48 && c <= 57)) end = scanNumber(text, i);
    else if (c === 116) end = scanWord(text, i, 'true');
    else if (c === 102) end = scanWord(text, i, 'false');
    else if (c === 110) end = scanWord(text, i, 'null');
    else return i;
    if (end < 0) return -end - 1;
    i = end;
    expect = closers.length === 0 ? Expect.Done : Expect.CommaOrEnd;
  }
  return expect === Expect.Done ? -1 : n;
}

// The scanners return the offset after the token, or -(offset of the bad character) - 1.

function scanString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c < 32) return -i - 1;
    if (c === 92) {
      const next = text.charCodeAt(i + 1);
      if (next === 117) {
        for (let k = i + 2; k < i + 6; k++) if (!isHexDigit(text.charCodeAt(k))) return -k - 1;
        i += 5;
      } else if ('"\\/bfnrt'.indexOf(text.charAt(i + 1)) < 0 || i + 1 >= text.length) return -(i + 1) - 1;
      else i++;
    }
  }
  return -text.length - 1;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function scanNumber(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 45) i++;
  const digitsAt = (k: number): number => {
    let j = k;
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    return j;
  };
  if (text.charCodeAt(i) === 48) i++;
  else {
    const j = digitsAt(i);
    if (j === i) return -i - 1;
    i = j;
  }
  if (text.charCodeAt(i) === 46) {
    const j = digitsAt(i + 1);
    if (j === i + 1) return -j - 1;
    i = j;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 43 || sign === 45) i++;
    const j = digitsAt(i);
    if (j === i) return -j - 1;
    i = j;
  }
  return i;
}

function scanWord(text: string, start: number, word: string): number {
  for (let k = 0; k < word.length; k++) {
    if (text.charCodeAt(start + k) !== word.charCodeAt(k)) return -(start + k) - 1;
  }
  return start + word.length;
}
