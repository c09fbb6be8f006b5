import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, ok, Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { asProblem, useLoad } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang } from '../../i18n';
import { explain, FanOnly, seatLabel, serverOffset, useServerNow } from './common';

type Code = components['schemas']['CodeView'];

const RETRY_MS = 3000;

export function TicketCode() {
  useLang();
  return (
    <FanOnly title={t('booking.code.title')}>
      <CodeScreen />
    </FanOnly>
  );
}

async function fetchCode(ticketId: string): Promise<Code> {
  const answer = await ok(
    api.GET('/v1/tickets/{ticketId}/code', { params: { path: { ticketId }, query: { format: 'json' } } }),
  );
  // the operation may also answer a PNG or SVG; asked for JSON, anything else is not this client's to show
  if (typeof answer !== 'object' || answer === null) throw new Problem(0, 'unexpected-answer', 'not JSON');
  return answer;
}

/**
 * The ticket's QR, shown full screen to be scanned at the door. The code rotates every 30 s (a screenshot is
 * refused), so the next one is fetched at `refreshAt`; the screen is kept awake while it is shown.
 */
function CodeScreen() {
  const { ticketId } = useRoute().params;
  const { route } = useLocation();
  // performance, round and seat for the heading: the code names only the round and seat ids
  const tickets = useLoad(() => ok(api.GET('/v1/tickets')), []);
  const ticket = tickets.data?.items.find((x) => x.ticketId === ticketId);
  const [code, setCode] = useState<Code | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [final, setFinal] = useState(false);
  const now = useServerNow(1000);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a fetch started on return to the page may overlap the timer's: only the latest one schedules the next
    let latest = 0;
    const load = async () => {
      const mine = ++latest;
      clearTimeout(timer);
      try {
        const next = await fetchCode(ticketId);
        if (!live || mine !== latest) return;
        setCode(next);
        setProblem(null);
        const skew = await serverOffset();
        timer = setTimeout(load, Math.max(1000, Date.parse(next.refreshAt) - (Date.now() + skew)));
      } catch (e) {
        if (!live || mine !== latest) return;
        const p = asProblem(e);
        setProblem(p);
        // admitted or revoked is for good; anything else (a tunnel, a blip) is tried again
        if (p.code === 'ticket-admitted' || p.code === 'ticket-revoked' || p.status === 404) {
          done = true;
          setFinal(true);
          setCode(null);
        } else {
          timer = setTimeout(load, RETRY_MS);
        }
      }
    };
    load();
    // a phone that slept or left the page comes back to a stale code: fetch one at once
    const visible = () => document.visibilityState === 'visible' && live && !done && load();
    document.addEventListener('visibilitychange', visible);
    return () => {
      live = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', visible);
    };
  }, [ticketId]);

  useWakeLock();

  useEffect(() => {
    // The screen covers the site's header; without this, Tab would walk through links the fan cannot see.
    const covered = Array.from(document.querySelectorAll<HTMLElement>('.skip, header.top'));
    covered.forEach((e) => (e.inert = true));
    closeButton.current?.focus();
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && route('/me/tickets');
    addEventListener('keydown', escape);
    return () => {
      removeEventListener('keydown', escape);
      covered.forEach((e) => (e.inert = false));
    };
  }, []);

  const seat = seatLabel(ticket?.seatId ?? code?.seatId);
  const current = code && Date.parse(code.expiresAt) > now ? code : null;
  const left = code ? Math.max(0, Math.ceil((Date.parse(code.refreshAt) - now) / 1000)) : 0;

  return (
    <div class="bk-ticket-screen">
      <Page title={t('booking.code.title')}>
        <div class="bk-ticket-head">
          <div>
            {ticket && <p class="bk-ticket-show">{ticket.performanceTitle}</p>}
            {ticket && <p>{seoulTime(ticket.startsAt)}</p>}
            {seat && (
              <p class="bk-ticket-seat">
                {seat}
                {ticket && ` · ${ticket.grade}`}
              </p>
            )}
          </div>
          <button ref={closeButton} type="button" class="secondary" onClick={() => route('/me/tickets')}>
            {t('common.close')}
          </button>
        </div>
        {problem && final ? (
          <div class="problem" role="alert">
            <strong>{ended(problem)}</strong>
          </div>
        ) : (
          <ProblemMessage problem={explain(problem)} />
        )}
        {!code && !problem && <Loading />}
        {current && (
          <figure class="bk-qr-frame">
            <img
              class="bk-qr"
              src={`data:image/png;base64,${current.png}`}
              alt={t('booking.code.alt', { seat })}
            />
            <figcaption>
              <span role="timer">{t('booking.code.refresh', { n: left })}</span>
              <span class="hint"> {t('booking.code.why')}</span>
            </figcaption>
          </figure>
        )}
      </Page>
    </div>
  );
}

/** Why this ticket has no code any more. */
function ended(problem: Problem): string {
  if (problem.code === 'ticket-admitted') return t('booking.code.admitted');
  if (problem.code === 'ticket-revoked') return t('booking.code.revoked');
  return explain(problem)?.title ?? problem.title;
}

/** Keeps the screen on while the code is shown, where the browser can; a refusal (battery saver, no support) is fine. */
function useWakeLock() {
  useEffect(() => {
    let lock: WakeLockSentinel | null = null;
    let live = true;
    const request = async () => {
      if (!('wakeLock' in navigator) || document.visibilityState !== 'visible') return;
      try {
        const got = await navigator.wakeLock.request('screen');
        if (live) lock = got;
        else got.release().catch(() => undefined);
      } catch {
        // not allowed now: the fan can still tap the screen
      }
    };
    // the browser drops the lock when the page is hidden; take it again on return
    const visible = () => document.visibilityState === 'visible' && request();
    request();
    document.addEventListener('visibilitychange', visible);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', visible);
      lock?.release().catch(() => undefined);
    };
  }, []);
}
