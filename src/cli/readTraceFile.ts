import { readFileSync, statSync } from 'node:fs';
import { describeParseFailure } from '../core/describeParseFailure';
import type { ParseSuccess } from '../core/model';
import { parseTraceText } from '../core/parseTrace';

/** Larger files are refused: V8 cannot hold their text in one string (its limit is 2^29 - 24 characters). */
export const MAX_TRACE_FILE_MB = 512;
const BYTES_PER_MB = 1024 * 1024;

/** A parsed file, or the one-line message to print (already naming the file). */
export type ReadTraceFileResult =
  | { readonly ok: true; readonly parsed: ParseSuccess }
  | { readonly ok: false; readonly message: string };

/**
 * Reads and parses a trace file. `displayName` is how the file is named in messages: the path as the
 * user typed it. Parse failures read exactly as in the editor (`describeParseFailure`).
 */
export function readTraceFile(path: string, displayName: string = path): ReadTraceFileResult {
  let bytes: Uint8Array;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return { ok: false, message: `cannot read ${displayName}: it is a directory` };
    if (stats.size > MAX_TRACE_FILE_MB * BYTES_PER_MB) {
      const sizeMb = (stats.size / BYTES_PER_MB).toFixed(0);
      return {
        ok: false,
        message: `${displayName}: the file is ${sizeMb} MB; trace-lens reads files up to ${MAX_TRACE_FILE_MB} MB. Fetch a smaller trace.`,
      };
    }
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, message: `cannot read ${displayName}: ${systemErrorText(error)}` };
  }
  let text: string;
  try {
    // The same decoding as the editor (and, like it, drops a UTF-8 byte order mark).
    text = new TextDecoder('utf-8').decode(bytes);
  } catch (error) {
    return { ok: false, message: `cannot read ${displayName}: ${systemErrorText(error)}` };
  }
  const parsed = parseTraceText(text);
  return parsed.ok ? { ok: true, parsed } : { ok: false, message: describeParseFailure(displayName, parsed) };
}

const FRIENDLY_CODES: { readonly [code: string]: string } = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
};

/** Node's errors read "ENOENT: no such file or directory, stat 'x'"; the file is already named by the caller. */
export function systemErrorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return (code !== undefined ? FRIENDLY_CODES[code] : undefined) ?? error.message;
  }
  return String(error);
}
