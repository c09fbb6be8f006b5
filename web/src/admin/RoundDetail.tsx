import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { seoulTime, t, useLang, won } from '../i18n';
import { asProblem, useLoad } from '../ui/hooks';
import { Loading, Page, ProblemMessage } from '../ui/parts';
import { Lottery } from './Lottery';
import { modeLabel, modes, roundSaleLabel, type BookingMode } from './labels';
import { RoundCancellation, useCancellation } from './RoundCancellation';
import { Sales } from './Sales';
import { TimeSales } from './TimeSales';
import { WaitingRoomSection } from './WaitingRoomSection';
import { remembered } from './store';
import { Field, RequireAdmin, Saved } from './ui';

type Round = components['schemas']['RoundDetail'];

export function RoundDetail() {
  useLang();
  return (
    <RequireAdmin title={t('admin.round.title')}>
      <RoundScreen />
    </RequireAdmin>
  );
}

function RoundScreen() {
  const { roundId } = useRoute().params;
  const loaded = useLoad(() => ok(api.GET('/v1/rounds/{roundId}', { params: { path: { roundId } } })), [roundId]);
  const availability = useLoad(
    () => ok(api.GET('/v1/rounds/{roundId}/availability', { params: { path: { roundId } } })),
    [roundId],
  );
  // an edit answers the round as it now is: show that rather than load it again
  const [edited, setEdited] = useState<Round>();
  const cancellation = useCancellation(roundId);
  const round = edited?.id === roundId ? edited : loaded.data;
  const performanceId = round?.performanceId;
  const performance = useLoad(
    () =>
      performanceId
        ? ok(api.GET('/v1/performances/{performanceId}', { params: { path: { performanceId } } }))
        : Promise.resolve(undefined),
    [performanceId],
  );

  if (!round) {
    return (
      <Page title={t('admin.round.title')}>{loaded.loading ? <Loading /> : <ProblemMessage problem={loaded.problem} />}</Page>
    );
  }
  const when = seoulTime(round.startsAt);
  const title = performance.data ? t('admin.round.heading', { title: performance.data.title, when }) : when;
  const venueName = remembered('venues').find((v) => v.id === round.venueId)?.name;
  const names = Object.fromEntries((availability.data?.sections ?? []).map((s) => [s.sectionId ?? '', s.name ?? '']));
  return (
    <Page title={title}>
      <dl class="admin-facts">
        <dt>{t('admin.round.status')}</dt>
        <dd>
          {cancellation.shown ? (
            <strong class="admin-badge admin-badge-cancelled">{t('admin.round.cancelled')}</strong>
          ) : (
            <strong class={round.onSale ? 'admin-badge admin-badge-on' : 'admin-badge'}>{roundSaleLabel(round)}</strong>
          )}
        </dd>
        <dt>{t('admin.round.startsAt')}</dt>
        <dd>{when}</dd>
        <dt>{t('admin.round.saleOpensAt')}</dt>
        <dd>{seoulTime(round.saleOpensAt)}</dd>
        <dt>{t('admin.round.limit')}</dt>
        <dd>{t('admin.round.limitValue', { n: round.perPersonLimit })}</dd>
        <dt>{t('admin.round.venue')}</dt>
        <dd>
          <a href={`/admin/venues/${round.venueId}`}>{venueName ?? t('admin.round.venueLink')}</a>
        </dd>
        <dt>{t('admin.round.grades')}</dt>
        <dd>
          <ul class="admin-inline">
            {round.grades.map((g) => (
              <li key={g.grade}>
                {g.grade} {won(g.price ?? 0)}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <p>
        <a href={`/admin/performances/${round.performanceId}`}>{performance.data?.title ?? t('admin.round.backToPerformance')}</a>
        {' · '}
        <a href={`/performances/${round.performanceId}`}>{t('admin.performance.publicPage')}</a>
      </p>

      <Sales round={round} availability={availability} />
      <WaitingRoomSection roundId={round.id} saleOpensAt={round.saleOpensAt} />
      <TimeSales round={round} />
      <SectionPlans round={round} names={names} onSaved={(r) => { setEdited(r); availability.reload(); }} />
      <Lottery round={round} names={names} />
      <RoundCancellation round={round} cancellation={cancellation} />
    </Page>
  );
}

/** Each section's booking mode and grade, editable (the API refuses a mode change once the sale opened: mode-locked). */
function SectionPlans(props: {
  round: Round;
  names: Record<string, string>;
  onSaved: (round: Round) => void;
}) {
  const { round } = props;
  const current = () => Object.fromEntries(Object.entries(round.sections).map(([id, p]) => [id, { mode: p.mode, grade: p.grade }]));
  const [plans, setPlans] = useState(current);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  useEffect(() => setPlans(current()), [round]);

  const ids = Object.keys(plans);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    setProblem(undefined);
    try {
      const r = await ok(
        api.PUT('/v1/admin/rounds/{roundId}/sections', { params: { path: { roundId: round.id } }, body: { sections: plans } }),
      );
      setSaved(true);
      props.onSaved(r);
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="round-sections">
      <h2 id="round-sections">{t('admin.round.sections')}</h2>
      {round.onSale && <p class="hint">{t('admin.round.modesLocked')}</p>}
      <form class="admin-form" onSubmit={submit} noValidate>
        <ul class="admin-sections">
          {ids.map((id) => {
            const name = props.names[id] || id;
            const plan = plans[id];
            return (
              <li key={id} class="admin-section">
                <p class="admin-section-name">{name}</p>
                <div class="admin-pair">
                  <Field id={`plan-${id}-mode`} label={t('admin.round.sectionMode', { section: name })}>
                    {(a) => (
                      <select {...a} value={plan.mode} onChange={(e) => setPlans({ ...plans, [id]: { ...plan, mode: e.currentTarget.value as BookingMode } })}>
                        {modes.map((m) => (
                          <option key={m} value={m}>
                            {modeLabel(m)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field id={`plan-${id}-grade`} label={t('admin.round.sectionGrade', { section: name })}>
                    {(a) => (
                      <select {...a} value={plan.grade} onChange={(e) => setPlans({ ...plans, [id]: { ...plan, grade: e.currentTarget.value } })}>
                        {round.grades.map((g) => (
                          <option key={g.grade} value={g.grade}>
                            {g.grade}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                </div>
              </li>
            );
          })}
        </ul>
        <ProblemMessage problem={problem} />
        {saved && <Saved>{t('admin.saved')}</Saved>}
        <div class="admin-submit">
          <button type="submit" disabled={busy}>
            {t('admin.round.saveSections')}
          </button>
        </div>
      </form>
    </section>
  );
}
