import { useState } from 'preact/hooks';
import { api, ok, type Problem } from '../api/client';
import { t, useLang } from '../i18n';
import { asProblem } from '../ui/hooks';
import { ProblemMessage } from '../ui/parts';
import { Field, Saved, fieldError } from './ui';

type Form = {
  from: string;
  to: string;
  opensAt: string;
  closesAt: string;
  slotMinutes: string;
  quota: string;
  price: string;
  perPersonLimit: string;
};

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  if (!from) return days;
  const last = Date.parse(`${to || from}T00:00:00Z`);
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= last && days.length < 62; d += 86_400_000) {
    days.push(new Date(d).toISOString().slice(0, 10));
  }
  return days;
}

const number = (s: string) => (s.trim() === '' ? undefined : Number(s));

/**
 * An exhibition's or pop-up store's days cut into time slots (POST /v1/admin/performances/{id}/slots): every day from
 * the first to the last, a slot every so many minutes between opening and closing, each with its entry quota, price
 * and per-person limit. Each slot becomes a round, listed above once made.
 */
export function SlotsSection(props: { performanceId: string; onCreated: () => void }) {
  useLang();
  const [form, setForm] = useState<Form>({
    from: '',
    to: '',
    opensAt: '10:00',
    closesAt: '18:00',
    slotMinutes: '60',
    quota: '100',
    price: '15000',
    perPersonLimit: '4',
  });
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<number | null>(null);
  const [problem, setProblem] = useState<Problem>();
  const set = (key: keyof Form) => (e: Event) =>
    setForm((f) => ({ ...f, [key]: (e.currentTarget as HTMLInputElement).value }));

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setCreated(null);
    setProblem(undefined);
    try {
      const made = await ok(
        api.POST('/v1/admin/performances/{performanceId}/slots', {
          params: { path: { performanceId: props.performanceId } },
          body: {
            days: daysBetween(form.from, form.to),
            opensAt: form.opensAt,
            closesAt: form.closesAt,
            slotMinutes: number(form.slotMinutes),
            quota: number(form.quota),
            price: number(form.price),
            perPersonLimit: number(form.perPersonLimit),
          },
        }),
      );
      setCreated(made.slots.length);
      props.onCreated();
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof Form, apiField: string, type: 'date' | 'time' | 'number') => (
    <Field id={`slots-${key}`} label={t(`admin.slots.${key === 'slotMinutes' ? 'minutes' : key === 'perPersonLimit' ? 'limit' : key}`)}
      error={fieldError(problem, apiField)}>
      {(a) => <input {...a} type={type} class="admin-short" value={form[key]} onInput={set(key)} />}
    </Field>
  );

  return (
    <section aria-labelledby="perf-slots">
      <h2 id="perf-slots">{t('admin.slots.title')}</h2>
      <p class="hint">{t('admin.slots.intro')}</p>
      <form class="admin-form" onSubmit={submit} noValidate>
        {field('from', 'days', 'date')}
        {field('to', 'days', 'date')}
        {field('opensAt', 'opensAt', 'time')}
        {field('closesAt', 'closesAt', 'time')}
        {field('slotMinutes', 'slotMinutes', 'number')}
        {field('quota', 'quota', 'number')}
        {field('price', 'price', 'number')}
        {field('perPersonLimit', 'perPersonLimit', 'number')}
        <ProblemMessage problem={problem} />
        {created !== null && <Saved>{t('admin.slots.created', { count: created })}</Saved>}
        <div class="admin-submit">
          <button type="submit" disabled={busy}>
            {t('admin.slots.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
