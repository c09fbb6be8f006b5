import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { seoulTime, t, useLang } from '../../i18n';
import { asProblem } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { TextField } from './fields';
import { ForYou } from './Recommended';
import { seoulDate } from './format';
import { genreLabel, genres, saleStatusLabel, searchableStatuses } from './labels';
import './browse.css';

type Summary = components['schemas']['PerformanceSummary'];

/** The search lives in the URL (`/?q=레미&genre=MUSICAL`), so it can be shared and the back button returns to it. */
const FILTERS = ['q', 'genre', 'status', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const PAGE_SIZE = '20';

function filtersOf(query: Record<string, string>): Filters {
  return { q: query.q ?? '', genre: query.genre ?? '', status: query.status ?? '', from: query.from ?? '', to: query.to ?? '' };
}

function urlOf(f: Filters): string {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = f[name].trim();
    if (value) params.set(name, value);
  }
  const search = params.toString();
  return search ? `/?${search}` : '/';
}

function fetchPage(f: Filters, cursor?: string) {
  return ok(
    api.GET('/v1/performances', {
      params: {
        query: {
          q: f.q.trim() || undefined,
          genre: f.genre || undefined,
          status: f.status || undefined,
          from: f.from || undefined,
          to: f.to || undefined,
          limit: PAGE_SIZE,
          cursor,
        },
      },
    }),
  );
}

type List = { items: Summary[]; nextCursor?: string | null; loading: boolean; problem?: Problem };

export function Home() {
  useLang();
  const { query, route } = useLocation();
  const applied = filtersOf(query);
  const key = urlOf(applied);
  const [draft, setDraft] = useState(applied);
  const [list, setList] = useState<List>({ items: [], loading: true });
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const current = useRef(key);
  current.current = key;

  // the back button changes the URL: the inputs follow it
  useEffect(() => setDraft(applied), [key]);

  useEffect(() => {
    let live = true;
    setList({ items: [], loading: true });
    fetchPage(applied).then(
      (page) => live && setList({ items: page.items, nextCursor: page.nextCursor, loading: false }),
      (e) => live && setList({ items: [], loading: false, problem: asProblem(e) }),
    );
    return () => {
      live = false;
    };
  }, [key]);

  // after "더 보기", keyboard and screen-reader users carry on from the first new performance
  useEffect(() => {
    if (focusFrom === null) return;
    document.querySelector<HTMLAnchorElement>(`[data-index="${focusFrom}"] a`)?.focus();
    setFocusFrom(null);
  }, [list.items]);

  const more = async () => {
    const asked = key;
    const from = list.items.length;
    setList((s) => ({ ...s, loading: true, problem: undefined }));
    try {
      const page = await fetchPage(applied, list.nextCursor ?? undefined);
      if (current.current !== asked) return;
      setFocusFrom(from);
      setList((s) => ({ items: [...s.items, ...page.items], nextCursor: page.nextCursor, loading: false }));
    } catch (e) {
      if (current.current === asked) setList((s) => ({ ...s, loading: false, problem: asProblem(e) }));
    }
  };

  const apply = (next: Filters) => {
    const url = urlOf(next);
    if (url !== key) route(url);
  };
  const set = (name: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const choose = (name: keyof Filters) => (e: Event) => {
    const next = { ...draft, [name]: (e.currentTarget as HTMLSelectElement).value };
    setDraft(next);
    apply(next);
  };
  const filtered = key !== '/';

  return (
    <Page title={t('browse.home.title')}>
      {!filtered && <ForYou />}
      <form
        class="filters"
        role="search"
        aria-label={t('browse.home.filters')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <div class="search-row">
          <TextField
            id="q"
            type="search"
            label={t('browse.home.search')}
            value={draft.q}
            onInput={set('q')}
            hint={t('browse.home.searchHint')}
            inputMode="search"
          />
          <button type="submit">{t('browse.home.searchButton')}</button>
        </div>
        <div class="filter-grid">
          <div class="field">
            <label for="genre">{t('browse.home.genre')}</label>
            <select id="genre" value={draft.genre} onChange={choose('genre')}>
              <option value="">{t('browse.home.all')}</option>
              {genres.map((g) => (
                <option key={g} value={g}>
                  {genreLabel(g)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="status">{t('browse.home.status')}</label>
            <select id="status" value={draft.status} onChange={choose('status')}>
              <option value="">{t('browse.home.all')}</option>
              {searchableStatuses.map((s) => (
                <option key={s} value={s}>
                  {saleStatusLabel(s)}
                </option>
              ))}
            </select>
          </div>
          <TextField
            id="from"
            type="date"
            label={t('browse.home.from')}
            value={draft.from}
            max={draft.to || undefined}
            onInput={set('from')}
          />
          <TextField
            id="to"
            type="date"
            label={t('browse.home.to')}
            value={draft.to}
            min={draft.from || undefined}
            onInput={set('to')}
          />
        </div>
        {filtered && (
          <p>
            <a href="/">{t('browse.home.clear')}</a>
          </p>
        )}
      </form>

      <ProblemMessage problem={list.problem} />
      {!list.loading && !list.problem && (
        <p class="hint result-count" role="status">
          {list.items.length === 0
            ? t(filtered ? 'browse.home.noMatch' : 'browse.home.none')
            : t(list.nextCursor ? 'browse.home.countMore' : 'browse.home.count', { count: list.items.length })}
        </p>
      )}
      <ul class="perf-cards">
        {list.items.map((p, i) => (
          <PerformanceCard key={p.id} performance={p} index={i} />
        ))}
      </ul>
      {list.loading && <Loading />}
      {list.nextCursor && !list.loading && (
        <p class="more">
          <button type="button" class="secondary" onClick={more}>
            {t('browse.home.more')}
          </button>
        </p>
      )}
    </Page>
  );
}

function dates(p: Summary): string {
  if (!p.firstRoundAt) return t('browse.home.noDates');
  const first = seoulDate(p.firstRoundAt);
  const last = p.lastRoundAt ? seoulDate(p.lastRoundAt) : first;
  return first === last ? first : `${first} ~ ${last}`;
}

/** A card whose title is the link; the whole card is clickable through the link's stretched ::after. */
function PerformanceCard(props: { performance: Summary; index: number }) {
  const p = props.performance;
  return (
    <li class="perf-card" data-index={props.index}>
      <div class="poster">
        {p.posterUrl ? (
          <img
            src={p.posterUrl}
            alt={t('browse.poster', { title: p.title })}
            width={300}
            height={400}
            loading="lazy"
            decoding="async"
          />
        ) : (
          <span class="poster-none" aria-hidden="true">
            {genreLabel(p.genre)}
          </span>
        )}
      </div>
      <div class="perf-body">
        <h2 class="perf-title">
          <a href={`/performances/${encodeURIComponent(p.id)}`}>{p.title}</a>
        </h2>
        <p class="perf-dates">{dates(p)}</p>
        <p class="perf-meta">
          <span class={`badge badge-${p.saleStatus.toLowerCase()}`}>{saleStatusLabel(p.saleStatus)}</span>
          <span>{genreLabel(p.genre)}</span>
        </p>
        {p.saleStatus === 'COMING_SOON' && p.saleOpensAt && (
          <p class="hint">{t('browse.opensAt', { time: seoulTime(p.saleOpensAt) })}</p>
        )}
      </div>
    </li>
  );
}
