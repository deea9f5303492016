/**
 * JSON text for plain data (objects, arrays, strings, numbers, booleans, null), written without `JSON.stringify`.
 *
 * Why: a host page may define `Array.prototype.toJSON` (Prototype.js ≤ 1.6 did), and `JSON.stringify` calls it, so
 * `[1]` became the string `"[1]"` and queues broke (segmentio/analytics.js #626, docs/faults.md case 30). Only
 * own enumerable keys are written, so a polluted `Object.prototype` adds nothing (case 31).
 */
export function toJson(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : toJson(item))).join()}]`;
  if (value !== null && typeof value === 'object') {
    const parts: string[] = [];
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined && typeof item !== 'function') parts.push(`${quote(key)}:${toJson(item)}`);
    }
    return `{${parts.join()}}`;
  }
  return 'null';
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function quote(text: string): string {
  return `"${text.replace(
    // Control characters and lone surrogates (with the u flag a surrogate pair is one code point and never
    // matches), escaped as JSON.stringify escapes them, so the output is byte for byte the same.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes exactly these control characters
    /["\\\u0000-\u001f\ud800-\udfff]/gu,
    (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )}"`;
}

/** Bytes of `text` in UTF-8, as a browser encodes a request body (a lone surrogate becomes U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
