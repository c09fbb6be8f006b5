import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok, type Problem } from '../api/client';
import { seoulTime, t, useLang } from '../i18n';
import { asProblem, useLoad } from '../ui/hooks';
import { Loading, Page, ProblemMessage } from '../ui/parts';
import { genreLabel, roundSaleLabel, saleStatusLabel } from './labels';
import { PerformanceForm } from './PerformanceForm';
import { PolicySection } from './PolicySection';
import { TransferFeeSection } from './TransferFeeSection';
import { SlotsSection } from './SlotsSection';
import { remember } from './store';
import { RequireAdmin } from './ui';

export function PerformanceDetail() {
  useLang();
  return (
    <RequireAdmin title={t('admin.performance.title')}>
      <PerformanceScreen />
    </RequireAdmin>
  );
}

function PerformanceScreen() {
  const { performanceId } = useRoute().params;
  const perf = useLoad(
    () => ok(api.GET('/v1/performances/{performanceId}', { params: { path: { performanceId } } })),
    [performanceId],
  );
  const [problem, setProblem] = useState<Problem>();
  const [saved, setSaved] = useState(false);
  const p = perf.data;

  useEffect(() => {
    if (p) remember('performances', { id: p.id, name: p.title });
  }, [p]);

  if (!p) {
    return (
      <Page title={t('admin.performance.title')}>
        {perf.loading ? <Loading /> : <ProblemMessage problem={perf.problem} />}
      </Page>
    );
  }
  const rounds = [...p.rounds].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <Page title={p.title}>
      <p class="hint">
        {genreLabel(p.genre)} · {saleStatusLabel(p.saleStatus)} · <a href={`/performances/${p.id}`}>{t('admin.performance.publicPage')}</a>
        {' · '}<a href={`/admin/performances/${p.id}/talk`}>{t('talk.admin.link')}</a>
      </p>

      <section aria-labelledby="perf-rounds">
        <h2 id="perf-rounds">{t('admin.performance.rounds')}</h2>
        <p>
          <a class="button" href={`/admin/performances/${p.id}/rounds/new`}>
            {t('admin.round.add')}
          </a>
        </p>
        {rounds.length === 0 ? (
          <p>{t('admin.performance.noRounds')}</p>
        ) : (
          <ul class="admin-list">
            {rounds.map((r) => (
              <li key={r.id}>
                <a href={`/admin/rounds/${r.id}`}>{seoulTime(r.startsAt)}</a>
                <span class="hint"> · {roundSaleLabel(r)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="perf-edit">
        <h2 id="perf-edit">{t('admin.performance.edit')}</h2>
        <PerformanceForm
          key={p.id}
          performance={p}
          submitLabel={t('admin.save')}
          problem={problem}
          saved={saved}
          onSubmit={async (body) => {
            setProblem(undefined);
            setSaved(false);
            try {
              await ok(api.PUT('/v1/admin/performances/{performanceId}', { params: { path: { performanceId: p.id } }, body }));
              setSaved(true);
              perf.reload();
            } catch (err) {
              setProblem(asProblem(err));
            }
          }}
        />
      </section>

      {p.genre === 'EXHIBITION' && <SlotsSection performanceId={p.id} onCreated={perf.reload} />}
      <PolicySection performanceId={p.id} />
      <TransferFeeSection performanceId={p.id} />
    </Page>
  );
}
