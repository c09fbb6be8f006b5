import { useEffect, useId, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok, Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { asProblem, useLoad, useSession } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang, type Key } from '../../i18n';
import './talk.css';

type Post = components['schemas']['RoomPost'];
type Topic = Post['topic'];
const TOPICS: Topic[] = ['TAXI_SHARE', 'MERCHANDISE', 'FREE_TALK'];
/** How often the room is read again. The API lets an edge answer for 2 s; an unchanged room costs a 304. */
const POLL_MS = 5000;

/** A friendlier word for the refusals a fan meets when writing; anything else as the API said it. */
function explainTalk(p: Problem | null): Problem | null {
  if (!p) return null;
  const words: Record<string, Key> = {
    'identity-verification-required': 'talk.problem.identity',
    'account-muted': 'talk.problem.muted',
    'posting-too-fast': 'talk.problem.tooFast',
  };
  const key = words[p.code];
  return key ? new Problem(p.status, p.type, t(key), undefined, [], p.body) : p;
}

function kinds(personalData: string[]): string {
  return personalData.map((k) => t(`talk.personal.${k}` as Key)).join(', ');
}

/**
 * A performance's fan room: topics, threads of one level, the ticket holder mark, writing, replying, editing and
 * deleting my posts, reporting others', and confirming a post the API held for personal data. Read again every few
 * seconds (cacheable, so an unchanged room is a 304).
 */
