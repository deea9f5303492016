/**
 * The live preview: the widget's own card (`mountSurvey` from @touchpoint/widget's UI, not a drawing of it)
 * mounted into a frame of the chosen width, with the draft's survey in the chosen placement, theme and language.
 * Nothing is sent: the callbacks only note that the card closed, so it can be shown again.
 */
import type { Appearance, Survey } from '@touchpoint/core';
import { AppearanceSchema, SurveySchema, validate } from '@touchpoint/core/schema';
import { mountSurvey } from '@touchpoint/widget/ui';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getAt } from './config-paths';
import { useEditor } from './editor-context';
import { languagesOf } from './survey-form';

const PREVIEW_PLACEMENTS = ['bottom-right', 'bottom-left', 'modal', 'inline'] as const;
/** The element an inline card is drawn into inside the frame. */
const INLINE_TARGET_ID = 'touchpoint-preview-inline';
/** Typing pauses this long before the card is drawn again. */
const REDRAW_MS = 250;

export function CardPreview({ index }: { index: number }) {
  const { t, draft } = useEditor();
  const surveyJson = getAt(draft, ['surveys', index]);
  const survey = useMemo(() => validate(SurveySchema, surveyJson), [surveyJson]);
  const appearanceJson = getAt(draft, ['appearance']) ?? {};
  const appearance = useMemo(() => validate(AppearanceSchema, appearanceJson), [appearanceJson]);
  const languages = languagesOf(draft, surveyJson);
  const placementOf = (s: typeof survey) => (s.ok ? s.value.display.placement : 'bottom-right');

  const [placement, setPlacement] = useState<string>(() => placementOf(survey));
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  const [language, setLanguage] = useState(languages[0] ?? 'en');
  const [width, setWidth] = useState<'desktop' | 'phone'>('desktop');
  const [round, setRound] = useState(0);
  const [closed, setClosed] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const surveyPlacement = placementOf(survey);
  // A placement chosen in the form is previewed at once.
  useEffect(() => setPlacement(surveyPlacement), [surveyPlacement]);

  useEffect(() => {
    const doc = frame.current?.contentDocument;
    if (!doc || !survey.ok) return;
    let card: { close(): void } | undefined;
    const timer = setTimeout(() => {
      doc.documentElement.lang = language;
      const body = doc.body ?? doc.documentElement.appendChild(doc.createElement('body'));
      body.replaceChildren();
      body.style.margin = '0';
      body.style.minHeight = '100vh';
      body.style.fontFamily = 'system-ui, sans-serif';
      body.style.background = theme === 'dark' ? '#16181d' : '#f4f1ea';
      body.style.color = theme === 'dark' ? '#e9e9ee' : '#222';
      const page = doc.createElement('div');
      page.style.padding = '16px';
      page.textContent = '…';
      body.append(page);
      const inline = doc.createElement('div');
      inline.id = INLINE_TARGET_ID;
      inline.style.padding = '0 16px';
      body.append(inline);
      const shown: Survey = {
        ...survey.value,
        display: {
          placement: placement as Survey['display']['placement'],
          ...(placement === 'inline' ? { target: `#${INLINE_TARGET_ID}` } : {}),
        },
      };
      const looks: Appearance = {
        ...(appearance.ok ? appearance.value : { colorScheme: 'auto', zIndex: 2147483000 }),
        colorScheme: theme,
      };
      // A modal card takes focus; the person typing in the form keeps it.
      const typing = document.activeElement as HTMLElement | null;
      setClosed(false);
      card = mountSurvey(
        doc,
        { survey: shown, appearance: looks, locale: language },
        {
          onShown() {},
          onAnswered() {},
          onCompleted() {},
          onDismissed() {},
          onClosed: () => setClosed(true),
        },
      );
      if (typing && typing !== document.activeElement && typing !== frame.current)
        typing.focus({ preventScroll: true });
    }, REDRAW_MS);
    return () => {
      clearTimeout(timer);
      card?.close();
    };
  }, [survey, appearance, placement, theme, language, width, round]);

  const id = survey.ok ? survey.value.id : String(getAt(surveyJson, ['id']) ?? '');
  const choice = (
    name: string,
    label: string,
    value: string,
    options: readonly [string, string][],
    set: (v: string) => void,
  ) => (
    <div class="field">
      <label for={`preview-${name}`}>{label}</label>
      <select id={`preview-${name}`} onChange={(event) => set(event.currentTarget.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v} selected={v === value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t.previewTitle}</h2>
      <p class="hint">{t.previewIntro}</p>
      <div class="row preview-controls">
        {choice(
          'placement',
          t.previewPlacement,
          placement,
          PREVIEW_PLACEMENTS.map((p) => [p, t.placements[p] ?? p]),
          setPlacement,
        )}
        {choice(
          'theme',
          t.previewTheme,
          theme,
          [
            ['light', t.previewLight],
            ['dark', t.previewDark],
          ],
          (v) => setTheme(v as 'light' | 'dark'),
        )}
        {choice(
          'language',
          t.previewLanguage,
          language,
          languages.map((l) => [l, l]),
          setLanguage,
        )}
        {choice(
          'width',
          t.previewWidth,
          width,
          [
            ['desktop', t.previewDesktop],
            ['phone', t.previewPhone],
          ],
          (v) => setWidth(v as 'desktop' | 'phone'),
        )}
      </div>
      {survey.ok ? (
        <>
          <iframe
            ref={frame}
            class={`preview-frame preview-${width}`}
            title={t.previewFrameTitle(id)}
            data-preview-language={language}
            data-preview-theme={theme}
          />
          {closed && (
            <button type="button" onClick={() => setRound((n) => n + 1)}>
              {t.previewReplay}
            </button>
          )}
        </>
      ) : (
        <p class="notice notice-warn">{t.previewInvalid}</p>
      )}
    </section>
  );
}
