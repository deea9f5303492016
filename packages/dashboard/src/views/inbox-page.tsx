/**
 * The follow-up inbox (issue 13, point 2): answers in a follow-up band, newest first, with counts per status and
 * per touchpoint, the age of the oldest open item and the median time to a first follow-up. A marketer thanks or
 * answers the customer outside Touchpoint, then marks the item here (status, note, assignee); a change someone
 * else made meanwhile is never overwritten (the server's 412), the item is read again instead.
 */
import { INBOX_STATUSES, type InboxItem, type InboxItemResponse, type InboxStatus } from '@touchpoint/core';
import { useState } from 'preact/hooks';
import { ResultsApiError } from '../api/results-client';
import { useDashboard } from '../dashboard-context';
import type { Filters } from '../model/filters';
import { useResource } from '../use-resource';
import { LoadError, Loading } from './load-state';
import { UserText } from './user-text';

export function InboxPage({ filters }: { readonly filters: Filters }) {
  const { t, format, client, now } = useDashboard();
  const [status, setStatus] = useState<InboxStatus | undefined>('open');
  const [version, setVersion] = useState(0);
  const inbox = useResource(
    (signal) => client.inbox(filters, status, undefined, signal),
    [client, filters, status, version],
  );
  return (
    <section class="inbox" aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t.inboxTitle}</h1>
      <p class="range-line">{t.inboxIntro}</p>
      {inbox.status === 'loading' && <Loading />}
      {inbox.status === 'error' && <LoadError error={inbox.error} onRetry={inbox.reload} />}
      {inbox.status === 'ok' && (
        <>
          <dl class="cards inbox-summary">
            {INBOX_STATUSES.map((s) => (
              <div class="card" key={s}>
                <dt>{t.inboxStatus[s]}</dt>
                <dd>
                  <span class="card-value">{format.count(inbox.data.summary.byStatus[s])}</span>
                </dd>
              </div>
            ))}
            <div class="card">
              <dt>{t.inboxOldestOpen}</dt>
              <dd>
                <span class="card-value">
                  {inbox.data.summary.oldestOpenAt === null
                    ? t.inboxNone
                    : t.inboxDays(
                        format.count(
                          Math.floor(
                            (now().getTime() - Date.parse(inbox.data.summary.oldestOpenAt)) / 86_400_000,
                          ),
                        ),
                      )}
                </span>
                <span class="card-note">{t.inboxWeekNote}</span>
              </dd>
            </div>
            <div class="card">
              <dt>{t.inboxMedian}</dt>
              <dd>
                <span class="card-value">
                  {inbox.data.summary.medianHoursToFollowUp === null
                    ? t.inboxNone
                    : t.inboxHours(format.mean(inbox.data.summary.medianHoursToFollowUp))}
                </span>
              </dd>
            </div>
          </dl>
          {inbox.data.summary.openByTouchpoint.length > 0 && (
            <p class="muted">
              {t.inboxOpenPer}{' '}
              {inbox.data.summary.openByTouchpoint.map((row) => (
                <span key={row.touchpoint} class="inbox-per-touchpoint">
                  <UserText text={row.touchpoint} /> {format.count(row.open)}
                </span>
              ))}
            </p>
          )}
        </>
      )}
      <fieldset class="segmented">
        <legend class="visually-hidden">{t.inboxShow}</legend>
        <button type="button" aria-pressed={status === undefined} onClick={() => setStatus(undefined)}>
          {t.bandAll}
        </button>
        {INBOX_STATUSES.map((s) => (
          <button key={s} type="button" aria-pressed={status === s} onClick={() => setStatus(s)}>
            {t.inboxStatus[s]}
          </button>
        ))}
      </fieldset>
      {inbox.status === 'ok' &&
        (inbox.data.items.length === 0 ? (
          <p class="empty">{t.inboxEmpty}</p>
        ) : (
          <ol class="inbox-list">
            {inbox.data.items.map((item) => (
              <InboxEntry
                key={`${item.responseId}.${item.version}`}
                item={item}
                onChanged={() => setVersion((v) => v + 1)}
              />
            ))}
          </ol>
        ))}
    </section>
  );
}

