import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, type Problem } from '../api/client';
import { t, useLang } from '../i18n';
import { asProblem } from '../ui/hooks';
import { Page } from '../ui/parts';
import { PerformanceForm } from './PerformanceForm';
import { remember } from './store';
import { RequireAdmin } from './ui';

export function PerformanceNew() {
  useLang();
  return (
    <RequireAdmin title={t('admin.performance.new')}>
      <NewPerformance />
    </RequireAdmin>
  );
}

function NewPerformance() {
  const { route } = useLocation();
  const [problem, setProblem] = useState<Problem>();
  return (
    <Page title={t('admin.performance.new')}>
      <PerformanceForm
        submitLabel={t('admin.create')}
        problem={problem}
        onSubmit={async (body) => {
          setProblem(undefined);
          try {
            const p = await ok(api.POST('/v1/admin/performances', { body }));
            remember('performances', { id: p.id, name: p.title });
            route(`/admin/performances/${p.id}`);
          } catch (err) {
            setProblem(asProblem(err));
          }
        }}
      />
    </Page>
  );
}
