import { useEffect, useId, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, type Problem } from '../../api/client';
import { asProblem, useSession } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang } from '../../i18n';
import { session } from '../../api/session';
import { SliderPuzzle } from './SliderPuzzle';
import { forgetAdmission, forgetPlace, keepAdmission, keepPlace, storedAdmission, storedPlace } from './stored';
import './room.css';

type Position = {
  status: 'WAITING' | 'ADMITTED' | 'EXPIRED';
  ahead: number;
  estimatedWaitSeconds?: number | null;
  pollAfterSeconds?: number | null;
  admission?: string | null;
  admissionExpiresAt?: string | null;
  opensAt: string;
  ad?: { adId: string; imageUrl: string; linkUrl?: string | null; text: string } | null;
};

/** When the API names no interval: often enough to feel alive, rarely enough not to be the crowd's load. */
const DEFAULT_POLL_SECONDS = 5;

/** /rounds/:roundId/waiting-room: a round's waiting room (대기열). */
export function WaitingRoom(props: { roundId?: string }) {
  // another round is another line: no place, puzzle or position carries over
  return <WaitingRoomPage key={props.roundId} roundId={props.roundId ?? ''} />;
}

function WaitingRoomPage(props: { roundId: string }) {
  useLang();
  const roundId = props.roundId;
  const seats = `/rounds/${roundId}`;
  const here = `${seats}/waiting-room`;
  const { route } = useLocation();
  const claims = useSession();
  const headingId = useId();
  const [place, setPlace] = useState<string | null>(() => storedPlace(roundId));
  const [position, setPosition] = useState<Position | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [entering, setEntering] = useState(false);

  // a fan let in already, in this tab, goes straight on to the seats while the admission lasts
  useEffect(() => {
    if (storedAdmission(roundId)) route(seats, true);
  }, [roundId]);

  const admitted = (p: Position) => {
    if (p.admission && p.admissionExpiresAt) {
      keepAdmission(roundId, { admission: p.admission, expiresAt: p.admissionExpiresAt });
    }
    // the place has done its work; a later visit (after the admission lapses) enters again
    forgetPlace(roundId);
    route(seats, true);
  };

  const enter = async (captchaPass: string) => {
    setEntering(true);
    setProblem(null);
    try {
      const entered = await ok(
        api.POST('/v1/rounds/{roundId}/waiting-room/entries', { params: { path: { roundId } }, body: { captchaPass } }),
      );
      setPosition(entered.position);
      // with the line off and only a puzzle at the door, there is no place: the admission comes at once
      if (entered.position.status === 'ADMITTED') return admitted(entered.position);
      if (entered.token) {
        keepPlace(roundId, entered.token);
        setPlace(entered.token);
      }
    } catch (e) {
      const p = asProblem(e);
      // no room on for this round (any more): nothing to wait for, book directly
      if (p.status === 404) route(seats, true);
      else setProblem(p);
    } finally {
      setEntering(false);
    }
  };

  // Poll while holding a place, as often as the API asks: it paces the crowd, and a poll costs it no database read.
  useEffect(() => {
    if (!place) return;
    let live = true;
    let timer = 0;
    const poll = async () => {
      try {
        const p = await ok(
          api.GET('/v1/rounds/{roundId}/waiting-room/position', {
            params: { path: { roundId }, header: { 'Madang-Queue-Token': place } },
          }),
        );
        if (!live) return;
        setPosition(p);
        setProblem(null);
        if (p.status === 'ADMITTED') return admitted(p);
        if (p.status === 'EXPIRED') {
          // the turn came and went: the place is spent; entering again (a new puzzle) goes to the back
          forgetPlace(roundId);
          forgetAdmission(roundId);
          return;
        }
        timer = window.setTimeout(poll, (p.pollAfterSeconds ?? DEFAULT_POLL_SECONDS) * 1000);
      } catch (e) {
        if (!live) return;
        const p = asProblem(e);
        if (p.status === 404) return route(seats, true);
        if (p.status === 403) {
          // not this account's place (another login in this tab, say): start over with a puzzle
          forgetPlace(roundId);
          setPlace(null);
          setPosition(null);
          return;
        }
        // a network blip or a 429: say so and keep the place, trying again a little later
        setProblem(p);
        timer = window.setTimeout(poll, DEFAULT_POLL_SECONDS * 1000);
      }
    };
    poll();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [place, roundId]);

  const again = () => {
    forgetPlace(roundId);
    setPlace(null);
    setPosition(null);
    setProblem(null);
  };

  if (!claims && !session.hasRefreshToken()) {
    return (
      <Page title={t('room.title')}>
        <p>{t('room.loginFirst')}</p>
        <p>
          <a class="button" href={`/login?next=${encodeURIComponent(here)}`}>
            {t('seats.login')}
          </a>
        </p>
      </Page>
    );
  }

  const waiting = position?.status === 'WAITING';
  return (
    <Page title={t('room.title')}>
      <p class="hint">{t('room.intro')}</p>
      <ProblemMessage problem={problem} />
      {!place ? (
        entering ? (
          <Loading />
        ) : (
          <SliderPuzzle roundId={roundId} onPass={enter} />
        )
      ) : !position ? (
        <Loading />
      ) : position.status === 'EXPIRED' ? (
        <section class="room-status" aria-labelledby={headingId}>
          <h2 id={headingId}>{t('room.expired.title')}</h2>
          <p>{t('room.expired.text')}</p>
          <button type="button" onClick={again}>
            {t('room.expired.again')}
          </button>
        </section>
      ) : (
        <section class="room-status" aria-labelledby={headingId}>
          <h2 id={headingId}>{waiting ? t('room.waiting.title') : t('room.admitted.title')}</h2>
          {/* polite: a screen reader hears the line move without being interrupted at every poll */}
          <dl class="room-figures" aria-live="polite">
            <div>
              <dt>{t('room.ahead')}</dt>
              <dd class="room-ahead">{t('room.people', { n: position.ahead.toLocaleString('ko-KR') })}</dd>
            </div>
            {position.estimatedWaitSeconds != null && (
              <div>
                <dt>{t('room.wait')}</dt>
                <dd>{waitInWords(position.estimatedWaitSeconds)}</dd>
              </div>
            )}
            <div>
              <dt>{t('room.opensAt')}</dt>
              <dd>{seoulTime(position.opensAt)}</dd>
            </div>
          </dl>
          <p class="hint">{t('room.keepOpen')}</p>
        </section>
      )}
      {position?.ad && <Ad ad={position.ad} />}
      <p>
        <a href={seats}>{t('room.backToSeats')}</a>
      </p>
    </Page>
  );
}

function waitInWords(seconds: number): string {
  if (seconds < 60) return t('room.wait.seconds', { n: Math.max(seconds, 1) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('room.wait.minutes', { n: minutes });
  return t('room.wait.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** The organiser's ad while the fan waits: the image says what the text says (its alt), the link opens elsewhere. */
function Ad(props: { ad: NonNullable<Position['ad']> }) {
  const ad = props.ad;
  const picture = <img class="room-ad-image" src={ad.imageUrl} alt={ad.text} />;
  return (
    <aside class="room-ad" aria-label={t('room.ad')}>
      {ad.linkUrl ? (
        <a href={ad.linkUrl} target="_blank" rel="noopener noreferrer">
          {picture}
        </a>
      ) : (
        picture
      )}
      <p>{ad.text}</p>
    </aside>
  );
}
