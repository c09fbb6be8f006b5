import { useMemo } from 'preact/hooks';
import { t, useLang } from '../i18n';
import { SeatMap } from '../ui/seatmap/SeatMap';
import { CSV_HEADER, parseLayoutCsv, type CsvIssue } from './layout';
import { count } from './time';
import { Field } from './ui';

function issueText(issue: CsvIssue): string {
  switch (issue.kind) {
    case 'header':
      return t('admin.csv.header', { header: CSV_HEADER });
    case 'fields':
      return t('admin.csv.fields', { line: issue.line, found: issue.found });
    case 'numbers':
      return t('admin.csv.numbers', { line: issue.line });
    case 'duplicate':
      return t('admin.csv.duplicate', { line: issue.line, seat: issue.seat });
  }
}

/**
 * A seat layout as CSV, chosen as a file or pasted (a chosen file's text lands in the box, where it can be checked
 * and edited), with a count and a seat map preview read here; the API validates it again when it is sent.
 */
export function LayoutInput(props: { id: string; csv: string; onCsv: (csv: string) => void; name: string; error?: string }) {
  useLang();
  const preview = useMemo(() => parseLayoutCsv(props.csv), [props.csv]);
  const pick = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (file) props.onCsv(await file.text());
  };
  return (
    <div class="admin-layout-input">
      <p id={`${props.id}-format`} class="hint">
        {t('admin.csv.format')} <code>{CSV_HEADER}</code>
      </p>
      <Field id={`${props.id}-file`} label={t('admin.csv.file')}>
        {(a) => <input {...a} type="file" accept=".csv,text/csv" onChange={pick} />}
      </Field>
      <Field id={`${props.id}-text`} label={t('admin.csv.paste')} error={props.error}>
        {(a) => (
          <textarea
            {...a}
            aria-describedby={[a['aria-describedby'], `${props.id}-format`].filter(Boolean).join(' ')}
            rows={6}
            spellcheck={false}
            class="admin-csv"
            value={props.csv}
            onInput={(e) => props.onCsv(e.currentTarget.value)}
          />
        )}
      </Field>
      <div role="status" aria-live="polite">
        {preview.seats > 0 && (
          <p class="admin-count">{t('admin.csv.count', { seats: count(preview.seats), sections: preview.sections.length })}</p>
        )}
        {preview.issues.length > 0 && (
          <div class="admin-issues">
            <p>{t('admin.csv.issues')}</p>
            <ul>
              {preview.issues.map((issue, i) => (
                <li key={i}>{issueText(issue)}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {preview.seats > 0 && (
        <SeatMap sections={preview.sections} label={t('admin.venue.mapLabel', { name: props.name || t('admin.venue.unnamed') })} />
      )}
    </div>
  );
}
