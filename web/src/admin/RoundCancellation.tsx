import { useState } from 'preact/hooks';
import { api, ok, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { seoulTime, t, useLang, won } from '../i18n';
import { asProblem, useLoad, type Loaded } from '../ui/hooks';
import { Loading, ProblemMessage } from '../ui/parts';
import { count, seoulDay } from './time';
import { Field } from './ui';

type Round = components['schemas']['RoundDetail'];
type Progress = components['schemas']['ProgressView'];

export type Cancellation = {
  /** The refunds' progress, null while the round is not cancelled (the API answers 404). */
  progress: Loaded<Progress | null>;
  /** What the cancellation itself answered, until the next refresh. */
  posted?: Progress;
  setPosted: (p?: Progress) => void;
  shown?: Progress;
};

/** Whether the round is cancelled and how far the refunds are: the round's status says it too, so it is loaded once, up there. */
export function useCancellation(roundId: string): Cancellation {
  const progress = useLoad(async () => {
    const answer = api.GET('/v1/admin/rounds/{roundId}/cancellation', { params: { path: { roundId } } });
    if ((await answer).response.status === 404) return null;
    return ok(answer);
  }, [roundId]);
  const [posted, setPosted] = useState<Progress>();
  return { progress, posted, setPosted, shown: posted ?? progress.data ?? undefined };
}

/**
 * Cancelling the show: every paid order refunded in full. Nothing to undo it, so the organiser types the round's date
 * to confirm; afterwards the refunds' progress, refreshable.
 */
export function RoundCancellation(props: { round: Round; cancellation: Cancellation }) {
  useLang();
  const { progress, setPosted, shown } = props.cancellation;

  return (
    <section aria-labelledby="round-cancel" class="admin-danger">
      <div class="spread">
        <h2 id="round-cancel">{t('admin.cancel.title')}</h2>
        {shown && (
          <button
            type="button"
            class="secondary"
            disabled={progress.loading}
            onClick={() => {
              setPosted(undefined);
              progress.reload();
            }}
          >
            {t('admin.refresh')}
          </button>
        )}
      </div>
      <ProblemMessage problem={progress.problem} />
      {progress.loading && !shown && <Loading />}
      {shown ? <ProgressFacts p={shown} /> : progress.data === null && <CancelForm round={props.round} onCancelled={setPosted} />}
    </section>
  );
}

function ProgressFacts(props: { p: Progress }) {
  const p = props.p;
  return (
    <div role="status">
    <dl class="admin-facts">
      <dt>{t('admin.cancel.status')}</dt>
      <dd>
        <strong>{p.status === 'REFUNDED' ? t('admin.cancel.refunded') : p.status === 'REFUNDING' ? t('admin.cancel.refunding') : p.status}</strong>
      </dd>
      <dt>{t('admin.cancel.cancelledAt')}</dt>
      <dd>{seoulTime(p.cancelledAt)}</dd>
      <dt>{t('admin.cancel.atCancellation')}</dt>
      <dd>{t('admin.cancel.ordersAmount', { orders: count(p.ordersAtCancellation), amount: won(p.amountAtCancellation) })}</dd>
      <dt>{t('admin.cancel.refundedSoFar')}</dt>
      <dd>{t('admin.cancel.ordersAmount', { orders: count(p.refunded), amount: won(p.amountRefunded) })}</dd>
      <dt>{t('admin.cancel.pending')}</dt>
      <dd>{t('admin.cancel.ordersAmount', { orders: count(p.pending), amount: won(p.amountPending) })}</dd>
    </dl>
    </div>
  );
}

function CancelForm(props: { round: Round; onCancelled: (p: Progress) => void }) {
  const day = seoulDay(props.round.startsAt);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (typed.trim() !== day) return;
    setBusy(true);
    setProblem(undefined);
    try {
      props.onCancelled(
        await ok(api.POST('/v1/admin/rounds/{roundId}/cancellation', { params: { path: { roundId: props.round.id } } })),
      );
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="admin-form" onSubmit={submit} noValidate>
      <p>{t('admin.cancel.explain')}</p>
      <Field id="cancel-confirm" label={t('admin.cancel.confirm')} hint={t('admin.cancel.confirmHint', { date: day })}>
        {(a) => <input {...a} value={typed} autocomplete="off" inputMode="numeric" onInput={(e) => setTyped(e.currentTarget.value)} />}
      </Field>
      <ProblemMessage problem={problem} />
      <div class="admin-submit">
        <button type="submit" class="danger" disabled={busy || typed.trim() !== day}>
          {t('admin.cancel.button')}
        </button>
      </div>
    </form>
  );
}
