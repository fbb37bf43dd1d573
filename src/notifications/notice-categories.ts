import type { ExternalChannel } from './channels/channel';

/**
 * Which notices go by which channel (issue 19), as one table. A notice falls into the first category that takes
 * it; each person may turn a category's e-mail or SMS on or off (通知设置). By default every category goes by
 * e-mail, and by SMS only what cannot wait: invitations to visits and meetings and their changes, deadlines within
 * 3 days, documents waiting for the reader's 签发. The in-app inbox always has every notice.
 */
export const NOTICE_CATEGORIES = [
  'invitation',
  'deadline',
  'signoff',
  'proposal',
  'topic',
  'opinion',
  'other',
] as const;
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number];

export interface CategoryRule {
  label: string;
  /** Shown under the label on the settings page. */
  hint: string;
  sms: boolean;
  email: boolean;
}

export const CATEGORY_RULES: Record<NoticeCategory, CategoryRule> = {
  invitation: { label: '视察、会议的邀请和变更', hint: '邀请、时间地点变更、取消、会前提醒', sms: true, email: true },
  deadline: { label: '3 天内到期的事项', hint: '联名确认、答复、评价等临近截止的提醒', sms: true, email: true },
  signoff: { label: '待我签发的公文', hint: '协商要报、调研报告等提交签发', sms: true, email: true },
  proposal: { label: '提案', hint: '立案、交办、答复、催办等进展', sms: false, email: true },
  topic: { label: '协商议题', hint: '议题办理、承诺时限', sms: false, email: true },
  opinion: { label: '社情民意和领导批示', hint: '采用、批示、交办事项', sms: false, email: true },
  other: { label: '收文和其他消息', hint: '', sms: false, email: true },
};

/** Deadlines this close go by SMS by default. */
export const NEAR_DEADLINE_MS = 3 * 24 * 3600_000;

const PREFIXES: [string, NoticeCategory][] = [
  ['visit.', 'invitation'],
  ['meeting.', 'invitation'],
  ['report.submitted', 'signoff'],
  ['proposal.', 'proposal'],
  ['commitment.', 'proposal'],
  ['topic.', 'topic'],
  ['opinion.', 'opinion'],
  ['instruction.', 'opinion'],
];

/** The category of a notice of `kind`, about a deadline `dueAt` (if any), dispatched at `now`. */
export function categoryOf(kind: string, dueAt: Date | null, now: Date): NoticeCategory {
  const byKind = PREFIXES.find(([prefix]) => kind === prefix || kind.startsWith(prefix))?.[1] ?? 'other';
  if (byKind === 'invitation' || byKind === 'signoff') return byKind;
  if (dueAt && dueAt.getTime() > now.getTime() && dueAt.getTime() - now.getTime() <= NEAR_DEADLINE_MS)
    return 'deadline';
  return byKind;
}

/** One person's settings: per category and channel on or off (absent: the default), and the e-mail digest. */
export interface NoticeSettings {
  channels: Partial<Record<NoticeCategory, Partial<Record<ExternalChannel, boolean>>>>;
  /** One e-mail a day with the day's notices instead of one e-mail each. */
  digest: boolean;
  /** No SMS in the quiet hours (but what the office marks urgent). */
  quietHours: boolean;
}

export const DEFAULT_SETTINGS: NoticeSettings = { channels: {}, digest: false, quietHours: true };

export function wants(settings: NoticeSettings, category: NoticeCategory, channel: ExternalChannel): boolean {
  return settings.channels[category]?.[channel] ?? CATEGORY_RULES[category][channel];
}

/** Settings read from storage: anything unknown or malformed falls back to the default. */
export function parseSettings(text: string | null | undefined): NoticeSettings {
  if (!text) return { ...DEFAULT_SETTINGS, channels: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ...DEFAULT_SETTINGS, channels: {} };
  }
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const channels: NoticeSettings['channels'] = {};
  const given = (r.channels && typeof r.channels === 'object' ? r.channels : {}) as Record<string, unknown>;
  for (const category of NOTICE_CATEGORIES) {
    const c = given[category] as Record<string, unknown> | undefined;
    if (!c || typeof c !== 'object') continue;
    const entry: Partial<Record<ExternalChannel, boolean>> = {};
    for (const ch of ['email', 'sms'] as const) if (typeof c[ch] === 'boolean') entry[ch] = c[ch];
    channels[category] = entry;
  }
  return {
    channels,
    digest: typeof r.digest === 'boolean' ? r.digest : DEFAULT_SETTINGS.digest,
    quietHours: typeof r.quietHours === 'boolean' ? r.quietHours : DEFAULT_SETTINGS.quietHours,
  };
}
