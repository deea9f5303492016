/**
 * The alerts page (`#/alerts`), for the site's admin: the rules, a form to create one (its signing secret shown
 * once), "send a test alert", and each rule's recent deliveries with their failures and a resend. It asks for the
 * admin key itself (kept in the tab's sessionStorage under its own name) unless the app passes one.
 */
import { BANDS } from '@touchpoint/core';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import {
  type AlertFormat,
  type AlertRuleView,
  AlertsApiError,
  type AlertsClient,
  createAlertsClient,
  type DeliveryView,
} from '../../api/alerts-client';
import type { FetchLike } from '../../api/results-client';
import type { Language } from '../../i18n/language';
import { UserText } from '../user-text';
import { ALERTS_MESSAGES, type AlertsMessages } from './alerts-messages';

/** The sessionStorage entry of the admin key on this page. */
export const ADMIN_KEY_STORAGE_NAME = 'touchpoint.adminKey';

const ALL_BANDS = [...new Set(Object.values(BANDS).flat())];

export interface AlertsPageProps {
  readonly fetch: FetchLike;
  readonly storage: Storage | null;
  readonly language: Language;
  /** The admin key, when the app already has one; otherwise the page asks for it. */
  readonly adminKey?: string | null;
  readonly baseUrl?: string;
}

function stored(storage: Storage | null): string | null {
  try {
    return storage?.getItem(ADMIN_KEY_STORAGE_NAME) ?? null;
  } catch {
    return null;
  }
}

const problemOf = (t: AlertsMessages, error: unknown) =>
  error instanceof AlertsApiError && error.status === 0
    ? t.errorNetwork
    : error instanceof Error
      ? error.message
      : String(error);

export function AlertsPage(props: AlertsPageProps) {
  const t = ALERTS_MESSAGES[props.language];
  const [key, setKey] = useState<string | null>(() => props.adminKey ?? stored(props.storage));
  const client = useMemo(
    () =>
      key === null
        ? null
        : createAlertsClient({
            fetch: props.fetch,
            key,
            ...(props.baseUrl === undefined ? {} : { baseUrl: props.baseUrl }),
          }),
    [key, props.fetch, props.baseUrl],
  );
  const forget = () => {
    try {
      props.storage?.removeItem(ADMIN_KEY_STORAGE_NAME);
    } catch {
      // Nothing stored.
    }
    setKey(null);
  };

  return (
    <section class="alerts-page" aria-labelledby="alerts-title">
      <h1 id="alerts-title">{t.title}</h1>
      <p>{t.intro}</p>
      {client === null ? (
        <AdminKeyForm
          t={t}
          fetch={props.fetch}
          {...(props.baseUrl === undefined ? {} : { baseUrl: props.baseUrl })}
          onKey={(candidate) => {
            try {
              props.storage?.setItem(ADMIN_KEY_STORAGE_NAME, candidate);
            } catch {
              // Storage blocked: the key lasts for this page.
            }
            setKey(candidate);
          }}
        />
      ) : (
        <Rules t={t} client={client} onForget={props.adminKey ? undefined : forget} />
      )}
    </section>
  );
}

function AdminKeyForm(props: {
  t: AlertsMessages;
  fetch: FetchLike;
  baseUrl?: string;
  onKey: (key: string) => void;
}) {
  const { t } = props;
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const candidate = value.trim();
    try {
      await createAlertsClient({
        fetch: props.fetch,
        key: candidate,
        ...(props.baseUrl === undefined ? {} : { baseUrl: props.baseUrl }),
      }).list();
      props.onKey(candidate);
    } catch (error) {
      setProblem(
        error instanceof AlertsApiError && error.status === 401 ? t.keyRejected : problemOf(t, error),
      );
    }
  };
  return (
    <form class="alerts-key" onSubmit={submit} noValidate aria-labelledby="alerts-key-title">
      <h2 id="alerts-key-title">{t.keyTitle}</h2>
      <p>{t.keyIntro}</p>
      <label for="admin-key">{t.keyLabel}</label>
      <input
        id="admin-key"
        type="password"
        autocomplete="off"
        spellcheck={false}
        value={value}
        aria-invalid={problem !== null}
        onInput={(event) => setValue(event.currentTarget.value)}
      />
      {problem !== null && (
        <p class="form-error" role="alert">
          <UserText text={problem} />
        </p>
      )}
      <button type="submit" class="primary">
        {t.keySubmit}
      </button>
    </form>
  );
}

