import type { InboxItemView, ReportView } from '../../reports/reports.dto';
import type { Pager } from '../kit/paging';

/** The reports journey's views, each with its typed context: 报告, a report's page, the leaders' 收文. */
declare module '../kit/layout' {
  interface ViewContexts {
    'reports/index': { items: ReportView[]; pager: Pager; refresh: number | null; isStaff: boolean };
    'reports/inbox': { items: InboxItemView[]; unread: number; pager: Pager };
    'reports/show': {
      report: ReportView;
      pending: boolean;
      /** Seconds until the page reloads itself (public/app.js) while the report is being made. */
      refresh: number | null;
      canDeliver: boolean;
      /** Staff and admins see the file's bookkeeping (attempts, bytes, SHA-256); a leader reads the document only. */
      technical: boolean;
      leaders: Array<{ id: number; displayName: string; delivered: boolean }>;
      done: 'delivered' | null;
      error: string | null;
    };
  }
}
