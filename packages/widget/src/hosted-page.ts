/**
 * `touchpoint-hosted.js`: the script of the hosted survey page (`GET /s/{surveyId}` on the reference server). It
 * mounts the widget's own survey card inline (same look, theme, languages and accessibility as on a web page) and
 * delivers the answers with the collector to the same ingest, with the page's channel (`link`, `email` or `qr`).
 *
 * Link scanners: mail security gateways fetch every link of an e-mail, and some run its script. Nothing is sent
 * until the visitor has acted on the page (a trusted pointer or key event, which no scanner makes): the events of
 * the card wait in memory until then. A score from the link (`score=`) is chosen in the card, and only a press by
 * the visitor (the follow-up's Send or Skip, or the confirm button) delivers it (decisions/0012).
 */
import { createCollector } from '@touchpoint/collector';
import type { Answer, WireEvent } from '@touchpoint/core';
import { HOSTED_CARD_ID, HOSTED_DATA_ID, type HostedData } from './hosted/hosted-data';
import { deviceOf } from './runtime/page-context';
import { uuid } from './runtime/uuid';
import { mountSurvey } from './ui/index';

function start(document: Document): void {
  const element = document.getElementById(HOSTED_DATA_ID);
  const card = document.getElementById(HOSTED_CARD_ID);
  if (element === null || card === null) return;
  const data = JSON.parse(element.textContent ?? '{}') as HostedData;
  const responseId = data.responseId ?? uuid(globalThis.crypto, Date.now());
  const collector = createCollector({
    endpoint: data.endpoint,
    siteKey: data.siteKey,
    storage: null,
    batch: { maxWaitMs: 200 },
  });
  const visitor = {
    id: data.responseId ?? uuid(globalThis.crypto, Date.now()),
    ...(data.userId === undefined ? {} : { userId: data.userId }),
    ...(data.attributes === undefined ? {} : { attributes: data.attributes }),
  };
  const context = {
    path: `/s/${data.survey.id}`,
    locale: data.locale,
    device: deviceOf(navigator),
    channel: data.channel,
  };

  // Held until the visitor acts on the page: a scanner that runs the script sends nothing.
  let acted = false;
  const held: WireEvent[] = [];
  const confirm = document.getElementById('touchpoint-confirm') as HTMLButtonElement | null;
  const release = () => {
    if (acted) return;
    acted = true;
    for (const event of held.splice(0)) collector.send(event);
    void collector.flush();
    if (confirm) confirm.hidden = true;
  };
  for (const type of ['pointerdown', 'keydown', 'touchstart'] as const) {
    document.addEventListener(type, (event) => event.isTrusted && release(), {
      capture: true,
      passive: true,
    });
  }
  confirm?.addEventListener('click', (event) => event.isTrusted && release());

  const emit = (type: WireEvent['type'], answers?: readonly Answer[]) => {
    const event = {
      v: 1,
      id: uuid(globalThis.crypto, Date.now()),
      type,
      surveyId: data.survey.id,
      touchpoint: data.survey.touchpoint,
      responseId,
      at: new Date().toISOString(),
      context,
      visitor,
      ...(answers === undefined ? {} : { answers: [...answers] }),
    } as WireEvent;
    if (acted) {
      collector.send(event);
      if (type === 'completed' || type === 'dismissed') void collector.flush();
    } else {
      held.push(event);
      if (confirm && (type === 'answered' || type === 'completed')) confirm.hidden = false;
    }
  };

  const previous = document.getElementById('touchpoint-previous');
  const given = data.previous?.answers;
  if (previous && given !== undefined && given.length > 0) {
    const score = given.find((a) => a.type !== 'text');
    const text = given.find((a) => a.type === 'text');
    previous.textContent = data.words.previous
      .replace('{score}', score === undefined ? '–' : String(score.value))
      .replace('{text}', text === undefined ? '' : `“${text.value}”`);
    previous.hidden = false;
  }

  const survey = {
    ...data.survey,
    display: { ...data.survey.display, placement: 'inline' as const, target: `#${HOSTED_CARD_ID}` },
    thankYou: { ...data.survey.thankYou, autoCloseMs: 0 },
  };
  mountSurvey(
    document,
    { survey, appearance: data.appearance, locale: data.locale },
    {
      onShown: () => emit('shown'),
      onAnswered: (answers) => emit('answered', answers),
      onCompleted: (answers) => emit('completed', answers),
      onDismissed: () => emit('dismissed'),
      onClosed: () => {
        const closed = document.getElementById('touchpoint-closed');
        if (closed) closed.hidden = false;
      },
    },
  );
  if (data.score !== undefined) {
    const root = card.querySelector('[data-touchpoint]')?.shadowRoot;
    // The scale's buttons in value order, from 0 (NPS) or 1 (the others).
    const min = data.survey.question.type === 'nps' ? 0 : 1;
    root?.querySelectorAll<HTMLElement>('[role="radio"]')[data.score - min]?.click();
  }
}

start(document);
