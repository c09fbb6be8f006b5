import { lang, t } from '../../i18n';

const SEOUL = 'Asia/Seoul';

function locale(): string {
  return lang() === 'ko' ? 'ko-KR' : 'en-GB';
}

/** A calendar date as Seoul sees it: "2026년 12월 24일 (목)" / "Thu 24 Dec 2026". */
export function seoulDate(iso: string): string {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: SEOUL,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(iso));
}

/** A wall-clock time in Seoul with seconds, 24-hour: "19:29:58". */
export function seoulClock(epochMillis: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: SEOUL,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(epochMillis));
}

const two = (n: number) => String(n).padStart(2, '0');

/** Time left as "HH:MM:SS", with whole days in front when there are any: "3일 04:05:06". */
export function countdown(millis: number): string {
  const total = Math.max(0, Math.ceil(millis / 1000));
  const days = Math.floor(total / 86_400);
  const clock = `${two(Math.floor((total % 86_400) / 3600))}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
  return days > 0 ? `${t('browse.countdown.days', { days })} ${clock}` : clock;
}

/** A Korean mobile number as the API stores it (digits only) in the usual dashed form. */
export function phone(digits: string): string {
  const m = /^(01\d)(\d{3,4})(\d{4})$/.exec(digits);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : digits;
}
