import type { ComponentChildren } from 'preact';
import { t, useLang } from '../../i18n';
import { sectionOption, type SectionChoice, type Wanted } from './common';

/** What the fields hold while typed: text, turned into a wanted entry (numbers or nothing) only when sent. */
export type WantedDraft = { key: number; sectionId: string; row: string; from: string; to: string };

export const emptyDraft = (key: number): WantedDraft => ({ key, sectionId: '', row: '', from: '', to: '' });

export type DraftError = 'trade.list.sectionRequired' | 'trade.list.numbersInvalid' | 'trade.list.numbersNeedRow';

/** The entry to send, or why it cannot be: a section unless `anySection`, numbers only in a row and inside it. */
export function checkDraft(
  d: WantedDraft,
  sections: SectionChoice[],
  anySection = false,
): { wanted?: Wanted; error?: DraftError; min?: number; max?: number } {
  if (!d.sectionId) return anySection && !d.row && !d.from && !d.to ? {} : { error: 'trade.list.sectionRequired' };
  const hasNumbers = d.from.trim() !== '' || d.to.trim() !== '';
  if (hasNumbers && !d.row) return { error: 'trade.list.numbersNeedRow' };
  const row = sections.find((s) => s.id === d.sectionId)?.rows.find((r) => r.row === d.row);
  if (!hasNumbers) return { wanted: { sectionId: d.sectionId, row: d.row || undefined } };
  // one number alone means that one seat (the API reads it so too)
  const from = Number(d.from.trim() || d.to);
  const to = Number(d.to.trim() || d.from);
  const min = row?.min ?? 1;
  const max = row?.max ?? 9999;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < min || to > max || from > to) {
    return { error: 'trade.list.numbersInvalid', min, max };
  }
  return { wanted: { sectionId: d.sectionId, row: d.row, fromNumber: from, toNumber: to } };
}

/**
 * One wanted entry's fields: section, row (of that section), and a range of seat numbers (of that row). Each control
 * has its own label; the group's legend says which entry it is, so "구역" is never ambiguous to a screen reader.
 */
export function WantedFields(props: {
  idPrefix: string;
  legend: string;
  sections: SectionChoice[];
  draft: WantedDraft;
  onChange: (d: WantedDraft) => void;
  /** The board's search: "any section" is a choice. A listing's wanted entry always names one. */
  anySection?: boolean;
  error?: string;
  children?: ComponentChildren;
}) {
  useLang();
  const d = props.draft;
  const section = props.sections.find((s) => s.id === d.sectionId);
  const row = section?.rows.find((r) => r.row === d.row);
  const id = (name: string) => `${props.idPrefix}-${name}`;
  const errorId = id('error');
  const described = props.error ? errorId : undefined;
  return (
    <fieldset class="tr-wanted-fields">
      <legend>{props.legend}</legend>
      <div class="tr-pair tr-pair-place">
        <div>
          <label for={id('section')}>{t('trade.list.section')}</label>
          <select
            id={id('section')}
            name="sectionId"
            value={d.sectionId}
            aria-invalid={props.error && !d.sectionId ? true : undefined}
            aria-describedby={described}
            onChange={(e) => props.onChange({ ...d, sectionId: e.currentTarget.value, row: '', from: '', to: '' })}
          >
            <option value="">{props.anySection ? t('trade.board.anySection') : t('trade.list.sectionChoose')}</option>
            {props.sections.map((s) => (
              <option key={s.id} value={s.id}>
                {sectionOption(s)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for={id('row')}>{t('trade.list.row')}</label>
          <select
            id={id('row')}
            name="row"
            value={d.row}
            disabled={!section}
            onChange={(e) => props.onChange({ ...d, row: e.currentTarget.value, from: '', to: '' })}
          >
            <option value="">{t('trade.list.anyRow')}</option>
            {section?.rows.map((r) => (
              <option key={r.row} value={r.row}>
                {t('trade.list.rowOption', { row: r.row })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="tr-pair">
        <div>
          <label for={id('from')}>{t('trade.list.from')}</label>
          <input
            id={id('from')}
            name="fromNumber"
            type="number"
            inputMode="numeric"
            min={row?.min}
            max={row?.max}
            disabled={!row}
            aria-describedby={`${id('numbers-hint')}${described ? ` ${described}` : ''}`}
            value={d.from}
            onInput={(e) => props.onChange({ ...d, from: e.currentTarget.value })}
          />
        </div>
        <div>
          <label for={id('to')}>{t('trade.list.to')}</label>
          <input
            id={id('to')}
            name="toNumber"
            type="number"
            inputMode="numeric"
            min={row?.min}
            max={row?.max}
            disabled={!row}
            aria-describedby={`${id('numbers-hint')}${described ? ` ${described}` : ''}`}
            value={d.to}
            onInput={(e) => props.onChange({ ...d, to: e.currentTarget.value })}
          />
        </div>
      </div>
      <p id={id('numbers-hint')} class="hint">
        {t('trade.list.numbersHint')}
        {row && ` (${row.min}~${row.max})`}
      </p>
      {props.error && (
        <p id={errorId} class="bk-field-error" role="alert">
          {props.error}
        </p>
      )}
      {props.children}
    </fieldset>
  );
}