export function TalkRoom() {
  useLang();
  const { params } = useRoute();
  const performanceId = params.performanceId;
  const claims = useSession();
  const performance = useLoad(
    () => ok(api.GET('/v1/performances/{performanceId}', { params: { path: { performanceId } } })),
    [performanceId],
  );
  const [topic, setTopic] = useState<Topic | null>(null);
  const [first, setFirst] = useState<{ items: Post[]; next: string | null } | null>(null);
  const [older, setOlder] = useState<{ items: Post[]; next: string | null } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState('');
  const [mine, setMine] = useState<{ handle: string; unpublished: Post[] } | null>(null);
  const [held, setHeld] = useState<{ post: Post; personalData: string[] } | null>(null);

  const readFirst = async () => {
    try {
      const page = await ok(api.GET('/v1/performances/{performanceId}/room/posts', {
        params: { path: { performanceId }, query: { topic: topic ?? undefined } },
      }));
      setFirst({ items: page.items, next: page.nextCursor ?? null });
    } catch (e) {
      setProblem(asProblem(e));
    }
  };

  const readMine = async () => {
    if (!claims) return;
    try {
      setMine(await ok(api.GET('/v1/me/rooms/{performanceId}', { params: { path: { performanceId } } })));
    } catch (e) {
      setProblem(asProblem(e));
    }
  };

  useEffect(() => {
    setFirst(null);
    setOlder(null);
    readFirst();
    const timer = setInterval(readFirst, POLL_MS);
    return () => clearInterval(timer);
  }, [performanceId, topic]);
  useEffect(() => {
    readMine();
  }, [performanceId, claims?.sub]);

  const cursor = older ? older.next : first?.next ?? null;
  const readOlder = async () => {
    if (!cursor) return;
    try {
      const page = await ok(api.GET('/v1/performances/{performanceId}/room/posts', {
        params: { path: { performanceId }, query: { topic: topic ?? undefined, cursor } },
      }));
      setOlder((before) => ({ items: [...(before?.items ?? []), ...page.items], next: page.nextCursor ?? null }));
    } catch (e) {
      setProblem(asProblem(e));
    }
  };

  /**
   * After any change of mine: the room and my unpublished posts again, and only then the notice, so that the notice
   * means the room on screen already shows the change.
   */
  const changed = async (message: string) => {
    setProblem(null);
    await Promise.all([readFirst(), readMine()]);
    setNotice(message);
  };

  const write = async (body: { topic?: Topic; replyTo?: string; body: string }) => {
    setProblem(null);
    try {
      const written = await ok(api.POST('/v1/performances/{performanceId}/room/posts', {
        params: { path: { performanceId } },
        body: body as components['schemas']['PostBody'],
      }));
      if (written.personalData.length > 0) {
        setHeld({ post: written.post, personalData: written.personalData as string[] });
        await readMine();
        return true;
      }
      // not awaited: the form empties its box now, before the refresh lands, so that nothing typed after the notice
      // appears is wiped by a late reset
      void changed(t('talk.write.posted'));
      return true;
    } catch (e) {
      setProblem(explainTalk(asProblem(e)));
      return false;
    }
  };

  const act = async (call: () => Promise<unknown>, message: string) => {
    setProblem(null);
    try {
      await call();
      await changed(message);
    } catch (e) {
      setProblem(explainTalk(asProblem(e)));
    }
  };
  const path = (postId: string) => ({ params: { path: { performanceId, postId } } });
  const actions: Actions = {
    handle: mine?.handle ?? null,
    signedIn: !!claims,
    reply: (replyTo, body) => write({ replyTo, body }),
    edit: (postId, body) => act(() => ok(api.PUT('/v1/performances/{performanceId}/room/posts/{postId}',
      { ...path(postId), body: { body } })), t('talk.write.posted')),
    remove: (postId) => act(() => ok(api.DELETE('/v1/performances/{performanceId}/room/posts/{postId}', path(postId))),
      t('talk.deletedNotice')),
    report: (postId) => act(() => ok(api.POST('/v1/performances/{performanceId}/room/posts/{postId}/reports',
      { ...path(postId), body: {} })), t('talk.reported')),
  };
  const confirm = (postId: string) => act(async () => {
    await ok(api.POST('/v1/performances/{performanceId}/room/posts/{postId}/confirmation', path(postId)));
    setHeld(null);
  }, t('talk.personal.confirmed'));

  if (performance.loading && !performance.data) return <Page title={t('talk.link')}><Loading /></Page>;
  const title = t('talk.title', { title: performance.data?.title ?? '' });
  // the first page is read again every few seconds; a post it pushed onto an older page is shown once
  const items = [...(first?.items ?? []), ...(older?.items ?? [])]
    .filter((p, i, all) => all.findIndex((q) => q.postId === p.postId) === i);
  const roots = items.filter((p) => !p.replyTo || !items.some((q) => q.postId === p.replyTo));
  const repliesOf = (id: string) => items.filter((p) => p.replyTo === id).reverse();

  return (
    <Page title={title}>
      <p class="hint">{t('talk.intro')}</p>
      <p><a href={`/performances/${performanceId}`}>{performance.data?.title}</a></p>
      <ProblemMessage problem={performance.problem ?? problem} />
      <p role="status">{notice}</p>
      {held && (
        <section class="card talk-held" aria-labelledby="held-title">
          <h2 id="held-title">{t('talk.personal.title')}</h2>
          <p>{t('talk.personal.text', { kinds: kinds(held.personalData) })}</p>
          <blockquote>{held.post.body}</blockquote>
          <button type="button" onClick={() => confirm(held.post.postId)}>{t('talk.personal.confirm')}</button>
        </section>
      )}
      {claims ? <WriteForm onWrite={write} /> : (
        <p><a href={`/login?next=${encodeURIComponent(`/performances/${performanceId}/talk`)}`}>{t('talk.write.loginFirst')}</a></p>
      )}
      {mine && mine.unpublished.length > 0 && (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title">{t('talk.pending.title')}</h2>
          <ul class="talk-list">
            {mine.unpublished.map((p) => (
              <li key={p.postId} class="card">
                <p class="hint">{t(`talk.pending.${p.status}` as Key)}</p>
                <p>{p.body}</p>
                {p.status === 'AWAITING_CONFIRMATION' && (
                  <button type="button" onClick={() => confirm(p.postId)}>{t('talk.personal.confirm')}</button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div class="row talk-topics" role="group" aria-label={t('talk.filter')}>
        {[null, ...TOPICS].map((k) => (
          <button key={k ?? 'ALL'} type="button" class="secondary" aria-pressed={topic === k}
            onClick={() => setTopic(k)}>
            {t(`talk.topic.${k ?? 'ALL'}` as Key)}
          </button>
        ))}
      </div>
      <p class="hint">{t('talk.live')}</p>
      {first && items.length === 0 && <p>{t('talk.empty')}</p>}
      <ul class="talk-list" aria-label={t('talk.posts')}>
        {roots.map((p) => (
          <li key={p.postId} class="card">
            <PostItem post={p} actions={actions} />
            {repliesOf(p.postId).length > 0 && (
              <ul class="talk-replies">
                {repliesOf(p.postId).map((r) => (
                  <li key={r.postId}><PostItem post={r} actions={actions} /></li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {cursor && <button type="button" class="secondary" onClick={readOlder}>{t('talk.more')}</button>}
    </Page>
  );
}

type Actions = {
  handle: string | null;
  signedIn: boolean;
  reply: (replyTo: string, body: string) => Promise<boolean>;
  edit: (postId: string, body: string) => Promise<void>;
  remove: (postId: string) => Promise<void>;
  report: (postId: string) => Promise<void>;
};

function WriteForm(props: { onWrite: (body: { topic: Topic; body: string }) => Promise<boolean> }) {
  const id = useId();
  const [topic, setTopic] = useState<Topic>('FREE_TALK');
  const [body, setBody] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await props.onWrite({ topic, body })) setBody('');
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('talk.write.title')}</h2>
      <label for={`${id}-topic`}>{t('talk.write.topic')}</label>
      <select id={`${id}-topic`} value={topic} onChange={(e) => setTopic((e.target as HTMLSelectElement).value as Topic)}>
        {TOPICS.map((k) => <option key={k} value={k}>{t(`talk.topic.${k}` as Key)}</option>)}
      </select>
      <label for={`${id}-body`}>{t('talk.write.body')}</label>
      <textarea id={`${id}-body`} maxLength={1000} required rows={3} value={body}
        onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
      <button type="submit">{t('talk.write.submit')}</button>
    </form>
  );
}

function PostItem(props: { post: Post; actions: Actions }) {
  const { post, actions } = props;
  const id = useId();
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const mineToo = actions.handle !== null && post.author === actions.handle;
  const deleted = post.status === 'DELETED';
  const who = post.author ? (mineToo ? `${post.author} (${t('talk.me')})` : post.author) : t('talk.anonymous');
  return (
    <article aria-labelledby={`${id}-who`}>
      <p class="talk-meta">
        <strong id={`${id}-who`}>{who}</strong>
        {post.ticketHolder && <span class="badge">{t('talk.holder')}</span>}
        <span class="hint"> · {t(`talk.topic.${post.topic}` as Key)} · {seoulTime(post.postedAt, false)}</span>
        {post.editedAt && !deleted && <span class="hint"> · {t('talk.edited')}</span>}
      </p>
      {editing ? (
        <form onSubmit={async (e) => { e.preventDefault(); await actions.edit(post.postId, text); setEditing(false); }}>
          <label for={`${id}-edit`} class="visually-hidden">{t('talk.edit')}</label>
          <textarea id={`${id}-edit`} maxLength={1000} required rows={3} value={text}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
          <button type="submit">{t('talk.edit.save')}</button>
        </form>
      ) : (
        <p class={deleted ? 'hint' : 'talk-body'}>{deleted ? t('talk.deleted') : post.body}</p>
      )}
      {actions.signedIn && !deleted && (
        <p class="row">
          {!post.replyTo && (
            <button type="button" class="secondary" onClick={() => setReplying(!replying)}>{t('talk.reply')}</button>
          )}
          {mineToo ? (
            <>
              <button type="button" class="secondary" onClick={() => { setText(post.body ?? ''); setEditing(true); }}>
                {t('talk.edit')}
              </button>
              <button type="button" class="secondary" onClick={() => actions.remove(post.postId)}>{t('talk.delete')}</button>
            </>
          ) : (
            <button type="button" class="secondary" onClick={() => actions.report(post.postId)}>{t('talk.report')}</button>
          )}
        </p>
      )}
      {replying && (
        <form onSubmit={async (e) => {
          e.preventDefault();
          if (await actions.reply(post.postId, text)) { setText(''); setReplying(false); }
        }}>
          <label for={`${id}-reply`}>{t('talk.reply.to')}</label>
          <textarea id={`${id}-reply`} maxLength={1000} required rows={2} value={text}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
          <p class="row">
            <button type="submit">{t('talk.reply.submit')}</button>
            <button type="button" class="secondary" onClick={() => setReplying(false)}>{t('talk.reply.cancel')}</button>
          </p>
        </form>
      )}
    </article>
  );
}