function InboxEntry({ item, onChanged }: { readonly item: InboxItem; readonly onChanged: () => void }) {
  const { t, format, client } = useDashboard();
  const [open, setOpen] = useState(false);
  return (
    <li class={`inbox-item band-${item.band}`} data-response={item.responseId}>
      <p class="inbox-head">
        <span class="inbox-touchpoint">
          <UserText text={item.touchpoint} />
        </span>
        <span class={`band-tag band-${item.band}`}>
          {t.verbatimScore(t.band[item.band], format.count(item.score))}
        </span>
        <span class="inbox-state">{t.inboxStatus[item.status]}</span>
        <time dateTime={item.answeredAt}>{format.moment(item.answeredAt)}</time>
      </p>
      {item.texts.map((text) => (
        <blockquote key={text}>
          <UserText text={text} />
        </blockquote>
      ))}
      <p class="inbox-customer">
        {item.customer === undefined ? (
          <span class="muted">{t.inboxAnonymous}</span>
        ) : (
          <>
            <span>{t.customerLabel}</span> <UserText text={item.customer.userId} />
            {Object.entries(item.customer.attributes).map(([name, value]) => (
              <span key={name} class="customer-attribute">
                <UserText text={`${name}: ${String(value)}`} />
              </span>
            ))}
          </>
        )}
      </p>
      {item.note !== '' && (
        <p class="inbox-note">
          <span>{t.inboxNote}:</span> <UserText text={item.note} />
        </p>
      )}
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t.inboxFollowUp}
      </button>
      {open && <FollowUpForm responseId={item.responseId} client={client} onChanged={onChanged} />}
    </li>
  );
}

function FollowUpForm({
  responseId,
  client,
  onChanged,
}: {
  readonly responseId: string;
  readonly client: ReturnType<typeof useDashboard>['client'];
  readonly onChanged: () => void;
}) {
  const { t, format } = useDashboard();
  const [attempt, setAttempt] = useState(0);
  const loaded = useResource((signal) => client.inboxItem(responseId, signal), [client, responseId, attempt]);
  const [message, setMessage] = useState<string | null>(null);
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'error') return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  const { detail, etag } = loaded.data;
  return (
    <FollowUpFields
      key={etag}
      detail={detail}
      message={message}
      onSave={async (change) => {
        try {
          await client.updateInbox(responseId, change, etag);
          setMessage(null);
          onChanged();
        } catch (error) {
          if (error instanceof ResultsApiError && error.status === 412) {
            setMessage(t.inboxConflict);
            setAttempt((n) => n + 1);
          } else setMessage(t.errorServer);
        }
      }}
      format={format}
    />
  );
}

function FollowUpFields({
  detail,
  message,
  onSave,
  format,
}: {
  readonly detail: InboxItemResponse;
  readonly message: string | null;
  readonly onSave: (change: { status: InboxStatus; note: string; assignee: string }) => Promise<void>;
  readonly format: ReturnType<typeof useDashboard>['format'];
}) {
  const { t } = useDashboard();
  const [status, setStatus] = useState<InboxStatus>(
    detail.item.status === 'open' ? 'contacted' : detail.item.status,
  );
  const [note, setNote] = useState(detail.item.note);
  const [assignee, setAssignee] = useState(detail.item.assignee);
  const id = detail.item.responseId;
  return (
    <form
      class="follow-up-form"
      aria-label={t.inboxFollowUp}
      onSubmit={(event) => {
        event.preventDefault();
        void onSave({ status, note, assignee });
      }}
    >
      {message !== null && (
        <p class="load-error" role="alert">
          {message}
        </p>
      )}
      <label for={`status-${id}`}>{t.inboxStatusLabel}</label>
      <select
        id={`status-${id}`}
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value as InboxStatus)}
      >
        {INBOX_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t.inboxStatus[s]}
          </option>
        ))}
      </select>
      <label for={`note-${id}`}>{t.inboxNote}</label>
      <textarea
        id={`note-${id}`}
        maxLength={2000}
        value={note}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <label for={`assignee-${id}`}>{t.inboxAssignee}</label>
      <input
        id={`assignee-${id}`}
        maxLength={200}
        value={assignee}
        onInput={(e) => setAssignee(e.currentTarget.value)}
      />
      <button type="submit">{t.inboxSave}</button>
      <h2 class="form-heading">{t.inboxHistory}</h2>
      <ol class="inbox-history">
        {detail.history.map((entry) => (
          <li key={entry.version}>
            <time dateTime={entry.at}>{format.moment(entry.at)}</time> {t.inboxKind[entry.kind]} —{' '}
            {t.inboxStatus[entry.status]}
            {entry.note !== '' && (
              <>
                {' '}
                — <UserText text={entry.note} />
              </>
            )}
          </li>
        ))}
      </ol>
      {detail.otherAnswers.length > 0 && (
        <>
          <h2 class="form-heading">{t.inboxOtherAnswers}</h2>
          <ul>
            {detail.otherAnswers.map((answer) => (
              <li key={answer.responseId}>
                <UserText text={answer.touchpoint} />{' '}
                {t.verbatimScore(t.band[answer.band], format.count(answer.score))}{' '}
                <time dateTime={answer.at}>{format.moment(answer.at)}</time>
              </li>
            ))}
          </ul>
        </>
      )}
    </form>
  );
}
