/**
 * The verbatims' page cursor: the position of the last item of a page (corrected time, response id, question id),
 * opaque to clients. Pages continue strictly after it, so answers stored meanwhile never shift or repeat a page.
 */
import type { AnswerPosition } from '../store/store';

export function encodeCursor(position: AnswerPosition): string {
  return Buffer.from(
    JSON.stringify([position.correctedAt, position.responseId, position.questionId]),
    'utf8',
  ).toString('base64url');
}

/** The position in a cursor, or undefined when it is not one this server made. */
export function decodeCursor(text: string): AnswerPosition | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [correctedAt, responseId, questionId] = value as unknown[];
    if (
      typeof correctedAt !== 'number' ||
      !Number.isSafeInteger(correctedAt) ||
      typeof responseId !== 'string' ||
      typeof questionId !== 'string'
    ) {
      return undefined;
    }
    return { correctedAt, responseId, questionId };
  } catch {
    return undefined;
  }
}
