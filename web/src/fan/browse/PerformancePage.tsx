import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { seoulTime, t, useLang, won } from '../../i18n';
import { useLoad } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { countdown, seoulClock } from './format';
import { genreLabel, saleStatusLabel } from './labels';
import { explained } from './problems';
import { useServerClock } from './serverClock';
import { EntrySlots, firstSlotDay } from './EntrySlots';
import { SimilarPerformances } from './Recommended';
import './browse.css';

type Performance = components['schemas']['PerformanceDetail'];
type RoundSummary = components['schemas']['RoundSummary'];
type RoundDetail = components['schemas']['RoundDetail'];
type Policy = components['schemas']['PolicyView'];

export function PerformancePage() {
  useLang();
  const { performanceId } = useRoute().params;
  const performance = useLoad(
    () => ok(api.GET('/v1/performances/{performanceId}', { params: { path: { performanceId } } })),
    [performanceId],
  );
  const p = performance.data;
  const title = p?.title ?? (performance.problem?.status === 404 ? t('browse.performance.notFound') : t('browse.performance.title'));
  return (
    <Page title={title}>
      {performance.loading && !p && <Loading />}
      <ProblemMessage
        problem={explained(performance.problem, { titles: { 'not-found': 'browse.performance.notFound' } })}
      />
      {p && <Details performance={p} />}
    </Page>
  );
}

