import { useEffect, useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { t, useLang } from '../i18n';
import { asProblem, useLoad } from '../ui/hooks';
import { Loading, Page, ProblemMessage } from '../ui/parts';
import { SeatMap } from '../ui/seatmap/SeatMap';
import { layoutSections } from './layout';
import { LayoutInput } from './LayoutInput';
import { remember } from './store';
import { count } from './time';
import { Field, RequireAdmin, Saved, fieldError } from './ui';

type Venue = components['schemas']['VenueView'];

export function VenueDetail() {
  useLang();
  return (
    <RequireAdmin title={t('admin.venue.title')}>
      <VenueScreen />
    </RequireAdmin>
  );
}

function VenueScreen() {
  const { venueId } = useRoute().params;
  const venue = useLoad(() => ok(api.GET('/v1/admin/venues/{venueId}', { params: { path: { venueId } } })), [venueId]);
  const v = venue.data;
  const sections = useMemo(() => layoutSections(v?.layout), [v]);

  useEffect(() => {
    if (v) remember('venues', { id: v.id, name: v.name });
  }, [v]);

  if (!v) {
    return (
      <Page title={t('admin.venue.title')}>
        {venue.loading ? <Loading /> : <ProblemMessage problem={venue.problem} />}
      </Page>
    );
  }
  return (
    <Page title={v.name}>
      <dl class="admin-facts">
        <dt>{t('admin.venue.seats')}</dt>
        <dd class="admin-count">{t('admin.venue.seatCount', { seats: count(v.seatCount) })}</dd>
        <dt>{t('admin.venue.address')}</dt>
        <dd>{v.address || '—'}</dd>
        <dt>{t('admin.venue.version')}</dt>
        <dd>{v.layoutVersion}</dd>
        <dt>{t('admin.venue.id')}</dt>
        <dd>
          <code>{v.id}</code>
        </dd>
      </dl>
      <p>
        <a href="/admin">{t('admin.backHome')}</a>
      </p>

      <section aria-labelledby="venue-map">
        <h2 id="venue-map">{t('admin.venue.layout')}</h2>
        {sections.length > 0 ? (
          <SeatMap sections={sections} label={t('admin.venue.mapLabel', { name: v.name })} />
        ) : (
          <p>{t('admin.venue.noLayout')}</p>
        )}
      </section>

      <Rename venue={v} onSaved={venue.reload} />
      <Reimport venueId={v.id} name={v.name} onSaved={venue.reload} />
    </Page>
  );
}

function Rename(props: { venue: Venue; onSaved: () => void }) {
  const [name, setName] = useState(props.venue.name);
  const [address, setAddress] = useState(props.venue.address ?? '');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    setProblem(undefined);
    try {
      await ok(
        api.PUT('/v1/admin/venues/{venueId}', {
          params: { path: { venueId: props.venue.id } },
          body: { name: name.trim(), address: address.trim() },
        }),
      );
      setSaved(true);
      props.onSaved();
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="venue-rename">
      <h2 id="venue-rename">{t('admin.venue.rename')}</h2>
      <form class="admin-form" onSubmit={submit} noValidate>
        <Field id="rename-name" label={t('admin.venue.name')} error={fieldError(problem, 'name')}>
          {(a) => <input {...a} value={name} required autocomplete="off" onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <Field id="rename-address" label={t('admin.venue.address')} error={fieldError(problem, 'address')}>
          {(a) => <input {...a} value={address} autocomplete="off" onInput={(e) => setAddress(e.currentTarget.value)} />}
        </Field>
        <ProblemMessage problem={problem} />
        {saved && <Saved>{t('admin.saved')}</Saved>}
        <div class="admin-submit">
          <button type="submit" disabled={busy}>
            {t('admin.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A new layout version from CSV; rounds already scheduled keep the version they were scheduled on. */
function Reimport(props: { venueId: string; name: string; onSaved: () => void }) {
  const [csv, setCsv] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<number>();
  const [problem, setProblem] = useState<Problem>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setSaved(undefined);
    setProblem(undefined);
    try {
      const v = await ok(
        api.PUT('/v1/admin/venues/{venueId}/layout', {
          params: { path: { venueId: props.venueId } },
          body: csv,
          // the CSV goes as it is: text/csv, not a JSON string
          bodySerializer: (b) => b as string,
          headers: { 'Content-Type': 'text/csv' },
        }),
      );
      setSaved(v.layoutVersion);
      setCsv('');
      props.onSaved();
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="venue-reimport">
      <h2 id="venue-reimport">{t('admin.venue.reimport')}</h2>
      <p class="hint">{t('admin.venue.reimportHint')}</p>
      <form class="admin-form" onSubmit={submit} noValidate>
        <LayoutInput id="reimport" csv={csv} onCsv={setCsv} name={props.name} error={fieldError(problem, 'body', 'layout')} />
        <ProblemMessage problem={problem} />
        {saved !== undefined && <Saved>{t('admin.venue.reimported', { version: saved })}</Saved>}
        <div class="admin-submit">
          <button type="submit" disabled={busy || !csv.trim()}>
            {t('admin.venue.upload')}
          </button>
        </div>
      </form>
    </section>
  );
}
