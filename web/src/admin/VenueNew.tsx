import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, type Problem } from '../api/client';
import { t, useLang } from '../i18n';
import { asProblem } from '../ui/hooks';
import { Page, ProblemMessage } from '../ui/parts';
import { LayoutInput } from './LayoutInput';
import { remember } from './store';
import { Field, RequireAdmin, fieldError } from './ui';

export function VenueNew() {
  useLang();
  return (
    <RequireAdmin title={t('admin.venue.new')}>
      <NewVenueForm />
    </RequireAdmin>
  );
}

function NewVenueForm() {
  const { route } = useLocation();
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [csv, setCsv] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const venue = await ok(api.POST('/v1/admin/venues', { body: { name: name.trim(), address: address.trim(), layoutCsv: csv } }));
      remember('venues', { id: venue.id, name: venue.name });
      route(`/admin/venues/${venue.id}`);
    } catch (err) {
      setProblem(asProblem(err));
      setBusy(false);
    }
  };

  return (
    <Page title={t('admin.venue.new')}>
      <form class="admin-form" onSubmit={submit} noValidate>
        <Field id="venue-name" label={t('admin.venue.name')} error={fieldError(problem, 'name')}>
          {(a) => <input {...a} value={name} required autocomplete="off" onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <Field id="venue-address" label={t('admin.venue.address')} error={fieldError(problem, 'address')}>
          {(a) => <input {...a} value={address} autocomplete="off" onInput={(e) => setAddress(e.currentTarget.value)} />}
        </Field>
        <h2>{t('admin.venue.layout')}</h2>
        <LayoutInput id="venue-layout" csv={csv} onCsv={setCsv} name={name} error={fieldError(problem, 'layout', 'layoutCsv', 'body')} />
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