function Details(props: { performance: Performance }) {
  const p = props.performance;
  // an exhibition or pop-up store is sold by time slot (its rounds); anything else by round and seat
  const slotDay = p.genre === 'EXHIBITION' ? firstSlotDay(p.rounds, Date.now()) : null;
  return (
    <>
      <div class="perf-detail">
        <div class="poster poster-large">
          {p.posterUrl ? (
            <img src={p.posterUrl} alt={t('browse.poster', { title: p.title })} width={300} height={400} />
          ) : (
            <span class="poster-none" aria-hidden="true">
              {genreLabel(p.genre)}
            </span>
          )}
        </div>
        <div>
          <dl class="facts">
            <dt>{t('browse.performance.genre')}</dt>
            <dd>{genreLabel(p.genre)}</dd>
            <dt>{t('browse.performance.runtime')}</dt>
            <dd>{t('browse.performance.minutes', { minutes: p.runtimeMinutes })}</dd>
            <dt>{t('browse.performance.age')}</dt>
            <dd>{p.ageLimit > 0 ? t('browse.performance.ageFrom', { age: p.ageLimit }) : t('browse.performance.allAges')}</dd>
            <dt>{t('browse.performance.sale')}</dt>
            <dd>{saleStatusLabel(p.saleStatus)}</dd>
            {p.cast.length > 0 && (
              <>
                <dt>{t('browse.performance.cast')}</dt>
                <dd>{p.cast.join(', ')}</dd>
              </>
            )}
          </dl>
          {p.tags.length > 0 && (
            <ul class="tags" aria-label={t('browse.performance.tags')}>
              {p.tags.map((tag) => (
                <li key={tag}>#{tag}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {p.description && (
        <>
          <h2>{t('browse.performance.about')}</h2>
          <p class="description">{p.description}</p>
        </>
      )}
      {slotDay ? (
        <EntrySlots performanceId={p.id} firstDay={slotDay} otherwise={<Rounds performance={p} />} />
      ) : (
        <Rounds performance={p} />
      )}
      <CancellationPolicy performanceId={p.id} />
      <p>
        <a href={`/performances/${p.id}/talk`}>{t('talk.link')}</a>
      </p>
      <SimilarPerformances performanceId={p.id} />
    </>
  );
}

type RoundState = { kind: 'past' } | { kind: 'open' } | { kind: 'waiting'; left: number };

function stateOf(round: RoundSummary, now: number): RoundState {
  if (now >= Date.parse(round.startsAt)) return { kind: 'past' };
  const opens = Date.parse(round.saleOpensAt);
  return now >= opens ? { kind: 'open' } : { kind: 'waiting', left: opens - now };
}

/**
 * The rounds with their booking buttons, judged by the server's clock: a button waits with a countdown and turns on
 * by itself at the opening second. Each round's sections say how it is sold (GET /v1/rounds/{id}): a LOTTERY section
 * adds a link to enter the draw.
 */
function Rounds(props: { performance: Performance }) {
  const rounds = [...props.performance.rounds].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const clock = useServerClock();
  const details = useLoad(async () => {
    const entries = await Promise.all(
      rounds.map((r) =>
        ok(api.GET('/v1/rounds/{roundId}', { params: { path: { roundId: r.id } } })).then(
          (d) => [r.id, d] as const,
          // without its detail a round still offers booking; the seat page tells how it is sold
          () => [r.id, null] as const,
        ),
      ),
    );
    return Object.fromEntries(entries) as Record<string, RoundDetail | null>;
  }, [props.performance.id]);

  // say it when a sale opens while the page is open; the countdown itself is not read out every second
  const [opened, setOpened] = useState('');
  const waiting = useRef<Set<string> | null>(null);
  useEffect(() => {
    const nowWaiting = new Set(rounds.filter((r) => stateOf(r, clock.now).kind === 'waiting').map((r) => r.id));
    const before = waiting.current;
    waiting.current = nowWaiting;
    const justOpened = before ? rounds.filter((r) => before.has(r.id) && !nowWaiting.has(r.id)) : [];
    if (justOpened.length > 0) {
      setOpened(justOpened.map((r) => t('browse.rounds.justOpened', { time: seoulTime(r.startsAt) })).join(' '));
    }
  }, [clock.now]);

  return (
    <section aria-labelledby="rounds-heading">
      <div class="spread">
        <h2 id="rounds-heading">{t('browse.rounds.title')}</h2>
        <p class="server-clock">
          {t('browse.rounds.serverTime')} <time>{seoulClock(clock.now)}</time>
        </p>
      </div>
      {clock.problem && <p class="hint">{t('browse.rounds.deviceClock')}</p>}
      <p class="visually-hidden" role="status">
        {opened}
      </p>
      {rounds.length === 0 ? (
        <p>{t('browse.rounds.none')}</p>
      ) : (
        <ul class="rounds">
          {rounds.map((r) => (
            <Round key={r.id} round={r} detail={details.data?.[r.id]} state={stateOf(r, clock.now)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Round(props: { round: RoundSummary; detail?: RoundDetail | null; state: RoundState }) {
  const { round, detail, state } = props;
  const modes = detail ? Object.values(detail.sections).map((s) => s.mode) : [];
  const lottery = modes.includes('LOTTERY');
  // unknown modes (detail not loaded) still offer booking; only a round sold wholly by draw or not at all hides it
  const seats = !detail || modes.some((m) => m === 'SEAT_SELECTION' || m === 'BEST_AVAILABLE');
  const when = seoulTime(round.startsAt);
  const countdownId = `countdown-${round.id}`;
  return (
    <li class="round">
      <div class="round-info">
        <p class="round-time">
          <time dateTime={round.startsAt}>{when}</time>
        </p>
        <p class="hint">{t('browse.opensAt', { time: seoulTime(round.saleOpensAt) })}</p>
        {detail && detail.grades.length > 0 && (
          <p class="hint">
            {detail.grades
              .filter((g) => g.grade && g.price !== undefined)
              .map((g) =>
                g.originalPrice
                  ? t('sale.gradePrice', { grade: g.grade!, price: won(g.price!), original: won(g.originalPrice) })
                  : `${g.grade} ${won(g.price!)}`,
              )
              .join(' · ')}
          </p>
        )}
      </div>
      <div class="round-actions">
        {state.kind === 'past' ? (
          <span class="hint">{t('browse.rounds.past')}</span>
        ) : (
          <>
            {seats &&
              (state.kind === 'open' ? (
                <a class="button" href={`/rounds/${encodeURIComponent(round.id)}`}>
                  {t('browse.rounds.book')}
                  <span class="visually-hidden"> · {when}</span>
                </a>
              ) : (
                <>
                  <button type="button" disabled aria-describedby={countdownId}>
                    {t('browse.rounds.book')}
                    <span class="visually-hidden"> · {when}</span>
                  </button>
                  <span id={countdownId} class="countdown">
                    {t('browse.rounds.opensIn', { left: countdown(state.left) })}
                  </span>
                </>
              ))}
            {lottery && (
              <a class="button secondary" href={`/rounds/${encodeURIComponent(round.id)}/lottery`}>
                {t('browse.rounds.lottery')}
                <span class="visually-hidden"> · {when}</span>
              </a>
            )}
            {!seats && !lottery && <span class="hint">{t('browse.rounds.notSold')}</span>}
          </>
        )}
      </div>
    </li>
  );
}

function cutoff(time: string | null | undefined): string {
  return time ? time.slice(0, 5) : t('browse.policy.noCutoff');
}

function CancellationPolicy(props: { performanceId: string }) {
  const policy = useLoad(
    () =>
      ok(
        api.GET('/v1/performances/{performanceId}/cancellation-policy', {
          params: { path: { performanceId: props.performanceId } },
        }),
      ),
    [props.performanceId],
  );
  return (
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">{t('browse.policy.title')}</h2>
      {policy.loading && <Loading />}
      <ProblemMessage problem={explained(policy.problem)} />
      {policy.data && <PolicyTable policy={policy.data} />}
    </section>
  );
}

function PolicyTable(props: { policy: Policy }) {
  const p = props.policy;
  const tiers = [...p.tiers].sort((a, b) => (b.fromDaysBefore ?? 0) - (a.fromDaysBefore ?? 0));
  const day = (n: number) => `D-${n}`;
  const rows: [string, string][] = [];
  if (p.bookingDayGrace) rows.push([t('browse.policy.bookingDay'), t('browse.policy.free')]);
  if (tiers.length > 0) {
    rows.push([t('browse.policy.until', { day: day((tiers[0].fromDaysBefore ?? 0) + 1) }), t('browse.policy.free')]);
    for (const tier of tiers) {
      const from = tier.fromDaysBefore ?? 0;
      const to = tier.toDaysBefore ?? 0;
      rows.push([from === to ? day(from) : `${day(from)} ~ ${day(to)}`, `${tier.feePercent ?? 0}%`]);
    }
  } else {
    rows.push([t('browse.policy.untilCutoff'), t('browse.policy.free')]);
  }
  rows.push([
    t('browse.policy.sameDay'),
    p.sameDayFeePercent === null || p.sameDayFeePercent === undefined
      ? t('browse.policy.notAllowed')
      : `${p.sameDayFeePercent}%`,
  ]);
  return (
    <>
      {p.standard && <p class="hint">{t('browse.policy.standard')}</p>}
      <table class="policy">
        <caption class="visually-hidden">{t('browse.policy.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('browse.policy.when')}</th>
            <th scope="col">{t('browse.policy.fee')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([when, fee]) => (
            <tr key={when}>
              <th scope="row">{when}</th>
              <td>{fee}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">
        {t('browse.policy.cutoffs', {
          weekday: cutoff(p.weekdayCutoff),
          saturday: cutoff(p.saturdayCutoff),
          sunday: cutoff(p.sundayAndHolidayCutoff),
        })}
      </p>
    </>
  );
}
