import type { components } from '../api/schema';
import { t, type Key } from '../i18n';

type Genre = components['schemas']['Genre'];
export type BookingMode = components['schemas']['BookingMode'];

/** Every enum value with its words: a value added to the API fails the type check here until it has them. */
const GENRES: Record<Genre, Key> = {
  MUSICAL: 'admin.genre.MUSICAL',
  CONCERT: 'admin.genre.CONCERT',
  THEATRE: 'admin.genre.THEATRE',
  CLASSICAL: 'admin.genre.CLASSICAL',
  DANCE: 'admin.genre.DANCE',
  KIDS: 'admin.genre.KIDS',
  EXHIBITION: 'admin.genre.EXHIBITION',
};

const MODES: Record<BookingMode, Key> = {
  SEAT_SELECTION: 'admin.mode.SEAT_SELECTION',
  BEST_AVAILABLE: 'admin.mode.BEST_AVAILABLE',
  LOTTERY: 'admin.mode.LOTTERY',
  CLOSED: 'admin.mode.CLOSED',
};

export const genres = Object.keys(GENRES) as Genre[];
export const modes = Object.keys(MODES) as BookingMode[];

export function genreLabel(genre: string): string {
  return genre in GENRES ? t(GENRES[genre as Genre]) : genre;
}

export function modeLabel(mode: string): string {
  return mode in MODES ? t(MODES[mode as BookingMode]) : mode;
}

const SALE_STATUSES: Record<string, Key> = {
  ON_SALE: 'admin.status.ON_SALE',
  COMING_SOON: 'admin.status.COMING_SOON',
  ENDED: 'admin.status.ENDED',
  NOT_SCHEDULED: 'admin.status.NOT_SCHEDULED',
};

export function saleStatusLabel(status: string): string {
  const key = SALE_STATUSES[status];
  return key ? t(key) : status;
}

/** A round's sale as the organiser reads it: on sale, not yet, or over (the API says only whether it is on sale now). */
export function roundSaleLabel(round: { onSale: boolean; saleOpensAt: string; serverTime?: string }): string {
  if (round.onSale) return t('admin.round.onSale');
  const now = round.serverTime ? Date.parse(round.serverTime) : Date.now();
  return now < Date.parse(round.saleOpensAt) ? t('admin.round.beforeSale') : t('admin.round.saleOver');
}
