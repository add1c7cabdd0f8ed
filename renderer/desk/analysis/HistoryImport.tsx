/**
 * 导入警情 / Import incidents (issue #17 item 1): a chief picks a platform's CSV export
 * (docs/protocol.md §10); the station reads it whole and either adds it to the history or refuses
 * it naming the line and column, the history untouched. The answer is said on the tab.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../transport/use-client';

/** The largest file the desk sends (the station's socket takes up to 80 MB). */
const maxFileBytes = 64 * 1024 * 1024;

export function HistoryImport({ onDone }: { onDone: (words: string) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const read = async (file: File): Promise<void> => {
    if (file.size > maxFileBytes) {
      onDone(t('analysis.import.tooLarge', { name: file.name, mb: 64 }));
      return;
    }
    setBusy(file.name);
    try {
      const csv = await file.text();
      const answer = await client.call('analysis.importCsv', { name: file.name, csv });
      onDone(
        answer.ok
          ? t('analysis.import.done', { name: file.name, ...answer.value })
          : t('analysis.import.refused', { name: file.name, message: answer.error.message }),
      );
    } catch (error) {
      onDone(t('analysis.import.refused', { name: file.name, message: String(error) }));
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <label className="button-link analysis-import" title={t('analysis.import.title')}>
      {busy ? t('analysis.import.busy', { name: busy }) : t('analysis.import.button')}
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        hidden
        disabled={busy !== null}
        data-testid="analysis-import"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void read(file);
        }}
      />
    </label>
  );
}
