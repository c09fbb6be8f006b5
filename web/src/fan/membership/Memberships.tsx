import { useState } from 'preact/hooks';
import { api, ok, Problem } from '../../api/client';
import { session } from '../../api/session';
import { asProblem, useLoad, useSession } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang, won } from '../../i18n';
import { explain } from '../booking/common';
import { NoPaymentWindow, openPaymentWindow } from '../booking/paymentWindow';

/**
 * Memberships: what is on offer (anyone), and for a signed-in fan, joining or renewing one (an order paid in the PG's
 * window, like seats), their memberships and cancelling the latest payment within its refund days.
 */
export function Memberships() {
  useLang();
  const claims = useSession();
  const offered = useLoad(() => ok(api.GET('/v1/memberships')), []);
  const [version, setVersion] = useState(0);
  const mine = useLoad(() => (claims ? ok(api.GET('/v1/me/memberships')) : Promise.resolve(null)), [claims?.sub, version]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const cards = mine.data?.items ?? [];

  const buy = async (membershipId: string) => {
    if (!claims) {
      location.assign(`/login?next=${encodeURIComponent('/memberships')}`);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const order = await ok(api.POST('/v1/me/memberships', { body: { membershipId, method: 'CARD' } }));
      await openPaymentWindow({
        orderId: order.orderId,
        amount: order.amount,
        orderName: order.orderName,
        method: 'CARD',
        customerKey: session.claims()?.sub ?? order.orderId,
      });
    } catch (e) {
      setProblem(e instanceof NoPaymentWindow ? new Problem(0, 'no-payment-window', t('booking.checkout.noWindow')) : asProblem(e));
      setBusy(false);
    }
  };

  const cancel = async (membershipId: string) => {
    setBusy(true);
    setProblem(null);
    try {
      await ok(api.POST('/v1/me/memberships/{membershipId}/cancellation', { params: { path: { membershipId } } }));
      await session.refresh(); // the next token no longer names a membership that ended
      setNotice(t('membership.cancelled'));
      setVersion((v) => v + 1);
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  };

  const nameOf = (id: string) => offered.data?.items.find((m) => m.membershipId === id)?.name ?? id;
  return (
    <Page title={t('membership.title')}>
      <p class="hint">{t('membership.intro')}</p>
      {notice && (
        <p class="success" role="status">
          {notice}
        </p>
      )}
      <ProblemMessage problem={explain(problem)} />
      {claims && (
        <section aria-labelledby="ms-mine-h">
          <h2 id="ms-mine-h">{t('membership.mine')}</h2>
          {mine.data && cards.length === 0 && <p>{t('membership.mineNone')}</p>}
          <ul class="cards">
            {cards.map((c) => (
              <li key={c.membershipId} class="card">
                <h3>
                  {nameOf(c.membershipId)}{' '}
                  <span class="bk-badge">{t(c.active ? 'membership.active' : 'membership.lapsed')}</span>
                </h3>
                <p>{t('membership.validUntil', { time: seoulTime(c.validUntil) })}</p>
                {c.active && (
                  <button type="button" class="secondary" disabled={busy} onClick={() => cancel(c.membershipId)}>
                    {t('membership.cancel')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="ms-offered-h">
        <h2 id="ms-offered-h">{t('membership.offered')}</h2>
        {offered.loading && !offered.data && <Loading />}
        <ProblemMessage problem={offered.problem} />
        {offered.data && offered.data.items.length === 0 && <p>{t('membership.none')}</p>}
        <ul class="cards">
          {offered.data?.items.map((m) => {
            const held = cards.some((c) => c.membershipId === m.membershipId && c.active);
            return (
              <li key={m.membershipId} class="card">
                <h3>{m.name}</h3>
                <p>
                  <strong>{t('membership.price', { price: won(m.price), days: String(m.periodDays) })}</strong>
                </p>
                {m.benefits && <p>{m.benefits}</p>}
                <p class="hint">{t('membership.refundDays', { days: String(m.refundDays) })}</p>
                <button type="button" disabled={busy}
                  aria-label={t('membership.buyLabel', { name: m.name, action: t(held ? 'membership.renew' : 'membership.buy') })}
                  onClick={() => buy(m.membershipId)}>
                  {t(held ? 'membership.renew' : 'membership.buy')}
                </button>
              </li>
            );
          })}
        </ul>
      </section>
    </Page>
  );
}
