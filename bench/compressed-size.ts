/**
 * Bytes as a CDN serves them: raw, gzip -9 and brotli quality 11 (what Touchpoint's budgets use).
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Sizes {
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

export function compressedSizes(content: Uint8Array | string): Sizes {
  const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}
