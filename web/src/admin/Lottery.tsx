import { useState } from 'preact/hooks';
import { api, ok, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { seoulTime, t, useLang, won } from '../i18n';
import { asProblem, useLoad } from '../ui/hooks';
import { Loading, ProblemMessage } from '../ui/parts';
import { count, seoulIso, seoulLocal } from './time';
import { Field, Saved, fieldError } from './ui';

type Round = components['schemas']['RoundDetail'];
type LotteryView = components['schemas']['LotteryView'];
type OfferState = components['schemas']['OfferStateView'];

/**
 * The round's lottery, when a section is sold by draw (or was: after the last draw the sections go to general sale):
 * its schedule (open or change it until entries open), the entries, "draw now", and each section's offers.
 */
export function Lottery(props: { round: Round; names: Record<string, string> }) {
  useLang();
  const roundId = props.round.id;
  const loaded = useLoad(async () => {
    const answer = api.GET('/v1/admin/rounds/{roundId}/lottery', { params: { path: { roundId } } });
    if ((await answer).response.status === 404) return null;
    return ok(answer);
  }, [roundId]);
  const [changed, setChanged] = useState<LotteryView>();
  const [saved, setSaved] = useState(false);
  const lottery = changed ?? loaded.data ?? undefined;
  const lotterySections = Object.entries(props.round.sections)
    .filter(([, p]) => p.mode === 'LOTTERY')
    .map(([id]) => id);
  if (lotterySections.length === 0 && !lottery) return null;

  const sectionIds = [...new Set([...lotterySections, ...Object.keys(lottery?.entryCounts ?? {})])];
  const nameOf = (id: string) => props.names[id] || id;
  return (
    <section aria-labelledby="round-lottery">
      <div class="spread">
        <h2 id="round-lottery">{t('admin.lottery.title')}</h2>
        {lottery && (
          <button
            type="button"
            class="secondary"
            disabled={loaded.loading}
            onClick={() => {
              setChanged(undefined);
              setSaved(false);
              loaded.reload();
            }}
          >
            {t('admin.refresh')}
          </button>
        )}
      </div>
      <ProblemMessage problem={loaded.problem} />
      {loaded.loading && !lottery && <Loading />}
      {!loaded.loading && !lottery && !loaded.problem && <p>{t('admin.lottery.none')}</p>}
      {saved && <Saved>{t('admin.saved')}</Saved>}
      {lottery && <Entries lottery={lottery} nameOf={nameOf} />}
      {lottery && <DrawNow roundId={roundId} onDrawn={setChanged} />}
      {(lottery || loaded.data === null) && (
        <Schedule
          key={lottery ? 'change' : 'open'}
          roundId={roundId}
          lottery={lottery}
          onSaved={(l) => {
            setChanged(l);
            setSaved(true);
          }}
        />
      )}
      {lottery && <Offers roundId={roundId} sectionIds={sectionIds} nameOf={nameOf} />}
    </section>
  );
}

function Entries(props: { lottery: LotteryView; nameOf: (id: string) => string }) {
  const l = props.lottery;
  const rows = Object.entries(l.entryCounts).flatMap(([section, bySize]) =>
    Object.entries(bySize)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([size, n]) => ({ section, size, n })),
  );
  return (
    <>
      <dl class="admin-facts">
        <dt>{t('admin.lottery.entriesOpenAt')}</dt>
        <dd>{seoulTime(l.entriesOpenAt)}</dd>
        <dt>{t('admin.lottery.entriesCloseAt')}</dt>
        <dd>{seoulTime(l.entriesCloseAt)}</dd>
        <dt>{t('admin.lottery.paymentDeadline')}</dt>
        <dd>{seoulTime(l.paymentDeadline)}</dd>
        <dt>{t('admin.lottery.redraws')}</dt>
        <dd>{l.redraws}</dd>
        <dt>{t('admin.lottery.entries')}</dt>
        <dd>{t('admin.lottery.entryCount', { n: count(l.entries) })}</dd>
      </dl>
      {rows.length > 0 && (
        <div class="admin-table" role="region" aria-labelledby="lottery-counts-caption" tabIndex={0}>
          <table>
            <caption id="lottery-counts-caption">{t('admin.lottery.counts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.sales.section')}</th>
                <th scope="col" class="num">{t('admin.lottery.partySize')}</th>
                <th scope="col" class="num">{t('admin.lottery.entries')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.section}-${r.size}`}>
                  <th scope="row">{props.nameOf(r.section)}</th>
                  <td class="num">{t('admin.lottery.people', { n: r.size })}</td>
                  <td class="num">{count(r.n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Drawing now closes the entries at once, so it asks once more before it does. */
function DrawNow(props: { roundId: string; onDrawn: (l: LotteryView) => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const draw = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      props.onDrawn(await ok(api.POST('/v1/admin/rounds/{roundId}/lottery/draw', { params: { path: { roundId: props.roundId } } })));
      setDone(true);
      setAsking(false);
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="admin-draw">
      {!asking ? (
        <button type="button" onClick={() => setAsking(true)}>
          {t('admin.lottery.drawNow')}
        </button>
      ) : (
        <div class="admin-confirm" role="group" aria-labelledby="draw-confirm">
          <p id="draw-confirm">{t('admin.lottery.drawConfirm')}</p>
          <div class="row">
            <button type="button" class="danger" disabled={busy} onClick={draw}>
              {t('admin.lottery.drawYes')}
            </button>
            <button type="button" class="secondary" onClick={() => setAsking(false)}>
              {t('admin.cancelAction')}
            </button>
          </div>
        </div>
      )}
      <ProblemMessage problem={problem} />
      {done && <Saved>{t('admin.lottery.drawn')}</Saved>}
    </div>
  );
}

function Schedule(props: { roundId: string; lottery?: LotteryView; onSaved: (l: LotteryView) => void }) {
  const l = props.lottery;
  const [opens, setOpens] = useState(l ? seoulLocal(l.entriesOpenAt) : '');
  const [closes, setCloses] = useState(l ? seoulLocal(l.entriesCloseAt) : '');
  const [deadline, setDeadline] = useState(l ? seoulLocal(l.paymentDeadline) : '');
  const [redraws, setRedraws] = useState(l ? String(l.redraws) : '1');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await ok(
        api.PUT('/v1/admin/rounds/{roundId}/lottery', {
          params: { path: { roundId: props.roundId } },
          body: {
            entriesOpenAt: seoulIso(opens),
            entriesCloseAt: seoulIso(closes),
            paymentDeadline: seoulIso(deadline),
            redraws: redraws.trim() === '' ? undefined : Number(redraws),
          },
        }),
      );
      props.onSaved(answer);
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="admin-form" onSubmit={submit} noValidate>
      <h3>{l ? t('admin.lottery.change') : t('admin.lottery.open')}</h3>
      {l && <p class="hint">{t('admin.lottery.changeHint')}</p>}
      <div class="admin-pair">
        <Field id="lottery-opens" label={t('admin.lottery.entriesOpenAt')} hint={t('admin.round.seoulTime')} error={fieldError(problem, 'entriesOpenAt')}>
          {(a) => <input {...a} type="datetime-local" value={opens} onInput={(e) => setOpens(e.currentTarget.value)} />}
        </Field>
        <Field id="lottery-closes" label={t('admin.lottery.entriesCloseAt')} hint={t('admin.round.seoulTime')} error={fieldError(problem, 'entriesCloseAt')}>
          {(a) => <input {...a} type="datetime-local" value={closes} onInput={(e) => setCloses(e.currentTarget.value)} />}
        </Field>
        <Field id="lottery-deadline" label={t('admin.lottery.paymentDeadline')} hint={t('admin.round.seoulTime')} error={fieldError(problem, 'paymentDeadline')}>
          {(a) => <input {...a} type="datetime-local" value={deadline} onInput={(e) => setDeadline(e.currentTarget.value)} />}
        </Field>
        <Field id="lottery-redraws" label={t('admin.lottery.redraws')} hint={t('admin.lottery.redrawsHint')} error={fieldError(problem, 'redraws')}>
          {(a) => (
            <input {...a} type="number" inputMode="numeric" min="0" max="3" step="1" value={redraws} onInput={(e) => setRedraws(e.currentTarget.value)} />
          )}
        </Field>
      </div>
      <ProblemMessage problem={problem} />
      <div class="admin-submit">
        <button type="submit" disabled={busy}>
          {l ? t('admin.lottery.changeButton') : t('admin.lottery.openButton')}
        </button>
      </div>
    </form>
  );
}

const OFFER_STATES: Record<string, Parameters<typeof t>[0]> = {
  WON: 'admin.lottery.state.WON',
  PAID: 'admin.lottery.state.PAID',
  WON_EXPIRED: 'admin.lottery.state.WON_EXPIRED',
};

/** A section's offers (winners and what they were offered), a page at a time. */
function Offers(props: { roundId: string; sectionIds: string[]; nameOf: (id: string) => string }) {
  const [sectionId, setSectionId] = useState(props.sectionIds[0] ?? '');
  const [items, setItems] = useState<OfferState[]>();
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const load = async (cursor?: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const page = await ok(
        api.GET('/v1/admin/rounds/{roundId}/lottery/offers', {
          params: { path: { roundId: props.roundId }, query: { sectionId, cursor, limit: '50' } },
        }),
      );
      setItems(cursor ? [...(items ?? []), ...page.items] : page.items);
      setNext(page.nextCursor ?? null);
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };
  if (props.sectionIds.length === 0) return null;
  return (
    <div class="admin-offers">
      <h3>{t('admin.lottery.offers')}</h3>
      <form
        class="admin-search"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <Field id="offers-section" label={t('admin.sales.section')}>
          {(a) => (
            <select
              {...a}
              value={sectionId}
              onChange={(e) => {
                setSectionId(e.currentTarget.value);
                setItems(undefined);
              }}
            >
              {props.sectionIds.map((id) => (
                <option key={id} value={id}>
                  {props.nameOf(id)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {t('admin.lottery.showOffers')}
        </button>
      </form>
      <ProblemMessage problem={problem} />
      {items && items.length === 0 && <p role="status">{t('admin.lottery.noOffers')}</p>}
      {items && items.length > 0 && (
        <div class="admin-table" role="region" aria-labelledby="offers-caption" tabIndex={0}>
          <table>
            <caption id="offers-caption">{t('admin.lottery.offersOf', { section: props.nameOf(sectionId), n: count(items.length) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.lottery.entry')}</th>
                <th scope="col" class="num">{t('admin.lottery.partySize')}</th>
                <th scope="col">{t('admin.lottery.state')}</th>
                <th scope="col">{t('admin.lottery.seats')}</th>
                <th scope="col" class="num">{t('admin.lottery.amount')}</th>
                <th scope="col">{t('admin.lottery.payBy')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.entryId}>
                  <th scope="row">
                    <code>{o.entryId}</code>
                  </th>
                  <td class="num">{t('admin.lottery.people', { n: o.partySize })}</td>
                  <td>{OFFER_STATES[o.state] ? t(OFFER_STATES[o.state]) : o.state}</td>
                  <td>{o.offer.seatIds.join(', ')}</td>
                  <td class="num">{won(o.offer.amount)}</td>
                  <td>{seoulTime(o.offer.payBy, false)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" class="secondary" disabled={busy} onClick={() => load(next)}>
          {t('admin.more')}
        </button>
      )}
    </div>
  );
}
