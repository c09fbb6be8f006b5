import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, idempotencyKey, ok, type Problem } from '../../api/client';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { asProblem, useLoad, useSession } from '../../ui/hooks';
import { seoulTime, t, useLang, won } from '../../i18n';
import { SeatMap } from '../../ui/seatmap/SeatMap';
import { gradeColor } from '../../ui/seatmap/palette';
import type { MapSection } from '../../ui/seatmap/types';
import { decodeTaken, mapSections, pollStatus } from './seatMapOf';
import { HoldProblem, keyFor, settle, type Intent } from './holding';
import { BestAvailable, type BestAvailableSection } from './BestAvailable';
import { WaitlistControl, waitlistGrades } from '../alerts/WaitlistControl';
import { session } from '../../api/session';
import { admissionHeader, forgetAdmission, needsRoom, roomPath, storedAdmission } from '../room/stored';
import './seats.css';

/**
 * The seat status is rebuilt every second (architecture.md §3.4) and a poll that finds it unchanged is a 304 with no
 * body from the CDN's edge, so asking every second shows seats taken and freed within about 2 s for a few hundred bytes.
 */
const REFRESH_MS = 1000;
/** A sale opening further away than this is not waited for on the page. */
const OPENING_WAIT_MAX_MS = 24 * 60 * 60 * 1000;

type Located = { section: MapSection; seat: MapSection['seats'][number] };

function seatLabel(at: Located): string {
  return t('seatmap.seat', { section: at.section.name, row: at.seat.row, number: at.seat.number });
}

function locate(sections: MapSection[]): Map<string, Located> {
  const where = new Map<string, Located>();
  for (const section of sections) for (const seat of section.seats) where.set(seat.id, { section, seat });
  return where;
}

function picksKey(roundId: string) {
  return `madang.picks.${roundId}`;
}

