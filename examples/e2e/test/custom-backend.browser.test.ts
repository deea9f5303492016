/**
 * The custom-backend example in Chromium: no Touchpoint server at all. The collector's only destination is the
 * app's own endpoint, reached through the body mapper; the rows it stores keep the event ids as keys, so an answer
 * sent again (offline, then online; a reload) is stored once.
 */
import { type SupportApp, startSupportApp } from '@touchpoint/example-custom-backend';
import { type BrowserHandle, browserAvailable, launchBrowser } from '@touchpoint/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN, openPage } from '../src/browser-page';
import { followUpBox, scoreOption, sendButton, surveyCard, thankYou } from '../src/survey-card';

describe.skipIf(!browserAvailable())('the custom-backend example in Chromium', () => {
  let app: SupportApp;
  let browser: BrowserHandle;
  beforeAll(async () => {
    app = await startSupportApp({ port: 0 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('ending the chat asks NPS; the answer reaches the app’s endpoint as its own rows, once', async () => {
    const { page, recorded, close } = await openPage(browser, `${app.url}/`);
    await page.getByRole('button', { name: 'End chat' }).click();
    await surveyCard(page).waitFor();
    await scoreOption(page, 'nps', 6).click();
    await followUpBox(page).fill('The first reply took a day');
    await sendButton(page).click();
    await thankYou(page).waitFor();

    await expect
      .poll(() => app.store.rows.map((row) => row.kind))
      .toEqual(['shown', 'answered', 'completed']);
    const [shown, answered, completed] = app.store.rows;
    expect(new Set(app.store.rows.map((row) => row.response)).size).toBe(1);
    expect(shown).toMatchObject({ survey: 'nps-support-chat', score: null, comment: null, page: '/' });
    expect(answered).toMatchObject({ metric: 'nps', score: 6, comment: null });
    expect(completed).toMatchObject({
      touchpoint: 'support.chat.ended',
      metric: 'nps',
      score: 6,
      comment: 'The first reply took a day',
    });
    expect(new Set(app.store.rows.map((row) => row.key)).size).toBe(3);
    expect(await recorded()).toEqual(CLEAN);
    await close();
  });

  it('an answer given offline is sent once the browser is back online, and stored once', async () => {
    const { page, context, recorded, close } = await openPage(browser, `${app.url}/`);
    await page.getByRole('button', { name: 'End chat' }).click();
    await surveyCard(page).waitFor(); // the survey chunk is loaded: the rest works offline
    await context.setOffline(true);
    await scoreOption(page, 'nps', 10).click(); // a promoter: no follow-up, completed at once
    await thankYou(page).waitFor();
    const promoters = () => app.store.rows.filter((row) => row.kind === 'completed' && row.score === 10);
    // Past the collector's batch wait (1 s): nothing can have arrived while offline.
    await page.waitForTimeout(1500);
    expect(promoters()).toEqual([]);

    await context.setOffline(false);
    await expect.poll(() => promoters().length, { timeout: 15_000 }).toBe(1);
    const response = promoters()[0]!.response;
    await expect
      .poll(() => app.store.rows.filter((row) => row.response === response).map((row) => row.kind))
      .toEqual(['shown', 'completed']);
    expect(await recorded()).toEqual(CLEAN);
    await close();
  });
});
