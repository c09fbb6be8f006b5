// My inbox's words. Korean first; English must have every key.
export const ko = {
  'inbox.nav': '알림함',
  'inbox.badge': '읽지 않은 알림 {count}개',
  'inbox.title': '알림함',
  'inbox.unread': '읽지 않은 알림 {count}개',
  'inbox.none': '받은 알림이 없습니다.',
  'inbox.new': '새 알림',
  'inbox.markRead': '읽음으로 표시',
  'inbox.readAt': '{time}에 읽음',
  'inbox.more': '더 보기',
};

export const en: Record<keyof typeof ko, string> = {
  'inbox.nav': 'Inbox',
  'inbox.badge': '{count} unread notifications',
  'inbox.title': 'Inbox',
  'inbox.unread': '{count} unread',
  'inbox.none': 'No notifications yet.',
  'inbox.new': 'New',
  'inbox.markRead': 'Mark as read',
  'inbox.readAt': 'read {time}',
  'inbox.more': 'More',
};
