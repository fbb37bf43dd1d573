import type { SecurityEventView } from '../../audit/security-events.dto';
import type { UserView } from '../../auth/user-view';
import type { FormState } from '../kit/forms';
import type { DirectorySection, Option } from '../kit/layout';
import type { Pager } from '../kit/paging';
import type { AuditChange } from './audit-labels';

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
  /** The account has a second factor on: the page offers to reset it. */
  secondFactorEnabled?: boolean;
}

export interface AuditView {
  items: {
    seq: number;
    at: Date;
    actorName: string;
    entityLabel: string;
    verbLabel: string;
    entityId: string;
    changes: AuditChange[];
  }[];
  pager: Pager;
  entityType: string;
  entityTypes: Option[];
}

export interface SecurityEventsView {
  items: (SecurityEventView & { summary: string })[];
  pager: Pager;
  filters: Record<string, string>;
  types: Option[];
}

/** The directory journey's views, each with its typed context: 名录 and its six lists, 账号管理, 审计日志, 安全事件. */
declare module '../kit/layout' {
  interface ViewContexts {
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
    'admin/security-events': SecurityEventsView;
  }
}
