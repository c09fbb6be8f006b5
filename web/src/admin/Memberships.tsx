import { useState } from 'preact/hooks';
import { api, ok, type Problem } from '../api/client';
import { t, useLang, won } from '../i18n';
import { asProblem, useLoad } from '../ui/hooks';
import { Page, ProblemMessage } from '../ui/parts';
import { Field, fieldError, RequireAdmin, Saved } from './ui';

/** Organisers offer memberships; a round's member sale (the new-round form) then names one. */
export function Memberships() {
  useLang();
  return (
    <RequireAdmin title={t('membership.admin.title')}>
      <OfferMembership />
    </RequireAdmin>
  );
}

function OfferMembership() {
  const [version, setVersion] = useState(0);
  const offered = useLoad(() => ok(api.GET('/v1/memberships')), [version]);
  const [name, setName] = useState('');
  const [price, setPrice] = useState('30000');
  const [periodDays, setPeriodDays] = useState('365');
  const [benefits, setBenefits] = useState('');
  const [refundDays, setRefundDays] = useState('7');
  const [problem, setProblem] = useState<Problem>();
  const [created, setCreated] = useState('');

  const submit = async (e: Event) => {
    e.preventDefault();
    setProblem(undefined);
    try {
      const m = await ok(
        api.POST('/v1/admin/memberships', {
          body: { name, price: Number(price), periodDays: Number(periodDays), benefits, refundDays: Number(refundDays) },
        }),
      );
      setCreated(m.membershipId);
      setVersion((v) => v + 1);
    } catch (err) {
      setProblem(asProblem(err));
    }
  };

  const number = (id: string, label: string, value: string, set: (v: string) => void) => (
    <Field id={`ms-${id}`} label={label} error={fieldError(problem, id)}>
      {(a) => <input {...a} type="number" value={value} onInput={(e) => set(e.currentTarget.value)} />}
    </Field>
  );

  return (
    <Page title={t('membership.admin.title')}>
      <ul>
        {offered.data?.items.map((m) => (
          <li key={m.membershipId}>
            {m.name} · {t('membership.price', { price: won(m.price), days: String(m.periodDays) })}
          </li>
        ))}
      </ul>
      <form onSubmit={submit} class="admin-form">
        <Field id="ms-name" label={t('membership.admin.name')} error={fieldError(problem, 'name')}>
          {(a) => <input {...a} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        {number('price', t('membership.admin.price'), price, setPrice)}
        {number('periodDays', t('membership.admin.periodDays'), periodDays, setPeriodDays)}
        <Field id="ms-benefits" label={t('membership.admin.benefits')} error={fieldError(problem, 'benefits')}>
          {(a) => <textarea {...a} rows={3} maxLength={500} value={benefits} onInput={(e) => setBenefits(e.currentTarget.value)} />}
        </Field>
        {number('refundDays', t('membership.admin.refundDays'), refundDays, setRefundDays)}
        <ProblemMessage problem={problem} />
        <button type="submit">{t('membership.admin.submit')}</button>
        {created && <Saved>{t('membership.admin.created', { id: created })}</Saved>}
      </form>
    </Page>
  );
}
