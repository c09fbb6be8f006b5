import { useId, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { seoulTime, t, useLang, type Key } from '../i18n';
import { asProblem, useLoad } from '../ui/hooks';
import { Loading, Page, ProblemMessage } from '../ui/parts';
import { RequireAdmin } from './ui';

type Post = components['schemas']['RoomPost'];

/** A performance's room as admins see it: every post with its state, reports and account; hide, restore, mute. */
export function TalkModeration() {
  useLang();
  return (
    <RequireAdmin title={t('talk.admin.link')}>
      <Moderation />
    </RequireAdmin>
  );
}

function Moderation() {
  const { performanceId } = useRoute().params;
  const perf = useLoad(
    () => ok(api.GET('/v1/performances/{performanceId}', { params: { path: { performanceId } } })),
    [performanceId],
  );
  const room = useLoad(
    () => ok(api.GET('/v1/admin/performances/{performanceId}/room/posts', { params: { path: { performanceId } } })),
    [performanceId],
  );
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState('');

  /** Runs an admin's decision; `call` answers the notice to show. */
  const act = async (call: () => Promise<string>) => {
    setProblem(null);
    try {
      setNotice(await call());
      room.reload();
    } catch (e) {
      setProblem(asProblem(e));
    }
  };
  const path = (postId: string) => ({ params: { path: { performanceId, postId } } });

  return (
    <Page title={t('talk.admin.title', { title: perf.data?.title ?? '' })}>
      <p class="hint">{t('talk.admin.intro')}</p>
      <p><a href={`/admin/performances/${performanceId}`}>{perf.data?.title}</a></p>
      <ProblemMessage problem={room.problem ?? problem} />
      <p role="status">{notice}</p>
      {room.loading && !room.data && <Loading />}
      <ul class="cards">
        {(room.data?.items ?? []).map((p) => (
          <li key={p.postId} class="card">
            <ModeratedPost post={p}
              onHide={() => act(async () => {
                await ok(api.POST('/v1/admin/performances/{performanceId}/room/posts/{postId}/hiding', path(p.postId)));
                return t('talk.admin.hidden');
              })}
              onRestore={() => act(async () => {
                await ok(api.POST('/v1/admin/performances/{performanceId}/room/posts/{postId}/restoring',
                  path(p.postId)));
                return t('talk.admin.restored');
              })}
              onMute={(minutes, reason) => act(async () => {
                const muted = await ok(api.PUT('/v1/admin/room-mutes/{accountId}', {
                  params: { path: { accountId: p.authorId ?? '' } }, body: { minutes, reason },
                }));
                return t('talk.admin.muted', { until: seoulTime(muted.mutedUntil, false) });
              })} />
          </li>
        ))}
      </ul>
    </Page>
  );
}

function ModeratedPost(props: {
  post: Post;
  onHide: () => void;
  onRestore: () => void;
  onMute: (minutes: number, reason: string) => void;
}) {
  const { post } = props;
  const id = useId();
  const [minutes, setMinutes] = useState('60');
  const [reason, setReason] = useState('');
  const hidden = post.status === 'HIDDEN_BY_REPORTS' || post.status === 'HIDDEN_BY_ADMIN';
  return (
    <article aria-labelledby={`${id}-who`}>
      <p>
        <strong id={`${id}-who`}>{post.author ?? t('talk.anonymous')}</strong>
        <span class="hint"> · {t(`talk.topic.${post.topic}` as Key)} · {seoulTime(post.postedAt, false)}</span>
      </p>
      <p>{post.body ?? t('talk.deleted')}</p>
      <p class="hint">
        {t('talk.admin.status')}: {t(`talk.status.${post.status}` as Key)} · {t('talk.admin.reports', { n: post.reports ?? 0 })}
        {post.authorId && <> · {t('talk.admin.author')}: <code>{post.authorId}</code></>}
      </p>
      <p class="row">
        {hidden ? (
          <button type="button" onClick={props.onRestore}>{t('talk.admin.restore')}</button>
        ) : post.status !== 'DELETED' && (
          <button type="button" class="secondary" onClick={props.onHide}>{t('talk.admin.hide')}</button>
        )}
      </p>
      {post.authorId && (
        <form class="row" onSubmit={(e) => { e.preventDefault(); props.onMute(Number(minutes), reason); }}>
          <label for={`${id}-minutes`}>{t('talk.admin.muteMinutes')}</label>
          <input id={`${id}-minutes`} type="number" min={1} max={129600} required value={minutes}
            onInput={(e) => setMinutes((e.target as HTMLInputElement).value)} />
          <label for={`${id}-reason`}>{t('talk.admin.muteReason')}</label>
          <input id={`${id}-reason`} required maxLength={200} value={reason}
            onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          <button type="submit" class="secondary">{t('talk.admin.mute')}</button>
        </form>
      )}
    </article>
  );
}
