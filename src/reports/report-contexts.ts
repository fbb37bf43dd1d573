/** A date a template prints: a `Date` or an ISO string, shown in the display time zone. */
export type ReportDate = Date | string;

export interface BriefingFinding {
  heading: string;
  paragraphs: string[];
}

export interface BriefingRecommendationGroup {
  theme: string;
  items: string[];
}

export interface BriefingFollowUp {
  item: string;
  unit: string;
  progress: string;
  status: string;
}

/** 协商要报: one topic or visit under the red masthead; `templates/reports/briefing.hbs`. */
export interface BriefingContext {
  title: string;
  /** 第N期 of the publication in its year (from the gap-free counter). */
  issueNo: number;
  /** The office named in the masthead and the 版记, e.g. 政协吴忠市委员会办公室. */
  issuingOffice: string;
  issuedOn: ReportDate;
  /** 印发日期 in the 版记. */
  printedOn: ReportDate;
  /** Opening paragraphs before 一、. */
  lead: string[];
  background: string[];
  findings: BriefingFinding[];
  recommendations: BriefingRecommendationGroup[];
  /** 落实情况; the section is left out while there is none. */
  followUps: BriefingFollowUp[];
  /** 抄送 */
  cc: string[];
}

/** 提案单: the proposal as filed and as reviewed; `templates/reports/proposal-sheet.hbs`. */
export interface ProposalSheetContext {
  title: string;
  /** e.g. 十二届二次会议 */
  sessionName: string;
  /** 第0045号 within the session, or null before 立案. */
  numberLabel: string | null;
  kindLabel: string;
  categoryLabel: string;
  plenaryLabel: string;
  /** 领衔人 first, then 附议人 (confirmed) and proposers of merged proposals; the group's name for group proposals. */
  proposers: string[];
  sectorName: string | null;
  background: string[];
  suggestions: string[];
  agreeToPublish: boolean;
  submittedAt: ReportDate | null;
  statusLabel: string;
  reviewedAt: ReportDate | null;
  /** 审查意见: 立案 and the units, or 不予立案 with its ground. */
  reviewOpinion: string | null;
  leadUnit: string | null;
  coUnits: string[];
  deadline: ReportDate | null;
  printedOn: ReportDate;
}

/** 答复函: a unit's reply to a proposal; `templates/reports/reply-letter.hbs`. */
export interface ReplyLetterContext {
  title: string;
  unitName: string;
  letterNo: string | null;
  /** A / B / C in the top right, with its meaning. */
  classification: string;
  classificationLabel: string;
  /** 张三委员 / 九三学社吴忠市委员会 */
  addressee: string;
  proposalTitle: string;
  sessionName: string;
  /** 第0045号 within the session, or null for a proposal without a number. */
  numberLabel: string | null;
  paragraphs: string[];
  public: boolean;
  signer: string | null;
  contact: string | null;
  repliedOn: ReportDate;
  /** 抄送 */
  cc: string[];
}

export interface AnnualProposalRow {
  numberLabel: string | null;
  title: string;
  proposer: string;
  units: string;
  statusLabel: string;
  deadline: ReportDate | null;
  /** 督办领导, for key proposals. */
  supervisor: string | null;
}

/** 提案办理情况报告 of a session: figures, rates, tables and charts; `templates/reports/proposal-annual.hbs`. */
export interface ProposalAnnualContext {
  title: string;
  sessionName: string;
  issuingOffice: string;
  issuedOn: ReportDate;
  printedOn: ReportDate;
  /** The opening paragraphs, with the figures in words. */
  summary: string[];
  rates: Array<{ label: string; value: string; detail: string }>;
  byCategory: Array<{ label: string; total: number; accepted: number }>;
  bySector: Array<{ name: string; total: number; accepted: number }>;
  byUnit: Array<{ name: string; assigned: number; replied: number; overdue: number }>;
  keyProposals: AnnualProposalRow[];
  overdueProposals: AnnualProposalRow[];
  /** SVG drawn by ECharts on the server (labels escaped by it), put in as they are. */
  charts: { rates: string; byCategory: string; byUnit: string | null };
  cc: string[];
}

export interface MemberRecordLine {
  label: string;
  points: number;
  /** The source record's date (立案, the meeting, the outcome's closing). */
  at: ReportDate | null;
}

/** 委员履职档案: one member's year; `templates/reports/member-record.hbs`. */
export interface MemberRecordContext {
  title: string;
  year: number;
  name: string;
  sectorName: string;
  committees: string[];
  /** The counts by area: 提案, 协商会议, 视察调研 (when the module is there), 发言, 成果. */
  proposals: { led: number; ledAccepted: number; key: number; excellent: number; cosigned: number; cosignedAccepted: number };
  meetings: { invited: number; attended: number; excused: number; absent: number; unrecorded: number };
  visits: { invited: number; attended: number; excused: number; absent: number; unrecorded: number } | null;
  speeches: number;
  outcomesAdopted: number;
  lines: MemberRecordLine[];
  points: number;
  baseScore: number;
  score: number;
  grade: string;
  /** The rule set it was scored by, with its checksum. */
  rulesName: string;
  rulesVersion: string;
  grades: Array<{ min: number; label: string }>;
  issuingOffice: string;
  printedOn: ReportDate;
}

/** One typed context per report template, by kind. */
export interface ReportContexts {
  briefing: BriefingContext;
  'proposal-sheet': ProposalSheetContext;
  'reply-letter': ReplyLetterContext;
  'proposal-annual': ProposalAnnualContext;
  'member-record': MemberRecordContext;
}

export type ReportKind = keyof ReportContexts;
