/**
 * The version history: every published version (who, when, why), a readable diff between any two (core's
 * `diffConfigs`, surveys matched by id) and one-click rollback (publishing an old version again as a new one).
 */
import { type ConfigChange, describeChange, diffConfigs } from '@touchpoint/core';
import { useEffect, useState } from 'preact/hooks';
import type { AdminClient, ConfigVersion, VersionInfo } from './admin-client';
import { AdminApiError } from './admin-client';
import type { AdminMessages } from './admin-messages';

export interface VersionHistoryProps {
  readonly t: AdminMessages;
  readonly client: AdminClient;
  /** The published version the editor is on (its ETag is sent with a rollback). */
  readonly published: ConfigVersion;
  readonly formatTime: (ms: number) => string;
  /** After a rollback: the new published version. */
  readonly onPublished: (version: ConfigVersion, message: string) => void;
  /** Bumped when a publish happened elsewhere in the editor, to reload the list. */
  readonly revision: number;
}

export function VersionHistory({
  t,
  client,
  published,
  formatTime,
  onPublished,
  revision,
}: VersionHistoryProps) {
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [changes, setChanges] = useState<ConfigChange[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client.versions().then(
      (list) => {
        if (!live) return;
        setVersions(list.versions);
        setTo(list.published);
        setFrom(list.versions[1]?.number ?? list.published);
      },
      (error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [client, revision]);

  const compare = async (event: Event) => {
    event.preventDefault();
    if (from === null || to === null) return;
    try {
      const [a, b] = await Promise.all([client.version(from), client.version(to)]);
      setChanges(diffConfigs(a.config, b.config));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  const rollback = async (n: number) => {
    setProblem(null);
    try {
      const next = await client.rollback(n, published.etag, t.versionRestored(n));
      onPublished(next, t.rollbackDone(next.number, n));
    } catch (error) {
      setProblem(
        error instanceof AdminApiError && error.status === 412
          ? t.conflict(
              Number((error.body as { current?: { number?: number } })?.current?.number),
              String((error.body as { current?: { author?: string } })?.current?.author),
            )
          : error instanceof Error
            ? error.message
            : String(error),
      );
    }
  };

  if (versions === null) return <p role="status">{problem ?? t.loading}</p>;
  const select = (id: string, label: string, value: number | null, set: (n: number) => void) => (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} onChange={(e) => set(Number(e.currentTarget.value))}>
        {versions.map((v) => (
          <option key={v.number} value={v.number} selected={v.number === value}>
            {t.versionLabel(v.number)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section aria-labelledby="history-title">
      <h1 id="history-title">{t.historyTitle}</h1>
      <p class="hint">{t.historyIntro}</p>
      {problem !== null && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <form class="row compare-form" onSubmit={compare}>
        {select('compare-from', t.compareFrom, from, setFrom)}
        {select('compare-to', t.compareTo, to, setTo)}
        <button type="submit">{t.compare}</button>
      </form>
      {changes !== null && (
        <div class="diff" role="status">
          <p>{changes.length === 0 ? t.noDifferences : t.differences(changes.length)}</p>
          <ul class="diff-lines">
            {changes.map((change) => (
              <li key={change.path} class={`diff-${change.kind}`}>
                <code>{describeChange(change)}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <table class="versions">
        <thead>
          <tr>
            <th scope="col">{t.versionLabel(0).replace(/\s*0$/, '')}</th>
            <th scope="col">{t.versionPublished}</th>
            <th scope="col">{t.noteLabel}</th>
            <th scope="col">{t.columnActions}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.number}>
              <th scope="row">{t.versionLabel(v.number)}</th>
              <td>
                {formatTime(v.createdAt)} {t.versionBy(v.author)} ({t.sources[v.source] ?? v.source})
              </td>
              <td>{v.note}</td>
              <td>
                {v.number === published.number ? (
                  <span class="badge">{t.current}</span>
                ) : (
                  <button type="button" onClick={() => rollback(v.number)}>
                    {t.rollback(v.number)}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
