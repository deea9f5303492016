/**
 * The editor behind the admin key: learns which site the key is for (`GET /v1/admin/site`), then renders the
 * editor in the dashboard's language. A refused key signs out, as a refused results key does.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { FetchLike } from '../api/results-client';
import { formatLocale, type Language } from '../i18n/language';
import { AdminApp } from './admin-app';
import { type AdminSite, createAdminClient } from './admin-client';
import { ADMIN_MESSAGES } from './admin-messages';

export interface AdminRootProps {
  readonly adminKey: string;
  readonly fetch: FetchLike;
  readonly baseUrl?: string;
  readonly language: Language;
  readonly languages: readonly string[];
  readonly hash: string;
  readonly onOpen: (hash: string) => void;
  readonly storage: Storage | null;
  readonly now: () => Date;
  readonly onUnauthorized: () => void;
  readonly document: Document | undefined;
}

export function AdminRoot(props: AdminRootProps) {
  const { adminKey, fetch, baseUrl, onUnauthorized, language, document: doc } = props;
  const t = ADMIN_MESSAGES[language];
  const client = useMemo(
    () =>
      createAdminClient({
        fetch,
        key: adminKey,
        ...(baseUrl === undefined ? {} : { baseUrl }),
        onUnauthorized,
      }),
    [fetch, adminKey, baseUrl, onUnauthorized],
  );
  const [site, setSite] = useState<AdminSite | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client.site().then(
      (found) => live && setSite(found),
      (error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [client]);
  useEffect(() => {
    if (doc !== undefined) doc.title = t.documentTitle;
  }, [doc, t]);
  const formatTime = useMemo(() => {
    const format = new Intl.DateTimeFormat(formatLocale(language, props.languages), {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    return (ms: number) => format.format(new Date(ms));
  }, [language, props.languages]);

  if (site === null) return <p role={problem === null ? 'status' : 'alert'}>{problem ?? t.loading}</p>;
  return (
    <AdminApp
      client={client}
      site={site}
      t={t}
      language={language}
      hash={props.hash}
      onOpen={props.onOpen}
      storage={props.storage}
      now={props.now}
      formatTime={formatTime}
    />
  );
}
