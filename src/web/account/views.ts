import type { Role } from '../../common/roles';
import type { DeliveryView } from '../../notifications/notice-settings.dto';
import type { PublicProposalView } from '../../proposals/dto/public-proposal.dto';
import type { TodoItem } from '../../todos/todo.dto';
import type { PublicTopicView } from '../../topics/dto/public-topic.dto';
import type { FormState } from '../kit/forms';
import type { Pager } from '../kit/paging';
import type { HomeCard } from './home-cards';

export interface LoginView {
  form: FormState;
  next: string;
  notice: 'loggedOut' | 'expired' | 'reset' | null;
  /** Where 短信验证码登录 is (keeping `next`); null: no SMS provider, sign-in and reset by code are not offered. */
  smsHref: string | null;
}

/** 短信验证码登录 (`login`) and 忘记密码 (`reset`): one form, the code sent in a first post. */
export interface SmsSignInView {
  mode: 'login' | 'reset';
  form: FormState;
  next: string;
  /** 138****8001 once a code has gone out. */
  sentTo: string | null;
  /** The install has an SMS provider. */
  available: boolean;
  action: string;
}

export interface PasswordView {
  form: FormState;
  username: string;
  /** The password was chosen by an administrator: every other page leads here until it is changed. */
  mustChange: boolean;
  /** The account signs in with a second factor: the page links to 两步验证 (recovery codes). */
  secondFactor: boolean;
}

/** A 待办 line as the home page prints it. */
export interface HomeTodoLine extends TodoItem {
  /** 「最早 12月3日」, with the year when it is not this year (empty: no date). */
  since: string;
  overdue: boolean;
}

export interface HomeView {
  user: { displayName: string; roles: Role[] };
  /** 待办 first: one group per role with something waiting (响应超时 among the staff's and facilitators'). */
  todos: Array<{ role: Role; roleLabel: string; items: HomeTodoLine[] }>;
  /** More than one group: each is headed by its role. */
  grouped: boolean;
  /** The home page's cards: the menu entries the person may reach. */
  cards: HomeCard[];
  done: string | null;
}

export interface InboxView {
  items: {
    id: number;
    title: string;
    body: string;
    link: string | null;
    /** Its link led to a proposal the reader may no longer open (a unit's returned assignment): shown without it. */
    linkClosed: boolean;
    createdAt: Date;
    readAt: Date | null;
    unread: boolean;
  }[];
  pager: Pager;
  unreadOnly: boolean;
  unread: number;
  done: 'read' | 'all' | null;
  /** Where a mark-read form returns to. */
  back: string;
  /** Staff: a link to 发送记录. */
  showDeliveries: boolean;
}

export interface NoticeSettingsPageView {
  form: FormState;
  saved: boolean;
  /** The account's mobile as 138****0001, or null: none on record. */
  mobile: string | null;
  channels: { email: boolean; sms: boolean };
  /** 夜间免打扰：22:00 至次日 7:00 不发短信 */
  quietLabel: string;
  categories: { category: string; label: string; hint: string; emailField: string; smsField: string }[];
}

export interface DeliveriesPageView {
  items: (DeliveryView & { failed: boolean })[];
  pager: Pager;
  statuses: { value: string; label: string; current: boolean; href: string }[];
  allHref: string;
  anyStatus: boolean;
  retried: boolean;
}

export interface PublicProposalsView {
  items: PublicProposalView[];
  pager: Pager;
  q: string;
}

export interface PublicTopicsView {
  items: PublicTopicView[];
  pager: Pager;
  q: string;
}

/** The account journey's views, each with its typed context: signing in, home, 消息, the public lists, the password. */
declare module '../kit/layout' {
  interface ViewContexts {
    login: LoginView;
    'login-sms': SmsSignInView;
    home: HomeView;
    'account/password': PasswordView;
    inbox: InboxView;
    'account/notices': NoticeSettingsPageView;
    'inbox/deliveries': DeliveriesPageView;
    'public/proposals': PublicProposalsView;
    'public/topics': PublicTopicsView;
    /** One published topic: where a 公示单's QR code leads. */
    'public/topic': { topic: PublicTopicView };
  }
}
