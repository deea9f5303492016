/**
 * The app's surveys, given inline (no Touchpoint server in this example): a config typed in TypeScript gets the
 * same checks and defaults as a JSON file.
 */
import type { TouchpointConfigInput } from '@touchpoint/core';

export const SURVEYS = {
  version: 1,
  surveys: [
    {
      id: 'nps-support-chat',
      touchpoint: 'support.chat.ended',
      question: { type: 'nps' },
      followUp: { bands: ['detractor', 'passive'], text: 'What should we do better?' },
      triggers: [{ type: 'event', name: 'support.chat.ended' }],
    },
  ],
} satisfies TouchpointConfigInput;