/** Picks survive a detour to log in and back (sessionStorage: this tab only). */
function restorePicks(roundId: string): string[] {
  try {
    const stored = JSON.parse(sessionStorage.getItem(picksKey(roundId)) ?? '[]');
    return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

/** The seats a 409 names in its `errors` (by `seatId`, or by the request's `seatIds[i]`), if it names any. */
function seatsNamed(problem: Problem, seatIds: string[]): string[] {
  const named: string[] = [];
  for (const e of problem.errors) {
    if (typeof e.seatId === 'string') named.push(e.seatId);
    const at = typeof e.field === 'string' ? /^seatIds\[(\d+)\]$/.exec(e.field) : null;
    if (at && seatIds[Number(at[1])]) named.push(seatIds[Number(at[1])]);
  }
  return named;
}

/** /rounds/:roundId: a round's seats on the map, the fan's picks and their total, and the hold that starts checkout. */
export function RoundSeats(props: { roundId?: string }) {
  // another round is another page: nothing picked, loaded or refused carries over
  return <RoundSeatsPage key={props.roundId} roundId={props.roundId ?? ''} />;
}

function RoundSeatsPage(props: { roundId: string }) {
  useLang();
  const roundId = props.roundId;
  const back = `/rounds/${roundId}`;
  const { route } = useLocation();
  const headingId = useId();

  const round = useLoad(() => ok(api.GET('/v1/rounds/{roundId}', { params: { path: { roundId } } })), [roundId]);
  const performanceId = round.data?.performanceId;
  const show = useLoad(
    () =>
      performanceId
        ? ok(api.GET('/v1/performances/{performanceId}', { params: { path: { performanceId } } }))
        : Promise.resolve(undefined),
    [performanceId],
  );

  // the layout never changes: read once per layout version (and kept by the browser and the CDN for good)
  const venueId = round.data?.venueId;
  const layoutVersion = round.data?.layoutVersion;
  const layout = useLoad(
    () =>
      venueId && layoutVersion
        ? ok(api.GET('/v1/venues/{venueId}/layouts/{version}', { params: { path: { venueId, version: String(layoutVersion) } } }))
        : Promise.resolve(undefined),
    [venueId, layoutVersion],
  );
  const [status, setStatus] = useState<{ roundVersion: number; taken: Uint8Array } | null>(null);
  const etag = useRef<string | null>(null);
  const [seatsProblem, setSeatsProblem] = useState<Problem | null>(null);
  const [stale, setStale] = useState(false);
  const [picked, setPickedState] = useState<string[]>(() => restorePicks(roundId));
  const pickedRef = useRef(picked);
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [holding, setHolding] = useState(false);
  const holdingRef = useRef(false);
  const intent = useRef<Intent>(null);
  const latestLoad = useRef(0);
  const loaded = useRef(false);

  const setPicked = (next: string[]) => {
    pickedRef.current = next;
    setPickedState(next);
    sessionStorage.setItem(picksKey(roundId), JSON.stringify(next));
  };

  const sections: MapSection[] | null = useMemo(
    () => (layout.data && round.data && status ? mapSections(layout.data, round.data, status.taken) : null),
    [layout.data, round.data, status],
  );
  const where = useMemo(() => locate(sections ?? []), [sections]);

  /** Unpicks seats that are no longer to be had (taken by someone else, or their section no longer sold by seat) and says so. */
  const dropUnavailable = (next: MapSection[]) => {
    const now = locate(next);
    const lost = pickedRef.current.filter((id) => {
      const at = now.get(id);
      return !at || !at.section.selectable || at.seat.status !== 'AVAILABLE';
    });
    if (lost.length > 0) {
      setPicked(pickedRef.current.filter((id) => !lost.includes(id)));
      setNotice(t('seats.lost', { seats: lost.map((id) => (now.has(id) ? seatLabel(now.get(id)!) : id)).join(', ') }));
    }
  };

  const loadSeats = useCallback(async () => {
    const mine = ++latestLoad.current;
    try {
      const answer = await pollStatus(roundId, etag.current);
      if (mine !== latestLoad.current) return;
      loaded.current = true;
      if (answer.changed) {
        etag.current = answer.etag;
        setStatus({ roundVersion: answer.status.roundVersion, taken: decodeTaken(answer.status) });
      }
      setSeatsProblem(null);
      setStale(false);
    } catch (e) {
      if (mine !== latestLoad.current) return;
      if (loaded.current) setStale(true);
      else setSeatsProblem(asProblem(e));
    }
  }, [roundId]);

  // A seat taken by someone else comes off the fan's picks, and the fan is told; while a hold is on its way the fan's
  // own seats may already show as taken: not a loss.
  useEffect(() => {
    if (sections && !holdingRef.current) dropUnavailable(sections);
  }, [sections]);

  // The round changed since it was read (a section's mode, a price): read it again, or the map would mix the two.
  const roundVersion = round.data?.version;
  useEffect(() => {
    if (status && roundVersion !== undefined && status.roundVersion > roundVersion) round.reload();
  }, [status, roundVersion]);

  useEffect(() => {
    loadSeats();
  }, [loadSeats]);

  // A fan with no admission for a round whose room is on belongs in the line, before picking seats a hold would refuse.
  // The round does not say whether its room guards it (its line on, or a puzzle wanted with the line off); entering
  // without a pass does, and spends nothing: the API checks that (404 when not) before it asks for a pass (403
  // captcha-required).
  useEffect(() => {
    if (!session.hasRefreshToken() || storedAdmission(roundId)) return;
    let live = true;
    api
      .POST('/v1/rounds/{roundId}/waiting-room/entries', { params: { path: { roundId } }, body: {} })
      .then(({ response, error }) => {
        const code = String((error as { type?: string } | undefined)?.type ?? '').split('/').pop();
        if (live && response.status === 403 && code === 'captcha-required') route(roomPath(roundId), true);
      })
      .catch(() => {
        // not knowing is no reason to stop a fan: a hold that needs an admission says so and sends them there
      });
    return () => {
      live = false;
    };
  }, [roundId]);

  // A members' presale sells to members only; the token names the memberships (no request to know it).
  const claims = useSession();
  const memberships = (claims?.memberships as string[] | undefined) ?? [];
  const member = !!round.data?.memberSale?.membershipIds.some((id) => memberships.includes(id));
  // Statuses only change while the sale is open, and only matter while someone looks: ask then, every second.
  const onSale = !!round.data && (round.data.onSale || (round.data.presale && member));
  useEffect(() => {
    if (!onSale) return;
    let live = true;
    let busy = false;
    let timer = 0;
    const tick = async () => {
      window.clearTimeout(timer);
      if (busy) return;
      busy = true;
      if (document.visibilityState === 'visible' && !holdingRef.current) await loadSeats();
      busy = false;
      if (live) timer = window.setTimeout(tick, REFRESH_MS);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') tick();
    };
    timer = window.setTimeout(tick, REFRESH_MS);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      live = false;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [loadSeats, onSale]);

  // Reload the round when its sale opens, so the hold button wakes up without a page reload.
  useEffect(() => {
    const r = round.data;
    if (!r || r.onSale) return;
    const wait = Date.parse(r.saleOpensAt) - Date.parse(r.serverTime);
    if (wait <= 0 || wait > OPENING_WAIT_MAX_MS) return;
    const timer = window.setTimeout(round.reload, wait + 500);
    return () => window.clearTimeout(timer);
  }, [round.data]);

  const limit = round.data?.perPersonLimit ?? 4;

  const toggle = (seatId: string) => {
    const now = pickedRef.current;
    if (now.includes(seatId)) {
      setPicked(now.filter((id) => id !== seatId));
      setNotice('');
    } else if (now.length >= limit) {
      setNotice(t('seats.overLimit', { n: limit }));
    } else {
      setPicked([...now, seatId]);
      setNotice('');
    }
  };

  const held = (holdId: string) => {
    sessionStorage.removeItem(picksKey(roundId));
    route(`/checkout/${holdId}`);
  };

  const hold = async () => {
    const seatIds = pickedRef.current.slice();
    if (seatIds.length === 0 || holdingRef.current) return;
    const key = keyFor(intent, [...seatIds].sort().join(' '), idempotencyKey);
    holdingRef.current = true;
    setHolding(true);
    setProblem(null);
    setNotice('');
    try {
      const answer = await ok(
        api.POST('/v1/holds', {
          params: { header: { 'Idempotency-Key': key, ...admissionHeader(roundId) } },
          body: { roundId, seatIds },
        }),
      );
      held(answer.holdId);
    } catch (e) {
      const p = asProblem(e);
      settle(intent, p);
      if (needsRoom(p)) {
        // the room is on and this tab has no live admission: the line is the way on (the picks wait in this tab)
        forgetAdmission(roundId);
        route(roomPath(roundId));
        return;
      }
      setProblem(p);
      holdingRef.current = false;
      if (p.status === 409) {
        const named = new Set(seatsNamed(p, seatIds));
        if (named.size > 0) setPicked(pickedRef.current.filter((id) => !named.has(id)));
        await loadSeats();
      }
    } finally {
      holdingRef.current = false;
      setHolding(false);
    }
  };

  const pickedSet = useMemo(() => new Set(picked), [picked]);

  const bestSections: BestAvailableSection[] = useMemo(() => {
    const plans = round.data?.sections ?? {};
    return (sections ?? [])
      .filter((s) => plans[s.id]?.mode === 'BEST_AVAILABLE')
      .map((s) => ({ id: s.id, name: s.name, grade: s.grade, price: s.price }));
  }, [sections, round.data]);

  if (round.problem || layout.problem || seatsProblem) {
    return (
      <Page title={t('seats.title')}>
        <ProblemMessage problem={round.problem ?? layout.problem ?? seatsProblem} />
      </Page>
    );
  }
  const r = round.data;
  if (!r || !sections) {
    return (
      <Page title={t('seats.title')}>
        <Loading />
      </Page>
    );
  }

  const title = show.data?.title;
  const when = seoulTime(r.startsAt);
  const opensLater = !r.onSale && Date.parse(r.saleOpensAt) > Date.parse(r.serverTime);
  const total = picked.reduce((sum, id) => sum + (where.get(id)?.section.price ?? 0), 0);

  return (
    <Page title={t('seats.title')} wide>
      <p class="seats-show">
        {title && <strong>{title}</strong>}
        {title && ' · '}
        <span>{when}</span>
      </p>
      {r.presale && (
        <p class="seats-sale" role="status">
          <strong>{t('membership.presale')}</strong> {t('membership.presaleHint', { time: seoulTime(r.saleOpensAt) })}{' '}
          {!member && <a href="/memberships">{t('membership.nav')}</a>}
        </p>
      )}
      {onSale ? (
        <p class="hint">{t('seats.limit', { n: limit })}</p>
      ) : r.presale ? null : (
        <p class="seats-sale" role="status">
          {opensLater ? t('seats.opensAt', { time: seoulTime(r.saleOpensAt) }) : t('seats.closed')}
        </p>
      )}
      <div class="seats-layout">
        <div class="seats-map">
          <h2 class="visually-hidden">{t('seats.mapHeading')}</h2>
          <ul class="seats-legend" aria-label={t('seats.legend')}>
            {r.grades.map((g) => (
              <li key={g.grade}>
                <span class="seats-swatch" style={{ background: gradeColor(g.grade) }} aria-hidden="true" />
                <span>{t('seatmap.grade', { grade: g.grade ?? '' })}</span>
                <strong>{won(g.price ?? 0)}</strong>
                {g.originalPrice !== undefined && g.originalPrice !== null && (
                  <span class="seats-sale-price">
                    <span class="bk-badge">{t('sale.badge')}</span> <s>{t('sale.original', { price: won(g.originalPrice) })}</s>
                  </span>
                )}
              </li>
            ))}
          </ul>
          <SeatMap
            sections={sections}
            label={title ? t('seats.mapLabel', { title, time: when }) : `${t('seats.mapHeading')}, ${when}`}
            selected={pickedSet}
            onToggle={toggle}
          />
          {stale && <p class="hint">{t('seats.stale')}</p>}
        </div>
        <div class="seats-side">
          <section class="seats-picked" aria-labelledby={headingId}>
            <h2 id={headingId}>{t('seats.picked')}</h2>
            <p class="seats-notice" role="status">
              {notice}
            </p>
            {picked.length === 0 ? (
              <p class="hint">{t('seats.none')}</p>
            ) : (
              <ul class="seats-picked-list">
                {picked.map((id) => {
                  const at = where.get(id);
                  const label = at ? seatLabel(at) : id;
                  const grade = at?.section.grade;
                  return (
                    <li key={id}>
                      <span class="seats-swatch" style={{ background: gradeColor(grade) }} aria-hidden="true" />
                      <span class="seats-picked-seat">
                        {label}
                        {grade && <span class="hint"> · {t('seatmap.grade', { grade })}</span>}
                      </span>
                      <span class="seats-picked-price">{won(at?.section.price ?? 0)}</span>
                      <button
                        type="button"
                        class="secondary seats-remove"
                        aria-label={t('seats.remove', { seat: label })}
                        onClick={() => toggle(id)}
                      >
                        {t('seats.removeShort')}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
            <p class="seats-total">
              <span>{t('seats.total', { n: picked.length })}</span>
              <strong>{won(total)}</strong>
            </p>
            <HoldProblem problem={problem} back={back} />
            <button type="button" class="seats-action" onClick={hold} disabled={!onSale || picked.length === 0 || holding}>
              {holding ? t('seats.holding') : t('seats.hold')}
            </button>
          </section>
          {bestSections.length > 0 && (
            <BestAvailable roundId={roundId} sections={bestSections} limit={limit} disabled={!onSale} back={back} onHeld={held} />
          )}
          <WaitlistControl roundId={roundId} grades={waitlistGrades(r.sections)} limit={limit} />
        </div>
      </div>
    </Page>
  );
}
