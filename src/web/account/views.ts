import type { Role } from '../../common/roles';
import type { PublicProposalView } from '../../proposals/dto/public-proposal.dto';
import type { PublicTopicView } from '../../topics/dto/public-topic.dto';
import type { FormState } from '../kit/forms';
import type { NavAccess } from '../kit/layout';
import type { Pager } from '../kit/paging';

export interface LoginView {
  form: FormState;
  next: string;
  notice: 'loggedOut' | 'expired' | null;
}

export interface PasswordView {
  form: FormState;
  username: string;
  /** The password was chosen by an administrator: every other page leads here until it is changed. */
  mustChange: boolean;
}

export interface HomeView {
  user: { displayName: string; roles: Role[] };
  /** The home page's cards follow the menu. */
  can: NavAccess;
  done: string | null;
  /** 响应超时: topics whose response promise was missed, for facilitators (their point's) and staff; null for others. */
  breaches: number | null;
}

export interface InboxView {
  items: {
    id: number;
    title: string;
    body: string;
    link: string | null;
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
    home: HomeView;
    'account/password': PasswordView;
    inbox: InboxView;
    'public/proposals': PublicProposalsView;
    'public/topics': PublicTopicsView;
  }
}
