import { useEffect } from 'preact/hooks';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { t, useLang } from '../../i18n';
import { useLoad, useSession } from '../../ui/hooks';
import { seoulDate } from './format';
import { genreLabel } from './labels';

type Card = components['schemas']['RecommendedPerformance'];

/** A short list of recommended performances, each a link to its page (docs/recommendations.md). */
function Cards(props: { id: string; title: string; items: Card[]; hint?: string }) {
  if (props.items.length === 0) return null;
  return (
    <section aria-labelledby={props.id} class="recommended">
      <h2 id={props.id}>{props.title}</h2>
      {props.hint && <p class="hint">{props.hint}</p>}
      <ul class="recommended-list">
        {props.items.map((c) => (
          <li key={c.performanceId}>
            <a href={`/performances/${c.performanceId}`}>{c.title}</a>
            <span class="hint">
              {' '}· {genreLabel(c.genre)}
              {c.firstRoundAt && <> · {seoulDate(c.firstRoundAt)}</>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * "Similar performances" on a performance's page: one cacheable request. A signed-in fan's visit is told to the API
 * (the page itself is public and cached): a view is a signal for their recommendations; it is best effort, and a
 * failure is nothing the fan needs to see.
 */
export function SimilarPerformances(props: { performanceId: string }) {
  useLang();
  const claims = useSession();
  useEffect(() => {
    if (!claims) return;
    api.PUT('/v1/me/viewed-performances/{performanceId}', { params: { path: { performanceId: props.performanceId } } })
      .catch(() => undefined);
  }, [props.performanceId, claims?.sub]);
  const similar = useLoad(
    () => ok(api.GET('/v1/performances/{performanceId}/similar', { params: { path: { performanceId: props.performanceId } } })),
    [props.performanceId],
  );
  return <Cards id="similar-heading" title={t('browse.similar.title')} items={similar.data?.items ?? []} />;
}

/** "For you" on the home page, for a signed-in fan: their list, or what sells while the recommender does not know them. */
export function ForYou() {
  useLang();
  const claims = useSession();
  const mine = useLoad(
    () => (claims ? ok(api.GET('/v1/me/recommendations')) : Promise.resolve(null)),
    [claims?.sub],
  );
  if (!claims || !mine.data) return null;
  return (
    <Cards id="for-you-heading" title={t(mine.data.personal ? 'browse.forYou.title' : 'browse.forYou.popular')}
      items={mine.data.items} hint={mine.data.personal ? t('browse.forYou.hint') : undefined} />
  );
}
