import { useState } from 'preact/hooks';
import type { Problem } from '../api/client';
import type { components } from '../api/schema';
import { t, useLang } from '../i18n';
import { ProblemMessage } from '../ui/parts';
import { genreLabel, genres } from './labels';
import { Field, Saved, fieldError } from './ui';

type Body = components['schemas']['PerformanceBody'];
type Detail = components['schemas']['PerformanceDetail'];
type Genre = components['schemas']['Genre'];

type Draft = {
  title: string; genre: string; tags: string; cast: string; runtime: string; age: string; description: string; poster: string;
};

function draftOf(p?: Detail): Draft {
  return {
    title: p?.title ?? '',
    genre: p?.genre ?? '',
    tags: p?.tags.join(', ') ?? '',
    cast: p?.cast.join(', ') ?? '',
    runtime: p ? String(p.runtimeMinutes) : '',
    age: p ? String(p.ageLimit) : '',
    description: p?.description ?? '',
    poster: p?.posterUrl ?? '',
  };
}

/** An empty number field is left out (the API's default); anything else is sent as typed, for the API to judge. */
function numberOf(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** "a, b, c" as ["a", "b", "c"]: blanks dropped. */
function listOf(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function bodyOf(d: Draft): Body {
  return {
    title: d.title.trim(),
    genre: (d.genre || undefined) as Genre | undefined,
    tags: listOf(d.tags),
    cast: listOf(d.cast),
    runtimeMinutes: numberOf(d.runtime),
    ageLimit: numberOf(d.age),
    description: d.description.trim() || undefined,
    posterUrl: d.poster.trim() || undefined,
  };
}

/** The performance's details, for a new one ("만들기") or an existing one ("저장"). */
export function PerformanceForm(props: {
  performance?: Detail;
  submitLabel: string;
  onSubmit: (body: Body) => Promise<void>;
  problem?: Problem;
  saved?: boolean;
}) {
  useLang();
  const [d, setD] = useState(() => draftOf(props.performance));
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Draft) => (e: Event) => setD({ ...d, [k]: (e.currentTarget as HTMLInputElement).value });
  const problem = props.problem;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await props.onSubmit(bodyOf(d));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="admin-form" onSubmit={submit} noValidate>
      <Field id="perf-title" label={t('admin.performance.titleField')} error={fieldError(problem, 'title')}>
        {(a) => <input {...a} value={d.title} required autocomplete="off" onInput={set('title')} />}
      </Field>
      <Field id="perf-genre" label={t('admin.performance.genre')} error={fieldError(problem, 'genre')}>
        {(a) => (
          <select {...a} value={d.genre} required onChange={set('genre')}>
            <option value="">{t('admin.performance.pickGenre')}</option>
            {genres.map((g) => (
              <option key={g} value={g}>
                {genreLabel(g)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="perf-tags" label={t('admin.performance.tags')} hint={t('admin.performance.tagsHint')} error={fieldError(problem, 'tags')}>
        {(a) => <input {...a} value={d.tags} autocomplete="off" onInput={set('tags')} />}
      </Field>
      <Field id="perf-cast" label={t('admin.performance.cast')} hint={t('admin.performance.castHint')} error={fieldError(problem, 'cast')}>
        {(a) => <input {...a} value={d.cast} autocomplete="off" onInput={set('cast')} />}
      </Field>
      <div class="admin-pair">
        <Field id="perf-runtime" label={t('admin.performance.runtime')} hint={t('admin.performance.minutes')} error={fieldError(problem, 'runtimeMinutes')}>
          {(a) => <input {...a} type="number" inputMode="numeric" min="0" step="1" value={d.runtime} onInput={set('runtime')} />}
        </Field>
        <Field id="perf-age" label={t('admin.performance.age')} hint={t('admin.performance.ageHint')} error={fieldError(problem, 'ageLimit')}>
          {(a) => <input {...a} type="number" inputMode="numeric" min="0" step="1" value={d.age} onInput={set('age')} />}
        </Field>
      </div>
      <Field id="perf-description" label={t('admin.performance.description')} error={fieldError(problem, 'description')}>
        {(a) => <textarea {...a} rows={5} value={d.description} onInput={set('description')} />}
      </Field>
      <Field id="perf-poster" label={t('admin.performance.poster')} error={fieldError(problem, 'posterUrl')}>
        {(a) => <input {...a} type="url" inputMode="url" autocomplete="off" value={d.poster} onInput={set('poster')} />}
      </Field>
      <ProblemMessage problem={problem} />
      {props.saved && <Saved>{t('admin.saved')}</Saved>}
      <div class="admin-submit">
        <button type="submit" disabled={busy}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
