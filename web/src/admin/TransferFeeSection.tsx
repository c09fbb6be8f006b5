import { useState } from 'preact/hooks';
import { api, ok, type Problem } from '../api/client';
import { t, useLang } from '../i18n';
import { asProblem, useLoad } from '../ui/hooks';
import { Loading, ProblemMessage } from '../ui/parts';
import { Field, Saved, fieldError } from './ui';

/**
 * The fee kept from a seller's refund when a ticket of this performance is transferred (0-10%; the buyer always pays
 * the face value). It sits beside the cancellation policy because both decide what a fan gets back.
 */
export function TransferFeeSection(props: { performanceId: string }) {
  useLang();
  const performanceId = props.performanceId;
  const policy = useLoad(
    () => ok(api.GET('/v1/admin/performances/{performanceId}/transfer-policy', { params: { path: { performanceId } } })),
    [performanceId],
  );
  const [fee, setFee] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const shown = fee ?? (policy.data ? String(policy.data.feePercent) : '');

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    setProblem(undefined);
    try {
      await ok(
        api.PUT('/v1/admin/performances/{performanceId}/transfer-policy', {
          params: { path: { performanceId } },
          body: { feePercent: shown.trim() === '' ? undefined : Number(shown) },
        }),
      );
      setSaved(true);
      setFee(null);
      policy.reload();
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="perf-transfer-fee">
      <h2 id="perf-transfer-fee">{t('trade.admin.fee.title')}</h2>
      <ProblemMessage problem={policy.problem} />
      {policy.loading && !policy.data && <Loading />}
      {policy.data && (
        <form class="admin-form" onSubmit={submit} noValidate>
          <p class="hint">
            {policy.data.standard
              ? t('trade.admin.fee.standard', { n: policy.data.feePercent })
              : t('trade.admin.fee.custom')}
          </p>
          <Field
            id="transfer-fee"
            label={t('trade.admin.fee.percent')}
            hint={t('trade.admin.fee.hint')}
            error={fieldError(problem, 'feePercent')}
          >
            {(a) => (
              <input
                {...a}
                type="number"
                inputMode="numeric"
                min="0"
                max="10"
                class="admin-short"
                value={shown}
                onInput={(e) => setFee(e.currentTarget.value)}
              />
            )}
          </Field>
          <ProblemMessage problem={problem} />
          {saved && <Saved>{t('admin.saved')}</Saved>}
          <div class="admin-submit">
            <button type="submit" disabled={busy}>
              {t('trade.admin.fee.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
