/**
 * The browser side: the widget with inline surveys, and a collector whose only destination is the app's own
 * endpoint, reached through `feedbackBody`, the body mapper. Bundled by esbuild into `/app.js`.
 */
import { createCollector, httpDestination } from '@touchpoint/collector';
import { init } from '@touchpoint/widget';
import { FEEDBACK_PATH, feedbackBody } from './feedback-body';
import { SURVEYS } from './surveys';

const collector = createCollector({
  destinations: [
    httpDestination({
      id: 'app-feedback',
      url: FEEDBACK_PATH,
      body: feedbackBody,
      // The endpoint answers 202 once the rows are stored; anything else is retried with the same keys.
      acknowledged: (reply) => reply.status === 202,
    }),
  ],
});

const touchpoint = init({ siteKey: 'support-app', config: SURVEYS, onEvent: collector });

document.getElementById('end-chat')?.addEventListener('click', () => {
  const chat = document.getElementById('chat');
  if (chat) chat.hidden = true;
  const ended = document.getElementById('ended');
  if (ended) ended.hidden = false;
  // The touchpoint: the support chat has just ended.
  touchpoint.track('support.chat.ended');
});
