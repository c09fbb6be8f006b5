import { useState } from 'preact/hooks';
import { api, idempotencyKey, ok, Problem } from '../../api/client';
import { asProblem, useLoad } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang } from '../../i18n';
import { explain, FanOnly, MyNav } from '../booking/common';
import { termsLine } from './terms';

/** My coupons: enter a code, download an open batch, and see what I hold (and which order uses what). */
export function MyCoupons() {
  useLang();
  return (
    <FanOnly title={t('coupons.title')}>
      <CouponsScreen />
    </FanOnly>
  );
}

function CouponsScreen() {
  const [version, setVersion] = useState(0);
  const wallet = useLoad(() => ok(api.GET('/v1/me/coupons')), [version]);
  const open = useLoad(() => ok(api.GET('/v1/coupon-batches')), []);
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const claim = async (body: { code?: string; batchId?: string }) => {
    setBusy(true);
    setProblem(null);
    setNotice('');
    try {
      // one key per click: the client's replay of this request (a refreshed token) gets the same coupon, not a second
      const coupon = await ok(
        api.POST('/v1/me/coupons', { body, params: { header: { 'Idempotency-Key': idempotencyKey() } } }),
      );
      setNotice(t('coupons.claim.done', { name: coupon.terms.name }));
      setCode('');
      setVersion((v) => v + 1);
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('coupons.title')}>
      <MyNav />
      <form
        class="card"
        aria-labelledby="cp-claim-h"
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim()) claim({ code: code.trim() });
        }}
      >
        <h2 id="cp-claim-h">{t('coupons.claim.title')}</h2>
        <label for="cp-code">{t('coupons.claim.code')}</label>
        <input id="cp-code" value={code} maxLength={40} autoComplete="off" autoCapitalize="characters"
          onInput={(e) => setCode(e.currentTarget.value)} />
        <button type="submit" disabled={busy}>
          {t('coupons.claim.submit')}
        </button>
      </form>
      {notice && (
        <p class="success" role="status">
          {notice}
        </p>
      )}
      <ProblemMessage problem={explain(problem)} />

      <section aria-labelledby="cp-wallet-h">
        <h2 id="cp-wallet-h">{t('coupons.wallet.title')}</h2>
        {wallet.loading && !wallet.data && <Loading />}
        <ProblemMessage problem={wallet.problem} />
        {wallet.data && wallet.data.items.length === 0 && <p>{t('coupons.wallet.none')}</p>}
        <ul class="cards">
          {wallet.data?.items.map((c) => (
            <li key={c.couponId} class="card">
              <h3>
                {c.terms.name} <span class="bk-badge">{t(c.status === 'USED' ? 'coupons.status.USED' : 'coupons.status.AVAILABLE')}</span>
              </h3>
              <p>{termsLine(c.terms)}</p>
              {c.orderId && (
                <p class="hint">
                  <a href={`/orders/${c.orderId}`}>{c.orderId}</a>
                </p>
              )}
              <p class="hint">{seoulTime(c.claimedAt)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="cp-open-h">
        <h2 id="cp-open-h">{t('coupons.download.title')}</h2>
        <ProblemMessage problem={open.problem} />
        {open.data && open.data.items.length === 0 && <p>{t('coupons.download.none')}</p>}
        <ul class="cards">
          {open.data?.items.map((b) => (
            <li key={b.batchId} class="card">
              <h3>{b.name}</h3>
              <p>{termsLine(b)}</p>
              <button type="button" class="secondary" disabled={busy}
                aria-label={t('coupons.download.label', { name: b.name })} onClick={() => claim({ batchId: b.batchId })}>
                {t('coupons.download.submit')}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
