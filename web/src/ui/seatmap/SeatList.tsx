import { useId, useMemo, useState } from 'preact/hooks';
import type { SeatIndex } from './seatIndex';
import { t, useLang, won } from '../../i18n';

type Props = { index: SeatIndex; selected?: ReadonlySet<string>; onToggle?: (seatId: string) => void };

/**
 * The map's seats as form controls, for screen readers and for anyone who would rather not aim at a canvas: a section,
 * then a row, then that row's seats as checkboxes. One row at a time keeps the page small, and nothing is rendered
 * until the list is opened.
 */
export function SeatList(props: Props) {
  useLang();
  const [open, setOpen] = useState(false);
  const [sectionAt, setSectionAt] = useState(0);
  const [rowAt, setRowAt] = useState(0);
  const id = useId();
  const { index, selected, onToggle } = props;

  const remaining = useMemo(
    () =>
      index.sections.map((section) => {
        const rows = section.rows.map((row) => row.seats.filter((i) => index.seats[i].status === 'AVAILABLE').length);
        return { total: rows.reduce((a, b) => a + b, 0), rows };
      }),
    [index],
  );

  const s = Math.min(sectionAt, index.sections.length - 1);
  const section = s >= 0 ? index.sections[s] : undefined;
  const r = section ? Math.min(rowAt, section.rows.length - 1) : -1;
  const row = section && r >= 0 ? section.rows[r] : undefined;

  const sectionTitle = (i: number) => {
    const src = index.sections[i].source;
    return src.grade ? `${src.name} · ${t('seatmap.grade', { grade: src.grade })}` : src.name;
  };

  return (
    <details class="seatlist" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t(onToggle ? 'seatmap.list' : 'seatmap.listReadOnly')}</summary>
      {open && section && (
        <div class="seatlist-body">
          <div class="seatlist-pickers">
            <div>
              <label for={`${id}-section`}>{t('seatmap.list.section')}</label>
              <select
                id={`${id}-section`}
                value={s}
                onChange={(e) => {
                  setSectionAt(Number((e.currentTarget as HTMLSelectElement).value));
                  setRowAt(0);
                }}
              >
                {index.sections.map((_, i) => (
                  <option key={i} value={i}>
                    {t('seatmap.list.sectionOption', { section: sectionTitle(i), n: remaining[i].total })}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for={`${id}-row`}>{t('seatmap.list.row')}</label>
              <select id={`${id}-row`} value={r} onChange={(e) => setRowAt(Number((e.currentTarget as HTMLSelectElement).value))}>
                {section.rows.map((rw, i) => (
                  <option key={rw.label} value={i}>
                    {t('seatmap.list.rowOption', { row: rw.label, n: remaining[s].rows[i] })}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {row && (
            <fieldset class="seatlist-seats">
              <legend>
                {t('seatmap.list.seats', { section: section.source.name, row: row.label })}
                {section.source.grade ? ` · ${t('seatmap.grade', { grade: section.source.grade })}` : ''}
                {section.source.price !== undefined ? ` · ${won(section.source.price)}` : ''}
                {onToggle && !section.source.selectable ? ` · ${t('seatmap.notSelectable')}` : ''}
              </legend>
              <ul>
                {row.seats.map((i) => {
                  const seat = index.seats[i];
                  const picked = selected?.has(seat.id) ?? false;
                  const state =
                    seat.status === 'TAKEN' ? t('seatmap.list.taken') : seat.status === 'NOT_FOR_SALE' ? t('seatmap.list.notForSale') : '';
                  const text = t('seatmap.list.number', { number: seat.number });
                  if (!onToggle) {
                    return <li key={seat.id}>{state ? `${text} (${state})` : text}</li>;
                  }
                  const pickable = section.source.selectable && seat.status === 'AVAILABLE';
                  return (
                    <li key={seat.id}>
                      <label class={picked ? 'picked' : undefined}>
                        <input type="checkbox" checked={picked} disabled={!picked && !pickable} onChange={(e) => {
                            // the owner decides (it may refuse past the limit): show its answer, not the click
                            (e.currentTarget as HTMLInputElement).checked = picked;
                            onToggle(seat.id);
                          }}
                        />
                        <span>
                          {text}
                          {state && <span class="seatlist-state"> ({state})</span>}
                        </span>
                      </label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          )}
        </div>
      )}
    </details>
  );
}
