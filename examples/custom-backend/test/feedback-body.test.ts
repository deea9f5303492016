import type { WireEvent } from '@touchpoint/core';
import { parseBatch } from '@touchpoint/core/schema';
import { describe, expect, it } from 'vitest';
import { feedbackBody, toFeedbackRow } from '../src/feedback-body';

const base = {
  v: 1,
  surveyId: 'nps-support-chat',
  touchpoint: 'support.chat.ended',
  responseId: '0b9f1d43-8f4e-4d3a-9d6f-3c7a3f1f2b10',
  at: '2026-11-20T10:15:00.000Z',
  context: { path: '/chat', locale: 'en', device: 'desktop' },
  visitor: { id: 'v-1' },
} as const;

/** Events checked against core's wire contract, so the mapper is tested on what the collector really sends. */
function events(...input: object[]): WireEvent[] {
  const parsed = parseBatch({ sentAt: base.at, events: input });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return [...parsed.value.events];
}

describe('the body mapper', () => {
  it('turns a completed answer into one row keyed by the event id, with score, metric and comment', () => {
    const [completed] = events({
      ...base,
      id: '6c1f0b8e-2d7a-4c59-9a43-1f0f8a7e5d21',
      type: 'completed',
      answers: [
        { questionId: 'score', type: 'nps', value: 6 },
        { questionId: 'reason', type: 'text', value: 'Slow first reply' },
      ],
    });
    expect(toFeedbackRow(completed!)).toEqual({
      key: '6c1f0b8e-2d7a-4c59-9a43-1f0f8a7e5d21',
      kind: 'completed',
      survey: 'nps-support-chat',
      touchpoint: 'support.chat.ended',
      response: base.responseId,
      metric: 'nps',
      score: 6,
      comment: 'Slow first reply',
      page: '/chat',
      at: base.at,
    });
  });

  it('gives shown and dismissed rows no score and no comment, and keeps every event in the body', () => {
    const batch = events(
      { ...base, id: 'a1c3e5f7-0b2d-4e6f-8a1c-3e5f70b2d4e6', type: 'shown' },
      { ...base, id: 'b2d4f6a8-1c3e-4f7a-9b2d-4f6a81c3e5f7', type: 'dismissed' },
    );
    const body = JSON.parse(feedbackBody(batch));
    expect(
      body.responses.map((row: Record<string, unknown>) => [row.key, row.kind, row.score, row.comment]),
    ).toEqual([
      ['a1c3e5f7-0b2d-4e6f-8a1c-3e5f70b2d4e6', 'shown', null, null],
      ['b2d4f6a8-1c3e-4f7a-9b2d-4f6a81c3e5f7', 'dismissed', null, null],
    ]);
  });
});
