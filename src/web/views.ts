import type { Actor } from '../common/actor';
import { hasRole } from '../common/actor';
import type { Role } from '../common/roles';
import type { Organization } from '../config/organization';
import type { UserView } from '../auth/user-view';
import type { FormState } from './forms';
import type { Pager } from './paging';
import type { PublicProposalView } from '../proposals/dto/public-proposal.dto';

/** What the signed-in person may reach from the menu; the labels are in the layout template. */
export interface Nav {
  directory: boolean;
  users: boolean;
  audit: boolean;
}

export function navFor(actor: Actor): Nav {
  return { directory: hasRole(actor, 'admin', 'staff'), users: hasRole(actor, 'admin'), audit: hasRole(actor, 'admin') };
}

/** The directory lists, by their path under /directory/. */
export const DIRECTORY_SECTIONS = ['members', 'sectors', 'committees', 'units', 'points', 'sessions'] as const;
export type DirectorySection = (typeof DIRECTORY_SECTIONS)[number];

/** The menu entry shown as the current one (`aria-current="page"`). */
export type Section = 'home' | 'account' | 'login' | 'error' | 'directory' | DirectorySection | 'users' | 'audit' | 'inbox' | 'public';

export interface Option {
  value: string;
  label: string;
}

export interface LayoutContext {
  title: string;
  body: string;
  assetVersion: string;
  csrf: string;
  org: Organization;
  user: { displayName: string; roles: Role[] } | null;
  nav: Nav | null;
  /** The signed-in person's unread messages, shown beside 消息 in the menu (null: not counted for this page). */
  unread: number | null;
  section: Section;
  /** A directory page: 名录 is the current menu entry. */
  inDirectory: boolean;
  hasErrors: boolean;
}

export interface ErrorView {
  status: number;
  code: string;
  message: string;
  fields: string[];
}

export interface LoginView {
  form: FormState;
  next: string;
  notice: 'loggedOut' | 'expired' | null;
}

export interface HomeView {
  user: { displayName: string; roles: Role[] };
  can: Nav;
  done: string | null;
}

/** What every directory record view has; each list's template reads its own fields. */
export interface DirectoryItem {
  id: number;
  disabled: boolean;
  version: number;
}

export interface DirectoryListView {
  section: DirectorySection;
  basePath: string;
  items: DirectoryItem[];
  pager: Pager;
  q: string;
  /** The list's filters as typed (`q` and e.g. `sectorId`), for the search form. */
  filters: Record<string, string>;
  choices: Record<string, Option[]>;
  canEdit: boolean;
  done: string | null;
}

export interface DirectoryFormView {
  section: DirectorySection;
  basePath: string;
  action: string;
  form: FormState;
  record: DirectoryItem | null;
  choices: Record<string, Option[]>;
}

export interface UsersView {
  items: UserView[];
  pager: Pager;
  q: string;
  role: string;
  roles: Option[];
  done: string | null;
}

export interface UserFormView {
  action: string;
  form: FormState;
  user: UserView | null;
  roles: Option[];
}

export interface AuditView {
  items: {
    seq: number;
    at: Date;
    actorName: string;
    entity: string;
    verb: string;
    entityId: string;
    changes: { field: string; from: unknown; to: unknown; hasFrom: boolean }[];
  }[];
  pager: Pager;
  entityType: string;
}

export interface InboxView {
  items: { id: number; title: string; body: string; link: string | null; createdAt: Date; readAt: Date | null; unread: boolean }[];
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

/** One typed context per template under `templates/views/`. */
export interface ViewContexts {
  error: ErrorView;
  login: LoginView;
  home: HomeView;
  'account/password': { form: FormState; username: string };
  directory: { canEdit: boolean };
  'directory/members': DirectoryListView;
  'directory/member-form': DirectoryFormView;
  'directory/sectors': DirectoryListView;
  'directory/sector-form': DirectoryFormView;
  'directory/committees': DirectoryListView;
  'directory/committee-form': DirectoryFormView;
  'directory/units': DirectoryListView;
  'directory/unit-form': DirectoryFormView;
  'directory/points': DirectoryListView;
  'directory/point-form': DirectoryFormView;
  'directory/sessions': DirectoryListView;
  'directory/session-form': DirectoryFormView;
  'admin/users': UsersView;
  'admin/user-form': UserFormView;
  'admin/audit': AuditView;
  inbox: InboxView;
  'public/proposals': PublicProposalsView;
}
