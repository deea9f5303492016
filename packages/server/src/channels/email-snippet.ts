/**
 * The e-mail snippet of a personal link survey: HTML that e-mail clients render (one table, inline styles, no
 * script, no images, no CSS classes) with the survey's question and its scale as buttons, plus a plain-text
 * alternative. Each button is the personal link with `&score=N`: it opens the hosted page with that score chosen,
 * which asks the follow-up. Opening the link records nothing by itself (mail scanners follow every link); the
 * hosted page sends the answer only after the reader acts on it (decisions/0012).
 */
import { defaultQuestionWording, resolveText, type Survey, scaleOf } from '@touchpoint/core';
import { escapeHtml } from '../routes/hosted';

export interface EmailSnippet {
  readonly html: string;
  readonly text: string;
}

const FACES = ['😞', '🙁', '😐', '🙂', '😄'] as const;

/** The label of one scale value as an e-mail can show it: the number, or faces and stars as text. */
function labelOf(survey: Survey, value: number): string {
  const { question } = survey;
  if (question.type === 'csat' && question.style === 'faces') return FACES[value - 1] ?? String(value);
  if (question.type === 'csat' && question.style === 'stars') return '★'.repeat(value);
  return String(value);
}

export function emailSnippet(survey: Survey, locale: string, url: string): EmailSnippet {
  const { question } = survey;
  const points = question.type === 'ces' ? question.points : 7;
  const scale = scaleOf(question.type, points);
  const wording = defaultQuestionWording(question.type, locale);
  const title = resolveText(question.text, locale) ?? wording.text;
  const low = resolveText(question.labels?.low, locale) ?? wording.low;
  const high = resolveText(question.labels?.high, locale) ?? wording.high;
  const values: number[] = [];
  for (let v = scale.min; v <= scale.max; v++) values.push(v);
  const link = (value: number) => `${url}&score=${value}`;
  const width = Math.floor(100 / values.length);
  const cells = values
    .map(
      (value) =>
        `<td align="center" width="${width}%" style="padding:2px;">` +
        `<a href="${escapeHtml(link(value))}" target="_blank" style="display:block;padding:10px 0;` +
        `border:1px solid #a1a1aa;border-radius:6px;background:#ffffff;color:#18181b;font-family:Arial,Helvetica,sans-serif;` +
        `font-size:16px;font-weight:bold;line-height:20px;text-decoration:none;" ` +
        `aria-label="${escapeHtml(String(value))}">${escapeHtml(labelOf(survey, value))}</a></td>`,
    )
    .join('');
  const html =
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;border-collapse:collapse;">` +
    `<tr><td style="padding:0 0 12px 0;font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:24px;color:#18181b;">${escapeHtml(title)}</td></tr>` +
    `<tr><td><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;"><tr>${cells}</tr></table></td></tr>` +
    `<tr><td><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;"><tr>` +
    `<td align="left" style="padding:6px 0 0 0;font-family:Arial,Helvetica,sans-serif;font-size:12px;color:#52525b;">${escapeHtml(low)}</td>` +
    `<td align="right" style="padding:6px 0 0 0;font-family:Arial,Helvetica,sans-serif;font-size:12px;color:#52525b;">${escapeHtml(high)}</td>` +
    `</tr></table></td></tr></table>`;
  const text = [
    title,
    '',
    ...values.map(
      (value) =>
        `${labelOf(survey, value)}${value === scale.min ? ` (${low})` : value === scale.max ? ` (${high})` : ''}: ${link(value)}`,
    ),
    '',
  ].join('\n');
  return { html, text };
}
