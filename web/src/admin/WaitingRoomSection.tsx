import { useEffect, useState } from 'preact/hooks';
import { api, ok, type Problem } from '../api/client';
import { t, useLang } from '../i18n';
import { asProblem, useLoad } from '../ui/hooks';
import { Loading, ProblemMessage } from '../ui/parts';
import { count, seoulIso, seoulLocal } from './time';
import { Field, Saved, fieldError } from './ui';

type Ad = { adId: string; imageUrl: string; text: string; linkUrl: string };

/** The room's figures move every second at an opening; every 5 s is live enough to steer the rate by. */
const STATS_MS = 5000;
const MAX_ADS = 5;

/**
 * A round's waiting room (docs/waiting-room.md): on or off, the opening, how many to let in a second, the ads the
 * line shows, and the line as it stands, with the rate changed live (the cursor never jumps back when it changes).
 */
export function WaitingRoomSection(props: { roundId: string; saleOpensAt: string }) {
  useLang();
  const roundId = props.roundId;
  // a round with no room yet answers 404: the form starts off, opening with the sale
  const room = useLoad(
    () =>
      api.GET('/v1/admin/rounds/{roundId}/waiting-room', { params: { path: { roundId } } }).then((answer) =>
        answer.response.status === 404 ? null : ok(Promise.resolve(answer)),
      ),
    [roundId],
  );
  const [on, setOn] = useState<boolean | null>(null);
  const [puzzleWhenOff, setPuzzleWhenOff] = useState<boolean | null>(null);
  const [opensAt, setOpensAt] = useState<string | null>(null);
  const [rate, setRate] = useState<string | null>(null);
  const [ads, setAds] = useState<Ad[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [liveRate, setLiveRate] = useState('');
  const [rateSet, setRateSet] = useState<number | null>(null);
  const [rateProblem, setRateProblem] = useState<Problem>();

  const data = room.data ?? undefined;
  const shownOn = on ?? data?.on ?? false;
  const shownPuzzle = puzzleWhenOff ?? data?.puzzleWhenOff ?? false;
  const shownOpens = opensAt ?? seoulLocal(data?.opensAt ?? props.saleOpensAt);
  const shownRate = rate ?? String(data?.admissionsPerSecond ?? 100);
  const shownAds: Ad[] =
    ads ?? (data?.ads ?? []).map((a) => ({ adId: a.adId, imageUrl: a.imageUrl, text: a.text, linkUrl: a.linkUrl ?? '' }));

  // while the room is on, its figures are worth watching: reload them every few seconds
  const live = data?.on ?? false;
  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(() => document.visibilityState === 'visible' && room.reload(), STATS_MS);
    return () => window.clearInterval(timer);
  }, [live]);

  const setAd = (i: number, change: Partial<Ad>) => setAds(shownAds.map((a, j) => (j === i ? { ...a, ...change } : a)));

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    setProblem(undefined);
    try {
      await ok(
        api.PUT('/v1/admin/rounds/{roundId}/waiting-room', {
          params: { path: { roundId } },
          body: {
            on: shownOn,
            puzzleWhenOff: shownPuzzle,
            opensAt: seoulIso(shownOpens),
            admissionsPerSecond: shownRate.trim() === '' ? undefined : Number(shownRate),
            ads: shownAds.map((a) => ({
              adId: a.adId,
              imageUrl: a.imageUrl.trim(),
              text: a.text.trim(),
              linkUrl: a.linkUrl.trim() === '' ? undefined : a.linkUrl.trim(),
            })),
          },
        }),
      );
      setSaved(true);
      setOn(null);
      setPuzzleWhenOff(null);
      setOpensAt(null);
      setRate(null);
      setAds(null);
      room.reload();
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };

  const changeRate = async (e: Event) => {
    e.preventDefault();
    setRateSet(null);
    setRateProblem(undefined);
    try {
      const n = Number(liveRate);
      await ok(
        api.PUT('/v1/admin/rounds/{roundId}/waiting-room/rate', {
          params: { path: { roundId } },
          body: { admissionsPerSecond: n },
        }),
      );
      setRateSet(n);
      setLiveRate('');
      setRate(null);
      room.reload();
    } catch (err) {
      setRateProblem(asProblem(err));
    }
  };

  const stats = data?.stats;
  return (
    <section aria-labelledby="round-waiting-room">
      <h2 id="round-waiting-room">{t('room.admin.title')}</h2>
      <p class="hint">{t('room.admin.intro')}</p>
      <ProblemMessage problem={room.problem} />
      {room.loading && room.data === undefined && <Loading />}
      {room.data !== undefined && (
        <>
          {data === undefined && <p class="hint">{t('room.admin.none')}</p>}
          {stats && (
            <>
              <h3>{t('room.admin.stats')}</h3>
              <dl class="admin-facts">
                <dt>{t('room.admin.entered')}</dt>
                <dd>{count(stats.entered)}</dd>
                <dt>{t('room.admin.admitted')}</dt>
                <dd>{count(stats.admitted)}</dd>
                <dt>{t('room.admin.waiting')}</dt>
                <dd>{count(stats.waiting)}</dd>
                <dt>{t('room.admin.perMinute')}</dt>
                <dd>{count(stats.admittedPerMinute)}</dd>
                <dt>{t('room.admin.toClear')}</dt>
                <dd>{t('room.wait.seconds', { n: count(stats.secondsToClear) })}</dd>
                {shownAds.length > 0 && (
                  <>
                    <dt>{t('room.admin.impressions')}</dt>
                    <dd>
                      {shownAds.map((a) => `${a.text}: ${count(stats.impressions[a.adId] ?? 0)}`).join(' · ')}
                    </dd>
                  </>
                )}
              </dl>
            </>
          )}
          {data?.on && (
            <form class="admin-form" onSubmit={changeRate} noValidate>
              <Field id="room-live-rate" label={t('room.admin.liveRate')} error={fieldError(rateProblem, 'admissionsPerSecond')}>
                {(a) => (
                  <input
                    {...a}
                    type="number"
                    inputMode="numeric"
                    min="1"
                    max="10000"
                    class="admin-short"
                    value={liveRate}
                    placeholder={String(data.admissionsPerSecond)}
                    onInput={(e) => setLiveRate(e.currentTarget.value)}
                  />
                )}
              </Field>
              <ProblemMessage problem={rateProblem} />
              {rateSet !== null && <Saved>{t('room.admin.rateSet', { n: count(rateSet) })}</Saved>}
              <div class="admin-submit">
                <button type="submit" class="secondary" disabled={liveRate.trim() === ''}>
                  {t('room.admin.setRate')}
                </button>
              </div>
            </form>
          )}
          <form class="admin-form" onSubmit={submit} noValidate>
            <div class="admin-check">
              <input id="room-on" type="checkbox" checked={shownOn} onChange={(e) => setOn(e.currentTarget.checked)} />
              <label for="room-on">{t('room.admin.on')}</label>
            </div>
            <div class="admin-check">
              <input
                id="room-puzzle"
                type="checkbox"
                checked={shownPuzzle}
                onChange={(e) => setPuzzleWhenOff(e.currentTarget.checked)}
              />
              <label for="room-puzzle">{t('room.admin.puzzleWhenOff')}</label>
            </div>
            <Field id="room-opens" label={t('room.admin.opensAt')} error={fieldError(problem, 'opensAt')}>
              {(a) => <input {...a} type="datetime-local" value={shownOpens} onInput={(e) => setOpensAt(e.currentTarget.value)} />}
            </Field>
            <Field id="room-rate" label={t('room.admin.rate')} error={fieldError(problem, 'admissionsPerSecond')}>
              {(a) => (
                <input
                  {...a}
                  type="number"
                  inputMode="numeric"
                  min="1"
                  max="10000"
                  class="admin-short"
                  value={shownRate}
                  onInput={(e) => setRate(e.currentTarget.value)}
                />
              )}
            </Field>
            <fieldset>
              <legend>{t('room.admin.ads')}</legend>
              {shownAds.map((ad, i) => (
                <fieldset key={ad.adId}>
                  <legend>{t('room.admin.ad', { n: i + 1 })}</legend>
                  <Field id={`room-ad-${i}-image`} label={t('room.admin.adImage')} error={fieldError(problem, `ads[${i}].imageUrl`)}>
                    {(a) => <input {...a} type="url" value={ad.imageUrl} onInput={(e) => setAd(i, { imageUrl: e.currentTarget.value })} />}
                  </Field>
                  <Field id={`room-ad-${i}-text`} label={t('room.admin.adText')} error={fieldError(problem, `ads[${i}].text`)}>
                    {(a) => <input {...a} value={ad.text} onInput={(e) => setAd(i, { text: e.currentTarget.value })} />}
                  </Field>
                  <Field id={`room-ad-${i}-link`} label={t('room.admin.adLink')} error={fieldError(problem, `ads[${i}].linkUrl`)}>
                    {(a) => <input {...a} type="url" value={ad.linkUrl} onInput={(e) => setAd(i, { linkUrl: e.currentTarget.value })} />}
                  </Field>
                  <button type="button" class="secondary" onClick={() => setAds(shownAds.filter((_, j) => j !== i))}>
                    {t('room.admin.removeAd', { n: i + 1 })}
                  </button>
                </fieldset>
              ))}
              {shownAds.length < MAX_ADS && (
                <button
                  type="button"
                  class="secondary"
                  // an ad keeps its id across edits, so its impressions stay its own
                  onClick={() => setAds([...shownAds, { adId: `ad-${Date.now().toString(36)}`, imageUrl: '', text: '', linkUrl: '' }])}
                >
                  {t('room.admin.addAd')}
                </button>
              )}
            </fieldset>
            <ProblemMessage problem={problem} />
            {saved && <Saved>{t('room.admin.saved')}</Saved>}
            <div class="admin-submit">
              <button type="submit" disabled={busy}>
                {t('room.admin.save')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
