/**
 * CSV downloads of the current range and segment, through `export.csv` with the bearer header: the file is
 * fetched and saved as a Blob, because a plain link could not carry the key.
 */
import type { ExportKind } from '@touchpoint/core';
import { useState } from 'preact/hooks';
import { useDashboard } from '../dashboard-context';
import type { Filters } from '../model/filters';
import type { SaveFile } from '../save-file';

export interface ExportButtonsProps {
  readonly filters: Filters;
  readonly saveFile: SaveFile;
}

/** `touchpoint-responses-2025-01-06-to-2025-02-02.csv` */
export const exportFileName = (kind: ExportKind, filters: Filters): string =>
  `touchpoint-${kind}-${filters.from}-to-${filters.to}.csv`;

export function ExportButtons({ filters, saveFile }: ExportButtonsProps) {
  const { t, client } = useDashboard();
  const [status, setStatus] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');

  const download = async (kind: ExportKind) => {
    setStatus('busy');
    try {
      const blob = await client.exportCsv(kind, filters);
      saveFile(blob, exportFileName(kind, filters));
      setStatus('done');
    } catch {
      setStatus('failed');
    }
  };

  return (
    <fieldset class="export">
      <legend class="export-label">{t.exportLabel}</legend>
      <button type="button" disabled={status === 'busy'} onClick={() => download('responses')}>
        {t.exportResponses}
      </button>
      <button type="button" disabled={status === 'busy'} onClick={() => download('summary')}>
        {t.exportSummary}
      </button>
      <span class="export-status" role="status">
        {status === 'busy'
          ? t.exportBusy
          : status === 'done'
            ? t.exportDone
            : status === 'failed'
              ? t.exportFailed
              : ''}
      </span>
    </fieldset>
  );
}
