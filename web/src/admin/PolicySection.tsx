import { useState } from 'preact/hooks';
import { api, ok, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { t, useLang } from '../i18n';
import { asProblem, useLoad } from '../ui/hooks';
import { Loading, ProblemMessage } from '../ui/parts';
import { Field, Saved, fieldError } from './ui';

type Policy = components['schemas']['PolicyView'];
type TierRow = { key: number; from: string; to: string; fee: string };

function numberOf(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** HH:mm for an <input type=time>, whatever precision the API wrote. */
function hhmm(time?: string | null): string {
  return time ? time.slice(0, 5) : '';
}

/**
 * The performance's cancellation policy (docs/cancellation.md). The API only takes terms at least as kind as the
 * standard, and once a round is on sale only kinder ones than before; its 422 says which.
 */
export function PolicySection(props: { performanceId: string }) {
  useLang();
  const performanceId = props.performanceId;
  const policy = useLoad(
    () => ok(api.GET('/v1/performances/{performanceId}/cancellation-policy', { params: { path: { performanceId } } })),
    [performanceId],
  );
  return (
    <section aria-labelledby="perf-policy">
      <h2 id="perf-policy">{t('admin.policy.title')}</h2>
      <ProblemMessage problem={policy.problem} />
      {policy.loading && !policy.data && <Loading />}
      {policy.data && <PolicyForm key={JSON.stringify(policy.data)} performanceId={performanceId} policy={policy.data} onSaved={policy.reload} />}
    </section>
  );
}

function PolicyForm(props: { performanceId: string; policy: Policy; onSaved: () => void }) {
  const p = props.policy;
  const nextKey = useState(() => ({ n: p.tiers.length }))[0];
  const [tiers, setTiers] = useState<TierRow[]>(() =>
    p.tiers.map((tier, i) => ({
      key: i,
      from: String(tier.fromDaysBefore ?? ''),
      to: String(tier.toDaysBefore ?? ''),
      fee: String(tier.feePercent ?? ''),
    })),
  );
  const [sameDay, setSameDay] = useState(p.sameDayFeePercent == null ? '' : String(p.sameDayFeePercent));
  const [grace, setGrace] = useState(p.bookingDayGrace);
  const [weekday, setWeekday] = useState(hhmm(p.weekdayCutoff));
  const [saturday, setSaturday] = useState(hhmm(p.saturdayCutoff));
  const [sunday, setSunday] = useState(hhmm(p.sundayAndHolidayCutoff));
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<Problem>();

  const setTier = (key: number, patch: Partial<TierRow>) => setTiers(tiers.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    setProblem(undefined);
    try {
      await ok(
        api.PUT('/v1/admin/performances/{performanceId}/cancellation-policy', {
          params: { path: { performanceId: props.performanceId } },
          body: {
            tiers: tiers.map((r) => ({ fromDaysBefore: numberOf(r.from), toDaysBefore: numberOf(r.to), feePercent: numberOf(r.fee) })),
            sameDayFeePercent: numberOf(sameDay),
            bookingDayGrace: grace,
            weekdayCutoff: weekday || undefined,
            saturdayCutoff: saturday || undefined,
            sundayAndHolidayCutoff: sunday || undefined,
          },
        }),
      );
      setSaved(true);
      props.onSaved();
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="admin-form" onSubmit={submit} noValidate>
      <p class="hint">{p.standard ? t('admin.policy.standard') : t('admin.policy.custom')}</p>
      <h3>{t('admin.policy.tiers')}</h3>
      <ol class="admin-grades">
        {tiers.map((r, i) => (
          <li key={r.key} class="admin-grade admin-tier">
            <Field id={`tier-${r.key}-from`} label={t('admin.policy.from')} error={fieldError(problem, `tiers[${i}].fromDaysBefore`)}>
              {(a) => <input {...a} type="number" inputMode="numeric" min="1" value={r.from} onInput={(e) => setTier(r.key, { from: e.currentTarget.value })} />}
            </Field>
            <Field id={`tier-${r.key}-to`} label={t('admin.policy.to')} error={fieldError(problem, `tiers[${i}].toDaysBefore`)}>
              {(a) => <input {...a} type="number" inputMode="numeric" min="1" value={r.to} onInput={(e) => setTier(r.key, { to: e.currentTarget.value })} />}
            </Field>
            <Field id={`tier-${r.key}-fee`} label={t('admin.policy.fee')} error={fieldError(problem, `tiers[${i}].feePercent`)}>
              {(a) => <input {...a} type="number" inputMode="numeric" min="0" max="100" value={r.fee} onInput={(e) => setTier(r.key, { fee: e.currentTarget.value })} />}
            </Field>
            <button type="button" class="secondary" onClick={() => setTiers(tiers.filter((x) => x.key !== r.key))}>
              {t('admin.remove')}
              <span class="visually-hidden"> {t('admin.policy.tierN', { n: i + 1 })}</span>
            </button>
          </li>
        ))}
      </ol>
      <button type="button" class="secondary" onClick={() => setTiers([...tiers, { key: nextKey.n++, from: '', to: '', fee: '' }])}>
        {t('admin.policy.addTier')}
      </button>
      <Field id="policy-same-day" label={t('admin.policy.sameDay')} hint={t('admin.policy.sameDayHint')} error={fieldError(problem, 'sameDayFeePercent')}>
        {(a) => <input {...a} type="number" inputMode="numeric" min="0" max="100" class="admin-short" value={sameDay} onInput={(e) => setSameDay(e.currentTarget.value)} />}
      </Field>
      <div class="admin-check">
        <input id="policy-grace" type="checkbox" checked={grace} onChange={(e) => setGrace(e.currentTarget.checked)} />
        <label for="policy-grace">{t('admin.policy.grace')}</label>
      </div>
      <div class="admin-pair">
        <Field id="policy-weekday" label={t('admin.policy.weekday')} error={fieldError(problem, 'weekdayCutoff')}>
          {(a) => <input {...a} type="time" value={weekday} onInput={(e) => setWeekday(e.currentTarget.value)} />}
        </Field>
        <Field id="policy-saturday" label={t('admin.policy.saturday')} error={fieldError(problem, 'saturdayCutoff')}>
          {(a) => <input {...a} type="time" value={saturday} onInput={(e) => setSaturday(e.currentTarget.value)} />}
        </Field>
        <Field id="policy-sunday" label={t('admin.policy.sunday')} hint={t('admin.policy.sundayHint')} error={fieldError(problem, 'sundayAndHolidayCutoff')}>
          {(a) => <input {...a} type="time" value={sunday} onInput={(e) => setSunday(e.currentTarget.value)} />}
        </Field>
      </div>
      <ProblemMessage problem={problem} />
      {saved && <Saved>{t('admin.saved')}</Saved>}
      <div class="admin-submit">
        <button type="submit" disabled={busy}>
          {t('admin.policy.save')}
        </button>
      </div>
    </form>
  );
}
