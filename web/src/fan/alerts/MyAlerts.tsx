import { useId, useState } from 'preact/hooks';
import { api, ok, type Problem } from '../../api/client';
import { asProblem, useLoad } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang } from '../../i18n';
import { FanOnly, MyNav, RoundLine } from '../booking/common';
import { genreLabel, genres } from '../browse/labels';
import { explainAlert } from './problems';
import './alerts.css';

/** My page's alerts: my waitlist subscriptions (cancel each) and the genres I follow (toggle each). */
export function MyAlerts() {
  useLang();
  return (
    <FanOnly title={t('alerts.title')}>
      <Page title={t('alerts.title')}>
        <MyNav />
        <Waitlist />
        <Genres />
      </Page>
    </FanOnly>
  );
}

function Waitlist() {
  const id = useId();
  const list = useLoad(() => ok(api.GET('/v1/me/waitlist')), []);
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const items = list.data?.items ?? [];

  const cancel = async (subscriptionId: string) => {
    setProblem(null);
    try {
      await ok(api.DELETE('/v1/me/waitlist/{subscriptionId}', { params: { path: { subscriptionId } } }));
      setNotice(t('alerts.waitlist.cancelled'));
      list.reload();
    } catch (err) {
      setProblem(asProblem(err));
    }
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('alerts.waitlist.title')}</h2>
      {list.loading && !list.data && <Loading />}
      <ProblemMessage problem={explainAlert(list.problem ?? problem)} />
      <p role="status">{notice}</p>
      {list.data && items.length === 0 && <p>{t('alerts.waitlist.none')}</p>}
      <ul class="cards">
        {items.map((s) => (
          <li key={s.subscriptionId} class="card">
            <RoundLine roundId={s.roundId ?? ''} />
            <p>
              <strong>{t('alerts.waitlist.item', { grade: s.grade ?? '', n: s.partySize ?? 1 })}</strong>
              <span class="hint"> · {t('alerts.waitlist.since', { time: seoulTime(s.subscribedAt ?? '', false) })}</span>
            </p>
            <p class="row">
              <a href={`/rounds/${s.roundId}`}>{t('alerts.waitlist.round')}</a>
              <button type="button" class="secondary" onClick={() => cancel(s.subscriptionId ?? '')}>
                {t('alerts.waitlist.cancel')}
                <span class="visually-hidden"> {t('alerts.waitlist.item', { grade: s.grade ?? '', n: s.partySize ?? 1 })}</span>
              </button>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Genres() {
  const id = useId();
  const mine = useLoad(() => ok(api.GET('/v1/me/genres')), []);
  const [followed, setFollowed] = useState<string[] | null>(null);
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const current = followed ?? (mine.data?.genres as string[] | undefined) ?? [];

  const toggle = async (genre: string, on: boolean) => {
    setProblem(null);
    try {
      const path = { params: { path: { genre } } };
      const now = await ok(on ? api.PUT('/v1/me/genres/{genre}', path) : api.DELETE('/v1/me/genres/{genre}', path));
      setFollowed((now.genres as string[] | undefined) ?? []);
      setNotice(t('alerts.genres.saved'));
    } catch (err) {
      setProblem(asProblem(err));
    }
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('alerts.genres.title')}</h2>
      <p class="hint">{t('alerts.genres.intro')}</p>
      {mine.loading && !mine.data && <Loading />}
      <ProblemMessage problem={mine.problem ?? problem} />
      {mine.data && (
        <fieldset class="al-genres">
          <legend class="visually-hidden">{t('alerts.genres.title')}</legend>
          {genres.map((g) => (
            <label key={g} class="al-genre">
              <input type="checkbox" checked={current.includes(g)} onChange={(e) => toggle(g, (e.currentTarget as HTMLInputElement).checked)} />
              {genreLabel(g)}
            </label>
          ))}
        </fieldset>
      )}
      <p role="status">{notice}</p>
    </section>
  );
}
