import { useState } from 'preact/hooks';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { seoulTime, t, useLang } from '../i18n';
import { useLoad } from '../ui/hooks';
import { Loading, Page, ProblemMessage } from '../ui/parts';
import { genreLabel, saleStatusLabel } from './labels';
import { remembered } from './store';
import { Field, RequireAdmin } from './ui';

type Summary = components['schemas']['PerformanceSummary'];

export function AdminHome() {
  useLang();
  return (
    <RequireAdmin title={t('admin.home.title')}>
      <Home />
    </RequireAdmin>
  );
}

function Home() {
  const venues = remembered('venues');
  const created = remembered('performances');
  return (
    <Page title={t('admin.home.title')}>
      <ul class="admin-actions">
        <li>
          <a class="button" href="/admin/venues/new">
            {t('admin.venue.new')}
          </a>
        </li>
        <li>
          <a class="button" href="/admin/performances/new">
            {t('admin.performance.new')}
          </a>
        </li>
        <li>
          <a class="button secondary" href="/admin/tickets">
            {t('trade.admin.holders.title')}
          </a>
        </li>
        <li>
          <a class="button secondary" href="/admin/coupons">
            {t('coupons.admin.title')}
          </a>
        </li>
        <li>
          <a class="button secondary" href="/admin/memberships">
            {t('membership.admin.title')}
          </a>
        </li>
      </ul>

      <section aria-labelledby="admin-perfs">
        <h2 id="admin-perfs">{t('admin.home.performances')}</h2>
        <Performances />
        {created.length > 0 && (
          <>
            <h3>{t('admin.home.createdHere')}</h3>
            <ul class="admin-links">
              {created.map((p) => (
                <li key={p.id}>
                  <a href={`/admin/performances/${p.id}`}>{p.name}</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="admin-venues">
        <h2 id="admin-venues">{t('admin.home.venues')}</h2>
        <p class="hint">{t('admin.home.venuesHint')}</p>
        {venues.length === 0 ? (
          <p>{t('admin.home.noVenues')}</p>
        ) : (
          <ul class="admin-links">
            {venues.map((v) => (
              <li key={v.id}>
                <a href={`/admin/venues/${v.id}`}>{v.name}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

type Listing = { items: Summary[]; nextCursor?: string | null };

/** Every listed performance (on sale and coming soon alike: no status filter), searchable by title. */
function Performances() {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [more, setMore] = useState<Listing[]>([]);
  const first = useLoad(
    () => ok(api.GET('/v1/performances', { params: { query: { q: q || undefined, limit: '20' } } })),
    [q],
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const pages = first.data ? [first.data, ...more] : [];
  const items = pages.flatMap((p) => p.items);
  const next = pages.length ? pages[pages.length - 1].nextCursor : null;

  const search = (e: Event) => {
    e.preventDefault();
    setMore([]);
    setQ(draft.trim());
  };
  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await ok(api.GET('/v1/performances', { params: { query: { q: q || undefined, limit: '20', cursor: next } } }));
      setMore((m) => [...m, page]);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <>
      <form class="admin-search" role="search" onSubmit={search}>
        <Field id="admin-q" label={t('admin.home.search')}>
          {(a) => <input {...a} type="search" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />}
        </Field>
        <button type="submit">{t('admin.home.searchButton')}</button>
      </form>
      <ProblemMessage problem={first.problem} />
      {first.loading && <Loading />}
      {first.data && items.length === 0 && <p>{t('admin.home.noPerformances')}</p>}
      {items.length > 0 && (
        <ul class="admin-list">
          {items.map((p) => (
            <li key={p.id}>
              <a href={`/admin/performances/${p.id}`}>{p.title}</a>
              <span class="hint">
                {' '}
                · {genreLabel(p.genre)} · {saleStatusLabel(p.saleStatus)}
                {p.firstRoundAt && <> · {seoulTime(p.firstRoundAt, false)}</>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" class="secondary" disabled={loadingMore} onClick={loadMore}>
          {t('admin.home.more')}
        </button>
      )}
    </>
  );
}
