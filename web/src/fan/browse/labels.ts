import type { components } from '../../api/schema';
import { t, type Key } from '../../i18n';

type Genre = components['schemas']['Genre'];

/** Every genre the API knows, with its words: a genre added to the API fails the type check here until it has them. */
const GENRES: Record<Genre, Key> = {
  MUSICAL: 'browse.genre.MUSICAL',
  CONCERT: 'browse.genre.CONCERT',
  THEATRE: 'browse.genre.THEATRE',
  CLASSICAL: 'browse.genre.CLASSICAL',
  DANCE: 'browse.genre.DANCE',
  KIDS: 'browse.genre.KIDS',
  EXHIBITION: 'browse.genre.EXHIBITION',
};

export const genres = Object.keys(GENRES) as Genre[];

export function genreLabel(genre: string): string {
  return genre in GENRES ? t(GENRES[genre as Genre]) : genre;
}

/** The sale states a performance reports; only the first two can be searched for (docs/api.md §2.1). */
const SALE_STATUSES: Record<string, Key> = {
  ON_SALE: 'browse.status.ON_SALE',
  COMING_SOON: 'browse.status.COMING_SOON',
  ENDED: 'browse.status.ENDED',
  NOT_SCHEDULED: 'browse.status.NOT_SCHEDULED',
};

export const searchableStatuses = ['ON_SALE', 'COMING_SOON'];

export function saleStatusLabel(status: string): string {
  const key = SALE_STATUSES[status];
  return key ? t(key) : status;
}
