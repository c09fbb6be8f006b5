import { useState } from 'preact/hooks';
import { api, ok, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { seoulTime, t, useLang, won, type Key } from '../i18n';
import { asProblem, useLoad } from '../ui/hooks';
import { ProblemMessage } from '../ui/parts';
import { explain } from '../fan/booking/common';
import { Field, fieldError, Saved } from './ui';

type Round = components['schemas']['RoundDetail'];

/** The round's time sales and its price history, and a form to set one on a grade. */
export function TimeSales(props: { round: Round }) {
  useLang();
  const roundId = props.round.id;
  const [version, setVersion] = useState(0);
  const loaded = useLoad(
    () => ok(api.GET('/v1/admin/rounds/{roundId}/time-sales', { params: { path: { roundId } } })),
    [roundId, version],
  );
  const grades = props.round.grades.map((g) => g.grade ?? '').filter(Boolean);
  const [grade, setGrade] = useState(grades[0] ?? '');
  const [sold, setSold] = useState('60');
  const [start, setStart] = useState('7');
  const [discount, setDiscount] = useState('20');
  const [end, setEnd] = useState('2');
  const [problem, setProblem] = useState<Problem>();
  const [saved, setSaved] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setProblem(undefined);
    setSaved(false);
    try {
      await ok(
        api.POST('/v1/admin/rounds/{roundId}/time-sales', {
          params: { path: { roundId } },
          body: {
            grade,
            soldBelowPercent: Number(sold),
            startDaysBefore: Number(start),
            discountPercent: Number(discount),
            endDaysBefore: Number(end),
          },
        }),
      );
      setSaved(true);
      setVersion((v) => v + 1);
    } catch (err) {
      setProblem(asProblem(err));
    }
  };

  const number = (id: string, label: Key, value: string, set: (v: string) => void) => (
    <Field id={`ts-${id}`} label={t(label)} error={fieldError(problem, id)}>
      {(a) => <input {...a} type="number" value={value} onInput={(e) => set(e.currentTarget.value)} />}
    </Field>
  );

  return (
    <section aria-labelledby="ts-h">
      <h2 id="ts-h">{t('sale.admin.title')}</h2>
      <p class="hint">{t('sale.admin.intro')}</p>
      <ProblemMessage problem={loaded.problem} />
      {loaded.data && loaded.data.sales.length === 0 && <p>{t('sale.admin.none')}</p>}
      <ul>
        {loaded.data?.sales.map((s) => (
          <li key={s.saleId}>
            {t('sale.admin.rule', {
              grade: s.grade,
              sold: String(s.soldBelowPercent),
              start: String(s.startDaysBefore),
              discount: String(s.discountPercent),
              end: String(s.endDaysBefore),
            })}{' '}
            <span class="bk-badge">{t(`sale.status.${s.status}` as Key)}</span>
          </li>
        ))}
      </ul>
      {loaded.data && loaded.data.history.length > 0 && (
        <>
          <h3>{t('sale.admin.history')}</h3>
          <ul>
            {loaded.data.history.map((c) => (
              <li key={`${c.at}-${c.reason}`}>
                {t('sale.admin.change', { time: seoulTime(c.at), grade: c.grade, from: won(c.from), to: won(c.to) })}
              </li>
            ))}
          </ul>
        </>
      )}
      <form onSubmit={submit} class="admin-form">
        <Field id="ts-grade" label={t('sale.admin.grade')} error={fieldError(problem, 'grade')}>
          {(a) => (
            <select {...a} value={grade} onChange={(e) => setGrade(e.currentTarget.value)}>
              {grades.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          )}
        </Field>
        {number('soldBelowPercent', 'sale.admin.soldBelowPercent', sold, setSold)}
        {number('startDaysBefore', 'sale.admin.startDaysBefore', start, setStart)}
        {number('discountPercent', 'sale.admin.discountPercent', discount, setDiscount)}
        {number('endDaysBefore', 'sale.admin.endDaysBefore', end, setEnd)}
        <ProblemMessage problem={explain(problem)} />
        <button type="submit">{t('sale.admin.submit')}</button>
        {saved && <Saved>{t('sale.admin.saved')}</Saved>}
      </form>
    </section>
  );
}
