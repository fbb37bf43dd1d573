import type { OpinionIssueView } from '../../opinions/dto/opinion-issue.dto';
import type { InboxItemView, ReportView } from '../../reports/reports.dto';
import type { RevisionView } from '../../reports/signoff/report-signoff.dto';
import type { InstructionSection } from '../instructions/views';
import type { FormState } from '../kit/forms';
import type { Pager } from '../kit/paging';

/** The reports journey's views, each with its typed context: 报告, a report's page, the leaders' 收文. */
declare module '../kit/layout' {
  interface ViewContexts {
    'reports/index': { items: ReportView[]; pager: Pager; refresh: number | null; isStaff: boolean };
    'reports/inbox': { items: InboxItemView[]; unread: number; pager: Pager; awaiting: ReportView[] };
    'reports/edit': {
      report: ReportView;
      revision: number;
      form: FormState;
      /** Per section: its form fields, and whether it is a sub-section (（一）) of the one before. */
      sections: Array<{ index: number; sub: boolean; headingField: string; textField: string }>;
    };
    'reports/show': {
      report: ReportView;
      pending: boolean;
      /** Seconds until the page reloads itself (public/app.js) while the report is being made. */
      refresh: number | null;
      canDeliver: boolean;
      /** Staff and admins see the file's bookkeeping (attempts, bytes, SHA-256); a leader reads the document only. */
      technical: boolean;
      leaders: Array<{ id: number; displayName: string; delivered: boolean }>;
      /** A document the office issues: drafted, edited and signed off (its stage, revisions and steps shown). */
      issued: boolean;
      canEdit: boolean;
      canSubmit: boolean;
      canSign: boolean;
      revisions: RevisionView[];
      /** The message after a step (已送达, 已签发 …). */
      done: string | null;
      error: string | null;
      /** 批示 on the document, for staff and leaders once it is delivered. */
      instructions: InstructionSection | null;
      /** An issue of 《社情民意》: its items (linked back) and its own 送达 (which tells the contributors). */
      opinionIssue: OpinionIssueView | null;
    };
  }
}
