import { useEffect, useState } from 'preact/hooks';
import * as common from './common';
import * as fan from './fan';
import * as admin from './admin';
import * as browse from './browse';
import * as booking from './booking';
import * as trade from './trade';
import * as room from './room';
import * as inbox from './inbox';
import * as alerts from './alerts';
import * as exhibition from './exhibition';
import * as talk from './talk';
import * as coupons from './coupons';
import * as pricing from './pricing';
import * as membership from './membership';

/**
 * Two languages, typed keys, no library: a dictionary per area (common, fan, admin) merged here. Korean is the
 * default; the choice is remembered and sets <html lang> so screen readers speak the right language.
 */
const dictionaries = {
  ko: { ...common.ko, ...fan.ko, ...browse.ko, ...booking.ko, ...trade.ko, ...room.ko, ...inbox.ko, ...alerts.ko, ...exhibition.ko, ...talk.ko, ...coupons.ko, ...pricing.ko, ...membership.ko, ...admin.ko },
  en: { ...common.en, ...fan.en, ...browse.en, ...booking.en, ...trade.en, ...room.en, ...inbox.en, ...alerts.en, ...exhibition.en, ...talk.en, ...coupons.en, ...pricing.en, ...membership.en, ...admin.en },
};

export type Lang = keyof typeof dictionaries;
export type Key = keyof (typeof dictionaries)['ko'];

const STORE = 'madang.lang';
let current: Lang = (localStorage.getItem(STORE) as Lang) === 'en' ? 'en' : 'ko';
const listeners = new Set<() => void>();
document.documentElement.lang = current;

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang) {
  current = next;
  localStorage.setItem(STORE, next);
  document.documentElement.lang = next;
  listeners.forEach((l) => l());
}

/** `t('common.won', { amount: '10,000' })`: the text in the current language, `{name}` filled in. */
export function t(key: Key, vars?: Record<string, string | number>): string {
  let text: string = dictionaries[current][key] ?? key;
  if (vars) {
    for (const [k, v] of Object.entries(vars)) {
      text = text.split(`{${k}}`).join(String(v));
    }
  }
  return text;
}

/** Re-renders the calling component when the language changes. */
export function useLang(): Lang {
  const [, set] = useState(0);
  useEffect(() => {
    const l = () => set((n) => n + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return current;
}

const SEOUL = 'Asia/Seoul';

/** Money is whole won (docs/api.md): 170000 → "170,000원" / "₩170,000". */
export function won(amount: number): string {
  return t('common.won', { amount: amount.toLocaleString('ko-KR') });
}

/** A time as Seoul sees it, whatever the viewer's time zone: a show happens in Korea. */
export function seoulTime(iso: string, withWeekday = true): string {
  return new Intl.DateTimeFormat(current === 'ko' ? 'ko-KR' : 'en-GB', {
    timeZone: SEOUL,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: withWeekday ? 'short' : undefined,
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}
