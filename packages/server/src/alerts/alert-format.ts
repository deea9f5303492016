/**
 * An alert written in its rule's format. `json`: Touchpoint's own body, `{ id, type, rule, createdAt, ...alert }`.
 * `slack`: a Slack incoming-webhook message (`text` as the notification fallback, plus Block Kit `blocks`: a
 * header, sections of `mrkdwn` under 3,000 characters, a context line), with every piece of answer text escaped
 * (`&`, `<`, `>`) so a respondent cannot ping `<!channel>` or forge a link.
 */
import type { AlertFormat } from '../store/store';
import type { AlertPayload, AnswerAlert, DigestAlert } from './alert-payload';

/** Slack's documented ceilings (Block Kit reference). */
export const SLACK_LIMITS = { sectionText: 3000, headerText: 150, blocks: 50, contextElements: 10 } as const;

export interface RenderInput {
  readonly deliveryId: string;
  readonly ruleId: string;
  readonly createdAt: number;
  readonly payload: Record<string, unknown>;
}

export function renderAlert(format: AlertFormat, input: RenderInput): string {
  const payload = input.payload as unknown as AlertPayload;
  if (format === 'slack') return JSON.stringify(slackMessage(payload));
  return JSON.stringify({
    id: input.deliveryId,
    rule: input.ruleId,
    createdAt: new Date(input.createdAt).toISOString(),
    ...payload,
  });
}

const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const METRIC_NAMES = { nps: 'NPS', ces: 'CES', csat: 'CSAT' } as const;

const scoreLine = (a: Pick<AnswerAlert, 'metric' | 'score' | 'scale' | 'band' | 'touchpoint'>) =>
  `${METRIC_NAMES[a.metric]} ${a.score} of ${a.scale.max} (${a.band}) at ${a.touchpoint}`;

const customerLine = (a: Pick<AnswerAlert, 'customer'>) =>
  a.customer === null ? 'an anonymous visitor' : `customer ${a.customer.userId}`;

/** A section whose mrkdwn text fits Slack's ceiling. */
const section = (text: string) => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, SLACK_LIMITS.sectionText) },
});
const header = (text: string) => ({
  type: 'header',
  text: { type: 'plain_text', text: clip(text, SLACK_LIMITS.headerText), emoji: true },
});

const quote = (text: string) =>
  escapeMrkdwn(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');

function answerBlocks(a: AnswerAlert) {
  const blocks: object[] = [
    header(`${METRIC_NAMES[a.metric]} ${a.score} — ${a.band}`),
    section(`*${escapeMrkdwn(scoreLine(a))}* from ${escapeMrkdwn(customerLine(a))}`),
  ];
  if (a.text !== null) blocks.push(section(quote(a.text)));
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: clip(
          escapeMrkdwn(
            `Response ${a.responseId} · ${a.path}${a.locale === null ? '' : ` · ${a.locale}`}${a.device === null ? '' : ` · ${a.device}`} · ${a.answeredAt}`,
          ),
          SLACK_LIMITS.sectionText,
        ),
      },
    ],
  });
  return blocks;
}

function digestBlocks(d: DigestAlert) {
  const blocks: object[] = [header(`Touchpoint digest for ${d.day}: ${d.total} answers`)];
  const counts = d.counts.map(
    (c) => `• ${escapeMrkdwn(c.touchpoint)} ${METRIC_NAMES[c.metric]}: ${c.count} ${c.band}`,
  );
  blocks.push(section(counts.length === 0 ? 'No matching answers that day.' : counts.join('\n')));
  for (const a of d.worst) {
    const text = a.text === null ? '' : `\n${quote(clip(a.text, 1000))}`;
    blocks.push(section(`*${escapeMrkdwn(scoreLine(a))}* from ${escapeMrkdwn(customerLine(a))}${text}`));
  }
  return blocks;
}

/** The Slack incoming-webhook body of an alert. */
export function slackMessage(payload: AlertPayload): { text: string; blocks: object[] } {
  if (payload.type === 'answer') {
    return {
      text: escapeMrkdwn(clip(`Touchpoint: ${scoreLine(payload)} from ${customerLine(payload)}`, 3000)),
      blocks: answerBlocks(payload),
    };
  }
  if (payload.type === 'digest') {
    return {
      text: escapeMrkdwn(`Touchpoint digest for ${payload.day}: ${payload.total} matching answers`),
      blocks: digestBlocks(payload),
    };
  }
  return { text: escapeMrkdwn(payload.message), blocks: [section(escapeMrkdwn(payload.message))] };
}
