import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, idempotencyKey, ok, type Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { lang, t, useLang, won } from '../../i18n';
import { asProblem, useLoad } from '../../ui/hooks';
import { Loading, ProblemMessage } from '../../ui/parts';
import { HoldProblem, keyFor, settle, type Intent } from '../seats/holding';

type Slot = components['schemas']['SlotView'];

/** The entry hall's one section: booking N entries is a best-available hold of N in it (docs/commerce.md). */
const ENTRY_SECTION = 'ENTRY';

function seoulDate(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(iso));
}

function hourMinute(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

function dayLabel(date: string): string {
  return new Intl.DateTimeFormat(lang() === 'ko' ? 'ko-KR' : 'en-GB', {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(`${date}T00:00:00Z`));
}

/**
 * An exhibition's or pop-up store's detail: a day picker, that day's time slots with the entries each has left
 * (GET /v1/performances/{id}/slots, cacheable for a second and re-read every 5 s while the page is open), and the
 * number of entries to book in the chosen slot, which goes on to the ordinary checkout.
 */
export function EntrySlots(props: { performanceId: string; firstDay: string; otherwise: preact.ComponentChildren }) {
  useLang();
  const id = useId();
  const { route } = useLocation();
  const [date, setDate] = useState(props.firstDay);
  const [tick, setTick] = useState(0);
  const day = useLoad(
    () =>
      ok(
        api.GET('/v1/performances/{performanceId}/slots', {
          params: { path: { performanceId: props.performanceId }, query: { date } },
        }),
      ),
    [props.performanceId, date, tick],
  );
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 5000);
    return () => clearInterval(timer);
  }, []);
  const [chosen, setChosen] = useState<string | null>(null);
  const [entries, setEntries] = useState(1);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const intent = useRef<Intent>(null);
  const slots = day.data?.slots ?? [];
  const slot: Slot | undefined = slots.find((s) => s.roundId === chosen);
  const most = slot ? Math.max(1, Math.min(slot.perPersonLimit, slot.remaining)) : 1;

  const book = async (e: Event) => {
    e.preventDefault();
    if (busy || !slot) return;
    const key = keyFor(intent, `${slot.roundId} ${entries}`, idempotencyKey);
    setBusy(true);
    setProblem(null);
    try {
      const hold = await ok(
        api.POST('/v1/holds/best-available', {
          params: { header: { 'Idempotency-Key': key } },
          body: { roundId: slot.roundId, sectionId: ENTRY_SECTION, partySize: entries },
        }),
      );
      route(`/checkout/${hold.holdId}`);
    } catch (err) {
      const p = asProblem(err);
      settle(intent, p);
      setProblem(p);
    } finally {
      setBusy(false);
    }
  };

  // an exhibition sold by seats after all (no slot on any day): its rounds as any performance's
  if (day.data && day.data.days.length === 0) return <>{props.otherwise}</>;
  return (
    <section aria-labelledby={`${id}-title`} class="slots">
      <h2 id={`${id}-title`}>{t('slots.title')}</h2>
      <div role="group" aria-label={t('slots.day')} class="slot-days">
        {(day.data?.days ?? [date]).map((d) => (
          <button
            key={d}
            type="button"
            class={d === date ? 'chip selected' : 'chip secondary'}
            aria-pressed={d === date}
            onClick={() => {
              setDate(d);
              setChosen(null);
            }}
          >
            {dayLabel(d)}
          </button>
        ))}
      </div>
      {day.loading && !day.data && <Loading />}
      <ProblemMessage problem={day.problem ?? null} />
      {day.data && slots.length === 0 && <p>{t('slots.none')}</p>}
      <form onSubmit={book}>
        <fieldset class="slot-list">
          <legend>{t('slots.slot')}</legend>
          {slots.map((s) => {
            const full = s.remaining === 0;
            return (
              <label key={s.roundId} class={s.roundId === chosen ? 'slot selected' : 'slot'}>
                <input
                  type="radio"
                  name={`${id}-slot`}
                  value={s.roundId}
                  checked={s.roundId === chosen}
                  disabled={full || !s.onSale}
                  onChange={() => {
                    setChosen(s.roundId);
                    setEntries(1);
                  }}
                />
                <span class="slot-time">
                  {hourMinute(s.startsAt)}
                  {s.endsAt ? ` – ${hourMinute(s.endsAt)}` : ''}
                </span>
                <span class="slot-left">
                  {full ? t('slots.soldOut') : !s.onSale ? t('slots.closed') : t('slots.remaining', { remaining: s.remaining, quota: s.quota })}
                </span>
                <span class="slot-price">{won(s.price)}</span>
              </label>
            );
          })}
        </fieldset>
        {slots.length > 0 && <p class="hint">{t('slots.asOf')}</p>}
        {slot && (
          <>
            <label for={`${id}-entries`}>{t('slots.entries')}</label>
            <select
              id={`${id}-entries`}
              value={entries}
              onChange={(e) => setEntries(Number((e.currentTarget as HTMLSelectElement).value))}
            >
              {Array.from({ length: most }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {t('slots.entriesOf', { n })}
                </option>
              ))}
            </select>
            <p class="hint">{t('slots.limit', { limit: slot.perPersonLimit })}</p>
            <p>{t('slots.total', { amount: won(slot.price * entries) })}</p>
          </>
        )}
        <HoldProblem problem={problem} back={`/performances/${props.performanceId}`} />
        <button type="submit" disabled={busy || !slot}>
          {busy ? t('slots.booking') : slot ? t('slots.book') : t('slots.pick')}
        </button>
      </form>
    </section>
  );
}

/** The first day an exhibition has a slot still to come, in Korea time: where the day picker starts. */
export function firstSlotDay(rounds: { startsAt: string }[], now: number): string | null {
  const coming = rounds.filter((r) => Date.parse(r.startsAt) > now).map((r) => r.startsAt).sort();
  return coming.length > 0 ? seoulDate(coming[0]) : null;
}