function Rules({
  t,
  client,
  onForget,
}: {
  t: AlertsMessages;
  client: AlertsClient;
  onForget: (() => void) | undefined;
}) {
  const [rules, setRules] = useState<AlertRuleView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ id: string; secret: string } | null>(null);
  const load = useCallback(() => {
    client.list().then(setRules, (error: unknown) => setProblem(problemOf(t, error)));
  }, [client, t]);
  useEffect(load, [load]);

  const act = async (work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
      load();
    } catch (error) {
      setProblem(problemOf(t, error));
    }
  };

  return (
    <div class="alerts">
      {onForget !== undefined && (
        <p>
          <button type="button" onClick={onForget}>
            {t.keyForget}
          </button>
        </p>
      )}
      {problem !== null && (
        <p class="form-error" role="alert">
          <UserText text={problem} />
        </p>
      )}
      <CreateRule
        t={t}
        onCreate={async (input) => {
          setProblem(null);
          try {
            const created = await client.create(input);
            setSecret({ id: created.id, secret: created.secret });
            load();
            return true;
          } catch (error) {
            setProblem(problemOf(t, error));
            return false;
          }
        }}
      />
      {secret !== null && (
        <p class="notice" role="status">
          {t.secretNote} <code class="alert-secret">{secret.secret}</code>
        </p>
      )}
      <h2>{t.rulesTitle}</h2>
      {rules === null ? null : rules.length === 0 ? (
        <p>{t.noRules}</p>
      ) : (
        <ul class="alert-rules">
          {rules.map((rule) => (
            <RuleItem key={rule.id} t={t} client={client} rule={rule} act={act} />
          ))}
        </ul>
      )}
    </div>
  );
}

function CreateRule({
  t,
  onCreate,
}: {
  t: AlertsMessages;
  onCreate: (input: Parameters<AlertsClient['create']>[0]) => Promise<boolean>;
}) {
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<AlertFormat>('json');
  const [bands, setBands] = useState<string[]>(['detractor']);
  const [touchpoints, setTouchpoints] = useState('');
  const [hasText, setHasText] = useState(false);
  const [identifiedOnly, setIdentifiedOnly] = useState(false);
  const [instant, setInstant] = useState(true);
  const [digest, setDigest] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const list = touchpoints
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const done = await onCreate({
      url: url.trim(),
      format,
      ...(bands.length === 0 ? {} : { bands }),
      ...(list.length === 0 ? {} : { touchpoints: list }),
      hasText,
      identifiedOnly,
      instant,
      digest,
    });
    setBusy(false);
    if (done) setUrl('');
  };
  const check = (label: string, value: boolean, set: (v: boolean) => void) => (
    <label class="check">
      <input type="checkbox" checked={value} onChange={(e) => set(e.currentTarget.checked)} /> {label}
    </label>
  );
  return (
    <form class="alert-create panel" onSubmit={submit} noValidate aria-labelledby="alert-create-title">
      <h2 id="alert-create-title">{t.createTitle}</h2>
      <label for="alert-url">{t.url}</label>
      <input
        id="alert-url"
        type="url"
        value={url}
        aria-describedby="alert-url-hint"
        onInput={(e) => setUrl(e.currentTarget.value)}
      />
      <p id="alert-url-hint" class="hint">
        {t.urlHint}
      </p>
      <label for="alert-format">{t.format}</label>
      <select
        id="alert-format"
        value={format}
        onChange={(e) => setFormat(e.currentTarget.value as AlertFormat)}
      >
        <option value="json">{t.formatJson}</option>
        <option value="slack">{t.formatSlack}</option>
      </select>
      <fieldset>
        <legend>{t.bands}</legend>
        {ALL_BANDS.map((band) => (
          <label class="check" key={band}>
            <input
              type="checkbox"
              checked={bands.includes(band)}
              onChange={(e) =>
                setBands((current) =>
                  e.currentTarget.checked ? [...current, band] : current.filter((b) => b !== band),
                )
              }
            />{' '}
            {band}
          </label>
        ))}
      </fieldset>
      <label for="alert-touchpoints">{t.touchpoints}</label>
      <input
        id="alert-touchpoints"
        type="text"
        value={touchpoints}
        onInput={(e) => setTouchpoints(e.currentTarget.value)}
      />
      {check(t.hasText, hasText, setHasText)}
      {check(t.identifiedOnly, identifiedOnly, setIdentifiedOnly)}
      {check(t.instant, instant, setInstant)}
      {check(t.digest, digest, setDigest)}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t.creating : t.create}
      </button>
    </form>
  );
}

