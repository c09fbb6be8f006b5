import { useState } from 'preact/hooks';
import { api, ok, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { t, useLang } from '../i18n';
import { asProblem } from '../ui/hooks';
import { Page, ProblemMessage } from '../ui/parts';
import { explain } from '../fan/booking/common';
import { count, seoulIso, seoulLocal } from './time';
import { Field, fieldError, RequireAdmin, Saved } from './ui';

type Batch = components['schemas']['BatchView'];
type Kind = 'FIXED' | 'PERCENT';

/** Admins issue a coupon batch and watch how many fans have claimed it. */
export function Coupons() {
  useLang();
  return (
    <RequireAdmin title={t('coupons.admin.title')}>
      <IssueBatch />
    </RequireAdmin>
  );
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function IssueBatch() {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('PERCENT');
  const [value, setValue] = useState('10');
  const [maxDiscount, setMaxDiscount] = useState('0');
  const [minimumOrder, setMinimumOrder] = useState('0');
  const [grades, setGrades] = useState('');
  const [performanceIds, setPerformanceIds] = useState('');
  const [validFrom, setValidFrom] = useState(seoulLocal(new Date().toISOString()));
  const [validUntil, setValidUntil] = useState(seoulLocal(new Date(Date.now() + 30 * 86400_000).toISOString()));
  const [perPerson, setPerPerson] = useState('1');
  const [total, setTotal] = useState('100');
  const [code, setCode] = useState('');
  const [downloadable, setDownloadable] = useState(false);
  const [returnOnCancel, setReturnOnCancel] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [issued, setIssued] = useState<Batch>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      setIssued(
        await ok(
          api.POST('/v1/admin/coupon-batches', {
            body: {
              name,
              kind,
              value: Number(value),
              maxDiscount: Number(maxDiscount),
              minimumOrder: Number(minimumOrder),
              grades: list(grades),
              performanceIds: list(performanceIds),
              validFrom: seoulIso(validFrom),
              validUntil: seoulIso(validUntil),
              perPerson: Number(perPerson),
              total: Number(total),
              code: code.trim() || undefined,
              downloadable: downloadable || !code.trim(),
              returnOnCancel,
            },
          }),
        ),
      );
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };

  const refresh = async () => {
    if (!issued) return;
    try {
      setIssued(
        await ok(api.GET('/v1/admin/coupon-batches/{batchId}', { params: { path: { batchId: issued.terms.batchId } } })),
      );
    } catch (err) {
      setProblem(asProblem(err));
    }
  };

  const text = (id: string, label: string, v: string, set: (s: string) => void, kind?: 'number' | 'datetime-local') => (
    <Field id={`cp-${id}`} label={label} error={fieldError(problem, id)}>
      {(a) =>
        kind === 'number' ? (
          <input {...a} type="number" value={v} onInput={(e) => set(e.currentTarget.value)} />
        ) : kind === 'datetime-local' ? (
          <input {...a} type="datetime-local" value={v} onInput={(e) => set(e.currentTarget.value)} />
        ) : (
          <input {...a} value={v} onInput={(e) => set(e.currentTarget.value)} />
        )
      }
    </Field>
  );

  return (
    <Page title={t('coupons.admin.title')}>
      <form onSubmit={submit} class="admin-form">
        {text('name', t('coupons.admin.name'), name, setName)}
        <Field id="cp-kind" label={t('coupons.admin.kind')} error={fieldError(problem, 'kind')}>
          {(a) => (
            <select {...a} value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
              <option value="PERCENT">{t('coupons.admin.kind.PERCENT')}</option>
              <option value="FIXED">{t('coupons.admin.kind.FIXED')}</option>
            </select>
          )}
        </Field>
        {text('value', t('coupons.admin.value'), value, setValue, 'number')}
        {text('maxDiscount', t('coupons.admin.maxDiscount'), maxDiscount, setMaxDiscount, 'number')}
        {text('minimumOrder', t('coupons.admin.minimumOrder'), minimumOrder, setMinimumOrder, 'number')}
        {text('grades', t('coupons.admin.grades'), grades, setGrades)}
        {text('performanceIds', t('coupons.admin.performanceIds'), performanceIds, setPerformanceIds)}
        {text('validFrom', t('coupons.admin.validFrom'), validFrom, setValidFrom, 'datetime-local')}
        {text('validUntil', t('coupons.admin.validUntil'), validUntil, setValidUntil, 'datetime-local')}
        {text('perPerson', t('coupons.admin.perPerson'), perPerson, setPerPerson, 'number')}
        {text('total', t('coupons.admin.total'), total, setTotal, 'number')}
        {text('code', t('coupons.admin.code'), code, setCode)}
        <label>
          <input type="checkbox" checked={downloadable} onChange={(e) => setDownloadable(e.currentTarget.checked)} />{' '}
          {t('coupons.admin.downloadable')}
        </label>
        <label>
          <input type="checkbox" checked={returnOnCancel} onChange={(e) => setReturnOnCancel(e.currentTarget.checked)} />{' '}
          {t('coupons.admin.returnOnCancel')}
        </label>
        <ProblemMessage problem={explain(problem)} />
        <button type="submit" disabled={busy}>
          {t('coupons.admin.submit')}
        </button>
      </form>
      {issued && (
        <>
          <Saved>
            {t('coupons.admin.issued', { claimed: count(issued.claimed), total: count(issued.total) })}
            {issued.code && ` · ${issued.code}`}
          </Saved>
          <button type="button" class="secondary" onClick={refresh}>
            {t('coupons.admin.refresh')}
          </button>
        </>
      )}
    </Page>
  );
}
