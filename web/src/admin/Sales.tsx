import type { components } from '../api/schema';
import { seoulTime, t, useLang, won } from '../i18n';
import type { Loaded } from '../ui/hooks';
import { Loading, ProblemMessage } from '../ui/parts';
import { modeLabel } from './labels';
import { count } from './time';

type Round = components['schemas']['RoundDetail'];
type Availability = components['schemas']['AvailabilityView'];

type Line = { key: string; cells: string[]; total: number; remaining: number; price: number };

/** The counts and sums shared by both tables: sold = total − remaining, gross = sold × price. */
function SalesTable(props: { id: string; caption: string; heads: string[]; lines: Line[] }) {
  const sum = (f: (l: Line) => number) => props.lines.reduce((n, l) => n + f(l), 0);
  const total = sum((l) => l.total);
  const remaining = sum((l) => l.remaining);
  const gross = sum((l) => (l.total - l.remaining) * l.price);
  const captionId = `${props.id}-caption`;
  return (
    // narrow screens scroll the table inside its box, never the page; the box is focusable so keyboards can scroll it
    <div class="admin-table" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table>
        <caption id={captionId}>{props.caption}</caption>
        <thead>
          <tr>
            {props.heads.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
            <th scope="col" class="num">{t('admin.sales.sold')}</th>
            <th scope="col" class="num">{t('admin.sales.remaining')}</th>
            <th scope="col" class="num">{t('admin.sales.total')}</th>
            <th scope="col" class="num">{t('admin.sales.gross')}</th>
          </tr>
        </thead>
        <tbody>
          {props.lines.map((l) => (
            <tr key={l.key}>
              {l.cells.map((c, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {c}
                  </th>
                ) : (
                  <td key={i}>{c}</td>
                ),
              )}
              <td class="num">{count(l.total - l.remaining)}</td>
              <td class="num">{count(l.remaining)}</td>
              <td class="num">{count(l.total)}</td>
              <td class="num">{won((l.total - l.remaining) * l.price)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={props.heads.length}>
              {t('admin.sales.sum')}
            </th>
            <td class="num">{count(total - remaining)}</td>
            <td class="num">{count(remaining)}</td>
            <td class="num">{count(total)}</td>
            <td class="num">{won(gross)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Seats sold and takings per grade and per section, from the round's availability (a snapshot: refreshable). */
export function Sales(props: { round: Round; availability: Loaded<Availability> }) {
  useLang();
  const { round, availability } = props;
  const a = availability.data;
  const priceOf = (grade?: string) => round.grades.find((g) => g.grade === grade)?.price ?? 0;
  const byGrade: Line[] = (a?.grades ?? []).map((g) => ({
    key: g.grade,
    cells: [g.grade, won(g.price)],
    total: g.total,
    remaining: g.remaining,
    price: g.price,
  }));
  const bySection: Line[] = (a?.sections ?? []).map((s) => ({
    key: s.sectionId ?? '',
    cells: [s.name || s.sectionId || '', s.grade ?? '', s.mode ? modeLabel(s.mode) : ''],
    total: s.total ?? 0,
    remaining: s.remaining ?? 0,
    price: priceOf(s.grade),
  }));
  return (
    <section aria-labelledby="round-sales">
      <div class="spread">
        <h2 id="round-sales">{t('admin.sales.title')}</h2>
        <button type="button" class="secondary" onClick={availability.reload} disabled={availability.loading}>
          {t('admin.refresh')}
        </button>
      </div>
      <ProblemMessage problem={availability.problem} />
      {!a && availability.loading && <Loading />}
      {a && (
        <>
          <p class="hint" role="status">
            {t('admin.sales.asOf', { time: seoulTime(a.asOf, false) })}
          </p>
          <SalesTable
            id="sales-grades"
            caption={t('admin.sales.byGrade')}
            heads={[t('admin.round.grade'), t('admin.round.price')]}
            lines={byGrade}
          />
          <SalesTable
            id="sales-sections"
            caption={t('admin.sales.bySection')}
            heads={[t('admin.sales.section'), t('admin.round.grade'), t('admin.sales.mode')]}
            lines={bySection}
          />
        </>
      )}
    </section>
  );
}
