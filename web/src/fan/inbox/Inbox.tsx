import { useState } from 'preact/hooks';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { asProblem, usePages } from '../../ui/hooks';
import { Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang } from '../../i18n';
import { FanOnly, MyNav } from '../booking/common';
import { setUnread } from './unread';
import './inbox.css';

type Notification = components['schemas']['NotificationView'];

const PAGE = 20;

/** My inbox: what the system told me (the same words as the e-mail), newest first; opening one marks it read. */
export function Inbox() {
  useLang();
  return (
    <FanOnly title={t('inbox.title')}>
      <InboxScreen />
    </FanOnly>
  );
}

function InboxScreen() {
  const [unread, setCount] = useState(0);
  const { items, setItems, next, loading, problem, setProblem, load } = usePages<Notification>(async (cursor) => {
    const page = await ok(
      api.GET('/v1/me/inbox', { params: { query: { limit: String(PAGE), ...(cursor ? { cursor } : {}) } } }),
    );
    setCount(page.unread);
    setUnread(page.unread);
    return page;
  });

  const markRead = async (n: Notification) => {
    try {
      const read = await ok(
        api.POST('/v1/me/inbox/{notificationId}/read', { params: { path: { notificationId: n.notificationId } } }),
      );
      setItems((all) => all.map((x) => (x.notificationId === read.notificationId ? read : x)));
      if (!n.readAt) {
        setCount((c) => Math.max(0, c - 1));
        setUnread(Math.max(0, unread - 1));
      }
    } catch (e) {
      setProblem(asProblem(e));
    }
  };

  return (
    <Page title={t('inbox.title')}>
      <MyNav />
      <p class="ib-summary" role="status">
        {t('inbox.unread', { count: unread })}
      </p>
      <ProblemMessage problem={problem} />
      {!loading && !problem && items.length === 0 && <p>{t('inbox.none')}</p>}
      <ul class="cards ib-list">
        {items.map((n) => (
          <li key={n.notificationId} class={n.readAt ? 'card ib-read' : 'card ib-unread'}>
            <h2 class="ib-title">
              {!n.readAt && <span class="bk-badge ib-new">{t('inbox.new')}</span>} {n.title}
            </h2>
            <p class="ib-body">{n.body}</p>
            <p class="hint">
              {seoulTime(n.createdAt)}
              {n.readAt && ` · ${t('inbox.readAt', { time: seoulTime(n.readAt) })}`}
            </p>
            {!n.readAt && (
              <button type="button" class="secondary" onClick={() => markRead(n)}>
                {t('inbox.markRead')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {next && (
        <button type="button" class="secondary" disabled={loading} onClick={() => load(next)}>
          {t('inbox.more')}
        </button>
      )}
    </Page>
  );
}
