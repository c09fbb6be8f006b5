import { useId, useState } from 'preact/hooks';
import { api, ok, type Problem } from '../../api/client';
import { asProblem, useSession } from '../../ui/hooks';
import { ProblemMessage } from '../../ui/parts';
import { t, useLang } from '../../i18n';
import { explainAlert } from './problems';

type Props = { roundId: string; grades: string[]; limit: number };

/** The grades a fan may wait for: those of sections on sale (a lottery's too: its leftovers come to sale), not closed. */
export function waitlistGrades(sections: Record<string, { mode?: string; grade?: string }> | undefined): string[] {
  const grades = Object.values(sections ?? {})
    .filter((p) => p.mode !== undefined && p.mode !== 'CLOSED')
    .map((p) => p.grade ?? '');
  return [...new Set(grades)].filter(Boolean).sort();
}

/** "Notify me when seats free up" on a round's seat page: a grade and a party size (POST /v1/me/waitlist). */
export function WaitlistControl(props: Props) {
  useLang();
  const id = useId();
  const claims = useSession();
  const [grade, setGrade] = useState(props.grades[0] ?? '');
  const [party, setParty] = useState(1);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  if (props.grades.length === 0) return null;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setDone(false);
    try {
      await ok(api.POST('/v1/me/waitlist', { body: { roundId: props.roundId, grade, partySize: party } }));
      setDone(true);
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="seats-best" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('alerts.notify.title')}</h2>
      <p class="hint">{t('alerts.notify.intro')}</p>
      {!claims ? (
        <p>
          <a href={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('alerts.notify.login')}</a>
        </p>
      ) : (
        <form onSubmit={submit}>
          <label for={`${id}-grade`}>{t('alerts.notify.grade')}</label>
          <select id={`${id}-grade`} value={grade} onChange={(e) => setGrade((e.currentTarget as HTMLSelectElement).value)}>
            {props.grades.map((g) => (
              <option key={g} value={g}>
                {t('seatmap.grade', { grade: g })}
              </option>
            ))}
          </select>
          <label for={`${id}-party`}>{t('alerts.notify.party')}</label>
          <select id={`${id}-party`} value={party} onChange={(e) => setParty(Number((e.currentTarget as HTMLSelectElement).value))}>
            {Array.from({ length: Math.max(props.limit, 1) }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {t('alerts.notify.partyOf', { n })}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary" disabled={busy}>
            {busy ? t('alerts.notify.sending') : t('alerts.notify.submit')}
          </button>
        </form>
      )}
      <p role="status">
        {done && (
          <>
            {t('alerts.notify.done')} <a href="/me/alerts">{t('alerts.notify.mine')}</a>
          </>
        )}
      </p>
      <ProblemMessage problem={explainAlert(problem)} />
    </section>
  );
}
