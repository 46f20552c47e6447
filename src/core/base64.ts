/**
 * Base64 → lowercase hex, without Node's `Buffer` (src/core must run in the webview too).
 * Accepts the standard and the URL-safe alphabets, with or without `=` padding.
 */

const HEX_DIGITS = '0123456789abcdef';

/** Sextet value of each base64 character code, or -1. Built once. */
const SEXTET: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  table['-'.charCodeAt(0)] = 62; // URL-safe alphabet
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

/**
 * Decodes base64 text to lowercase hex, two hex digits per byte.
 * Returns `undefined` when the text is not base64 or does not decode to exactly `expectedBytes` bytes
 * (when given), so callers can fall back to keeping the text as an opaque id.
 */
export function base64ToHex(text: string, expectedBytes?: number): string | undefined {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (text.length - end > 2) return undefined;
  // 4 characters carry 3 bytes; a final group of 1 character carries no whole byte and is invalid.
  if (end % 4 === 1) return undefined;
  const byteCount = Math.floor((end * 6) / 8);
  if (expectedBytes !== undefined && byteCount !== expectedBytes) return undefined;
  let hex = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const sextet = code < 128 ? (SEXTET[code] ?? -1) : -1;
    if (sextet < 0) return undefined;
    buffer = ((buffer << 6) | sextet) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const byte = (buffer >> bits) & 0xff;
      hex += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 15]!;
    }
  }
  return hex;
}
