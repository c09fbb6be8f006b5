import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, ok, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { t, useLang } from '../i18n';
import { asProblem, useLoad } from '../ui/hooks';
import { Page, ProblemMessage } from '../ui/parts';
import { modeLabel, modes, type BookingMode } from './labels';
import { remembered } from './store';
import { count, seoulIso } from './time';
import { Field, RequireAdmin, fieldError } from './ui';

type Venue = components['schemas']['VenueView'];
type GradeRow = { key: number; grade: string; price: string };
type Plan = { mode: BookingMode; gradeKey: number };
type VenueSection = { id: string; name: string; seats: number };

export function RoundNew() {
  useLang();
  return (
    <RequireAdmin title={t('admin.round.new')}>
      <NewRound />
    </RequireAdmin>
  );
}

function sectionsOf(v: Venue): VenueSection[] {
  return (v.layout?.sections ?? []).map((s) => ({
    id: s.id ?? '',
    name: s.name || s.id || '',
    seats: (s.rows ?? []).reduce((n, r) => n + (r.seats?.length ?? 0), 0),
  }));
}

function numberOf(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** Waits this long after the last keystroke in the venue id before looking the venue up. */
const LOOKUP_DELAY_MS = 350;

function NewRound() {
  const { performanceId } = useRoute().params;
  const { route } = useLocation();
  const venues = remembered('venues');

  const [venueId, setVenueId] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [saleOpensAt, setSaleOpensAt] = useState('');
  const [limit, setLimit] = useState('4');
  const nextKey = useRef(1);
  const [grades, setGrades] = useState<GradeRow[]>([{ key: 0, grade: '', price: '' }]);
  const [plans, setPlans] = useState<Record<string, Plan>>({});
  const [allMode, setAllMode] = useState<BookingMode>('SEAT_SELECTION');
  const [allGrade, setAllGrade] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const offered = useLoad(() => ok(api.GET('/v1/memberships')), []);
  const [saleMembership, setSaleMembership] = useState('');
  const [presaleOpensAt, setPresaleOpensAt] = useState('');
  const [memberDiscount, setMemberDiscount] = useState('0');

  // The venue's sections, looked up once per id; submitting waits for the lookup of the id typed last.
  const lookups = useRef(new Map<string, Promise<Venue>>());
  const [venue, setVenue] = useState<{ id: string; data?: Venue; problem?: Problem }>();
  const lookUp = (id: string): Promise<Venue> => {
    let p = lookups.current.get(id);
    if (!p) {
      p = ok(api.GET('/v1/admin/venues/{venueId}', { params: { path: { venueId: id } } }));
      lookups.current.set(id, p);
      p.catch(() => lookups.current.delete(id));
    }
    return p;
  };
  useEffect(() => {
    const id = venueId.trim();
    if (!id) {
      setVenue(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      lookUp(id).then(
        (data) => live && setVenue({ id, data }),
        (e) => live && setVenue({ id, problem: asProblem(e) }),
      );
    }, LOOKUP_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [venueId]);

  const sections = venue?.data ? sectionsOf(venue.data) : [];
  const firstKey = grades[0].key;
  const planOf = (sectionId: string): Plan => {
    const p = plans[sectionId];
    return p && grades.some((g) => g.key === p.gradeKey) ? p : { mode: p?.mode ?? 'SEAT_SELECTION', gradeKey: firstKey };
  };
  const gradeName = (key: number) => grades.find((g) => g.key === key)?.grade.trim() ?? '';
  const gradeOption = (g: GradeRow, i: number) => (
    <option key={g.key} value={g.key}>
      {g.grade.trim() || t('admin.round.gradeN', { n: i + 1 })}
    </option>
  );

  const setGrade = (key: number, patch: Partial<GradeRow>) =>
    setGrades(grades.map((g) => (g.key === key ? { ...g, ...patch } : g)));
  const addGrade = () => setGrades([...grades, { key: nextKey.current++, grade: '', price: '' }]);
  const removeGrade = (key: number) => setGrades(grades.filter((g) => g.key !== key));
  const applyAll = () => {
    const key = grades.some((g) => g.key === allGrade) ? allGrade : firstKey;
    setPlans(Object.fromEntries(sections.map((s) => [s.id, { mode: allMode, gradeKey: key }])));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const id = venueId.trim();
      // the sections are needed to give each one its mode and grade, even when the form is sent before they showed
      const v = id ? await lookUp(id).catch(() => undefined) : undefined;
      const plan = v
        ? Object.fromEntries(sectionsOf(v).map((s) => [s.id, { mode: planOf(s.id).mode, grade: gradeName(planOf(s.id).gradeKey) }]))
        : undefined;
      const round = await ok(
        api.POST('/v1/admin/performances/{performanceId}/rounds', {
          params: { path: { performanceId } },
          body: {
            venueId: id || undefined,
            startsAt: seoulIso(startsAt),
            saleOpensAt: seoulIso(saleOpensAt),
            perPersonLimit: numberOf(limit),
            grades: grades.map((g) => ({ grade: g.grade.trim(), price: numberOf(g.price) })),
            defaultMode: 'SEAT_SELECTION',
            sections: plan,
            memberSale: saleMembership
              ? {
                  membershipIds: [saleMembership],
                  presaleOpensAt: presaleOpensAt ? seoulIso(presaleOpensAt) : undefined,
                  discountPercent: numberOf(memberDiscount) ?? 0,
                }
              : undefined,
          },
        }),
      );
      route(`/admin/rounds/${round.id}`);
    } catch (err) {
      setProblem(asProblem(err));
      setBusy(false);
    }
  };

  return (
    <Page title={t('admin.round.new')}>
      <p>
        <a href={`/admin/performances/${performanceId}`}>{t('admin.round.backToPerformance')}</a>
      </p>
      <form class="admin-form" onSubmit={submit} noValidate>
        <Field id="round-venue" label={t('admin.round.venue')} hint={t('admin.round.venueHint')} error={fieldError(problem, 'venueId')}>
          {(a) => <input {...a} value={venueId} autocomplete="off" spellcheck={false} onInput={(e) => setVenueId(e.currentTarget.value)} />}
        </Field>
        {venues.length > 0 && (
          <Field id="round-venue-recent" label={t('admin.round.recentVenue')}>
            {(a) => (
              <select
                {...a}
                value={venues.some((v) => v.id === venueId.trim()) ? venueId.trim() : ''}
                onChange={(e) => setVenueId(e.currentTarget.value)}
              >
                <option value="">{t('admin.round.pickVenue')}</option>
                {venues.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <div role="status" aria-live="polite" class="admin-venue-status">
          {venue?.data && venue.id === venueId.trim() && (
            <p>
              {t('admin.round.venueFound', {
                name: venue.data.name,
                seats: count(venue.data.seatCount),
                sections: sections.length,
              })}
            </p>
          )}
        </div>
        {venue?.problem && venue.id === venueId.trim() && <ProblemMessage problem={venue.problem} />}

        <div class="admin-pair">
          <Field id="round-starts" label={t('admin.round.startsAt')} hint={t('admin.round.seoulTime')} error={fieldError(problem, 'startsAt')}>
            {(a) => <input {...a} type="datetime-local" value={startsAt} onInput={(e) => setStartsAt(e.currentTarget.value)} />}
          </Field>
          <Field id="round-sale" label={t('admin.round.saleOpensAt')} hint={t('admin.round.seoulTime')} error={fieldError(problem, 'saleOpensAt')}>
            {(a) => <input {...a} type="datetime-local" value={saleOpensAt} onInput={(e) => setSaleOpensAt(e.currentTarget.value)} />}
          </Field>
        </div>
        <Field id="round-limit" label={t('admin.round.limit')} error={fieldError(problem, 'perPersonLimit')}>
          {(a) => (
            <input {...a} type="number" inputMode="numeric" min="1" step="1" class="admin-short" value={limit} onInput={(e) => setLimit(e.currentTarget.value)} />
          )}
        </Field>

        <h2>{t('admin.round.grades')}</h2>
        <ol class="admin-grades">
          {grades.map((g, i) => (
            <li key={g.key} class="admin-grade">
              <Field id={`grade-${g.key}-name`} label={t('admin.round.grade')} error={fieldError(problem, `grades[${i}].grade`)}>
                {(a) => <input {...a} value={g.grade} autocomplete="off" onInput={(e) => setGrade(g.key, { grade: e.currentTarget.value })} />}
              </Field>
              <Field id={`grade-${g.key}-price`} label={t('admin.round.price')} error={fieldError(problem, `grades[${i}].price`)}>
                {(a) => (
                  <input {...a} type="number" inputMode="numeric" min="0" step="1" value={g.price} onInput={(e) => setGrade(g.key, { price: e.currentTarget.value })} />
                )}
              </Field>
              <button type="button" class="secondary" disabled={grades.length === 1} onClick={() => removeGrade(g.key)}>
                {t('admin.remove')}
                <span class="visually-hidden"> {g.grade.trim() || t('admin.round.gradeN', { n: i + 1 })}</span>
              </button>
            </li>
          ))}
        </ol>
        <p class="hint">{t('admin.round.priceHint')}</p>
        <button type="button" class="secondary" onClick={addGrade}>
          {t('admin.round.addGrade')}
        </button>

        <h2>{t('admin.round.sections')}</h2>
        {sections.length === 0 ? (
          <p class="hint">{t('admin.round.sectionsHint')}</p>
        ) : (
          <>
            <div class="admin-apply">
              <Field id="all-mode" label={t('admin.round.allMode')}>
                {(a) => (
                  <select {...a} value={allMode} onChange={(e) => setAllMode(e.currentTarget.value as BookingMode)}>
                    {modes.map((m) => (
                      <option key={m} value={m}>
                        {modeLabel(m)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="all-grade" label={t('admin.round.allGrade')}>
                {(a) => (
                  <select {...a} value={allGrade} onChange={(e) => setAllGrade(Number(e.currentTarget.value))}>
                    {grades.map(gradeOption)}
                  </select>
                )}
              </Field>
              <button type="button" class="secondary" onClick={applyAll}>
                {t('admin.round.applyAll')}
              </button>
            </div>
            <ul class="admin-sections">
              {sections.map((s) => {
                const plan = planOf(s.id);
                return (
                  <li key={s.id} class="admin-section">
                    <p class="admin-section-name">
                      {s.name} <span class="hint">({t('admin.seats', { seats: count(s.seats) })})</span>
                    </p>
                    <div class="admin-pair">
                      <Field id={`section-${s.id}-mode`} label={t('admin.round.sectionMode', { section: s.name })}>
                        {(a) => (
                          <select {...a} value={plan.mode} onChange={(e) => setPlans({ ...plans, [s.id]: { ...plan, mode: e.currentTarget.value as BookingMode } })}>
                            {modes.map((m) => (
                              <option key={m} value={m}>
                                {modeLabel(m)}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                      <Field id={`section-${s.id}-grade`} label={t('admin.round.sectionGrade', { section: s.name })}>
                        {(a) => (
                          <select
                            {...a}
                            value={plan.gradeKey}
                            onChange={(e) => setPlans({ ...plans, [s.id]: { ...plan, gradeKey: Number(e.currentTarget.value) } })}
                          >
                            {grades.map(gradeOption)}
                          </select>
                        )}
                      </Field>
                    </div>
                  </li>
                );
              })}
            </ul>
          </>
        )}

        <h2>{t('membership.admin.sale')}</h2>
        <Field id="round-member" label={t('membership.admin.saleMembership')} error={fieldError(problem, 'memberSale')}>
          {(a) => (
            <select {...a} value={saleMembership} onChange={(e) => setSaleMembership(e.currentTarget.value)}>
              <option value="">{t('membership.admin.saleNone')}</option>
              {offered.data?.items.map((m) => (
                <option key={m.membershipId} value={m.membershipId}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {saleMembership && (
          <div class="admin-pair">
            <Field id="round-presale" label={t('membership.admin.presaleOpensAt')} hint={t('admin.round.seoulTime')}
              error={fieldError(problem, 'memberSale.presaleOpensAt')}>
              {(a) => <input {...a} type="datetime-local" value={presaleOpensAt} onInput={(e) => setPresaleOpensAt(e.currentTarget.value)} />}
            </Field>
            <Field id="round-member-discount" label={t('membership.admin.discountPercent')}
              error={fieldError(problem, 'memberSale.discountPercent')}>
              {(a) => <input {...a} type="number" min="0" max="50" class="admin-short" value={memberDiscount} onInput={(e) => setMemberDiscount(e.currentTarget.value)} />}
            </Field>
          </div>
        )}

        <ProblemMessage problem={problem} />
        <div class="admin-submit">
          <button type="submit" disabled={busy}>
            {t('admin.create')}
          </button>
        </div>
      </form>
    </Page>
  );
}