function RuleItem(props: {
  t: AlertsMessages;
  client: AlertsClient;
  rule: AlertRuleView;
  act: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const { t, client, rule, act } = props;
  const [deliveries, setDeliveries] = useState<DeliveryView[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const refresh = useCallback(() => {
    client.deliveries(rule.id).then(setDeliveries, () => setDeliveries(null));
  }, [client, rule.id]);
  useEffect(refresh, [refresh]);
  const failed = deliveries?.filter((d) => d.status === 'failed').length ?? 0;
  const titleId = `rule-${rule.id}`;
  return (
    <li class="alert-rule panel" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <UserText text={rule.url} />
      </h3>
      <p>
        {rule.format === 'slack' ? t.formatSlack : t.formatJson} · {rule.bands?.join(', ') ?? t.everything}
        {rule.touchpoints === null ? '' : ` · ${rule.touchpoints.join(', ')}`} ·{' '}
        <strong>{rule.enabled ? t.enabled : t.disabled}</strong>
        {failed > 0 && <span class="alert-failed"> · {t.failed(failed)}</span>}
      </p>
      {rule.disabledReason !== null && (
        <p class="notice notice-warn">
          {t.disabledBy} <UserText text={rule.disabledReason} />
        </p>
      )}
      <p class="alert-actions">
        <button
          type="button"
          onClick={() =>
            act(async () => {
              await client.test(rule.id);
              setNote(t.testQueued);
              setTimeout(refresh, 1000);
            })
          }
        >
          {t.test}
        </button>
        <button type="button" onClick={() => act(() => client.update(rule.id, { enabled: !rule.enabled }))}>
          {rule.enabled ? t.disable : t.enable}
        </button>
        <button type="button" onClick={() => act(() => client.remove(rule.id))}>
          {t.remove}
        </button>
        <button type="button" onClick={refresh}>
          {t.refresh}
        </button>
      </p>
      {note !== null && (
        <p role="status" class="hint">
          {note}
        </p>
      )}
      <h4>{t.deliveries}</h4>
      {deliveries === null || deliveries.length === 0 ? (
        <p>{t.noDeliveries}</p>
      ) : (
        <table class="alert-deliveries">
          <thead>
            <tr>
              <th scope="col">{t.when}</th>
              <th scope="col">{t.kind}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.attempts}</th>
              <th scope="col">{t.lastError}</th>
              <th scope="col">
                <span class="visually-hidden">{t.resend}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} class={`delivery-${d.status}`}>
                <td>{new Date(d.createdAt).toISOString().replace('T', ' ').slice(0, 19)}</td>
                <td>{t.kinds[d.kind]}</td>
                <td>{t.statuses[d.status]}</td>
                <td>{d.attempts}</td>
                <td>{d.lastError === null ? '' : <UserText text={d.lastError} />}</td>
                <td>
                  {d.status !== 'cancelled' && (
                    <button
                      type="button"
                      onClick={() =>
                        act(async () => {
                          await client.resend(rule.id, d.id);
                          setTimeout(refresh, 1000);
                        })
                      }
                    >
                      {t.resend}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
