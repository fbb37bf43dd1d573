/** A date a template prints: a `Date` or an ISO string, shown in the display time zone. */
export type ReportDate = Date | string;

export interface BriefingFinding {
  /** null: paragraphs straight under the section heading. */
  heading: string | null;
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

/** The heads of the 落实情况 table: a topic's outcomes go to 承办单位; a visit's follow-ups are topics and proposals. */
export interface BriefingFollowUpHeads {
  item: string;
  unit: string;
  progress: string;
}

/** One line of the 版记 above 印发: 报：市委，市人大常委会，市政府。 */
export interface BriefingDistributionLine {
  /** 报 / 送 / 发 */
  label: string;
  names: string[];
}

/**
 * 协商要报: one topic or visit under the red masthead; `templates/reports/briefing.hbs`. A consultation point's
 * topic is its own 协商结果公示 instead (`notice`): the point's name as the masthead, no 期号, no 报/送/发.
 */
export interface BriefingContext {
  title: string;
  /** 协商结果公示 of a consultation point: its name (`issuingOffice`) heads the page instead of 协商要报. */
  notice: boolean;
  /** 第N期 of the publication in its year (from the gap-free counter); null for a notice. */
  issueNo: number | null;
  /** The office named in the masthead and the 版记, e.g. 政协吴忠市委员会办公室; the point for a notice. */
  issuingOffice: string;
  issuedOn: ReportDate;
  /** 印发日期 in the 版记. */
  printedOn: ReportDate;
  /** A 送审稿 (before 签发): number and date left blank, marked 送审稿. */
  draft: boolean;
  /** 签发人, once signed off. */
  signer: string | null;
  /** Opening paragraphs before 一、. */
  lead: string[];
  backgroundHeading: string;
  background: string[];
  /** 主要问题 (a topic: the organiser's minutes and the themes) or 发现的问题 (a visit). */
  findingsHeading: string;
  findings: BriefingFinding[];
  /** 意见建议, or 协商结果 for a notice. */
  recommendationsHeading: string;
  /** Paragraphs straight under 意见建议, before its themes (none unless typed in). */
  recommendationsLead: string[];
  recommendations: BriefingRecommendationGroup[];
  /** 落实情况 (a topic) or 后续工作 (a visit); the section is left out while there is none. */
  followUpsHeading: string;
  followUpHeads: BriefingFollowUpHeads;
  followUps: BriefingFollowUp[];
  /** 报 / 送 / 发 lines of the 版记 (`briefingRecipients` of organization.json); none for a notice. */
  distribution: BriefingDistributionLine[];
  /** 抄送 */
  cc: string[];
}

export interface VisitReportStop {
  position: number;
  /** 6月18日 08:30 (the date and time in the display zone, preformatted). */
  at: string;
  place: string;
  contact: string | null;
  purpose: string | null;
}

export interface VisitReportFindingGroup {
  /** The stop's place, 其他方面 for findings of the whole visit; null when no finding names a stop. */
  heading: string | null;
  items: Array<{ problem: string; suggestion: string | null }>;
}

export interface VisitReportPhoto {
  /** A data: URL of the photo scaled down for print (the renderer loads nothing else). */
  src: string;
  caption: string;
}

/** 视察调研报告: one completed visit as a formal document; `templates/reports/visit-report.hbs`. */
export interface VisitReportContext {
  title: string;
  /** No 期号: the masthead partial leaves the line out. */
  issueNo: null;
  issuingOffice: string;
  issuedOn: ReportDate;
  printedOn: ReportDate;
  /** A 送审稿 (before 签发): number and date left blank, marked 送审稿. */
  draft: boolean;
  /** 签发人, once signed off. */
  signer: string | null;
  /** 视察 / 调研 / 走访 / 观摩 */
  kindLabel: string;
  lead: string[];
  /** 调研目的 */
  purposeHeading: string;
  purpose: string[];
  /** 政协XX市委员会经济委员会 */
  organizer: string;
  /** 2026年6月18日 08:30至12:00 */
  time: string;
  participants: { members: string[]; staff: string[]; unitPeople: string[]; excused: string[]; absent: string[] };
  stops: VisitReportStop[];
  /** 发现的问题和建议 */
  findingsHeading: string;
  findingGroups: VisitReportFindingGroup[];
  photos: VisitReportPhoto[];
  /** Photos beyond the printed maximum, and those no image could be read from. */
  photosLeftOut: number;
  photosUnreadable: number;
  /** 后续工作: the topics and proposals raised from the visit, as sentences. */
  followUpsHeading: string;
  followUps: string[];
  /** 抄送: the units whose people were invited. */
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
  /**
   * The 领衔人's 工作单位及职务 and 联系电话, for a requester who may see them (staff, admin, the member); null
   * otherwise and for group proposals (the rows are then left out).
   */
  leadContact: { employer: string | null; phone: string | null } | null;
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
  /** A / B / C, printed 「答复类别：B类」 under the masthead when `printClassification`. */
  classification: string;
  classificationLabel: string;
  printClassification: boolean;
  /** 尊敬的张三委员 / 尊敬的张三等3位委员 / 尊敬的九三学社吴忠市委员会 */
  addressee: string;
  /** 您提出的《…》（第0045号）收悉。现答复如下： (你们 for several proposers or a group; no number when it has none). */
  received: string;
  /** 感谢您对我们工作的关心和支持。 */
  closing: string;
  paragraphs: string[];
  public: boolean;
  signer: string | null;
  /** 联系人及电话 lines: the reply's own, else the unit's contact person and phone. */
  contact: string[];
  repliedOn: ReportDate;
  /** 抄送 */
  cc: string[];
  /** 信函格式 (GB/T 9704 10.1): no page number on the first page. */
  letterFormat: true;
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

/** 提案办理情况报告 of a session: masthead, 文号, the narrative, then the figures, tables and charts as 附表; `templates/reports/proposal-annual.hbs`. */
export interface ProposalAnnualContext {
  title: string;
  sessionName: string;
  /** 吴政协提办〔2026〕3号 (prefix from config/organization.json, 第N号 from the per-year counter); null for a report made before it was numbered. */
  docNumber: string | null;
  issuingOffice: string;
  issuedOn: ReportDate;
  printedOn: ReportDate;
  /** A 送审稿 (before 签发): number and date left blank, marked 送审稿. */
  draft: boolean;
  /** 签发人, once signed off. */
  signer: string | null;
  /** The paragraphs after the salutation. */
  lead: string[];
  /** 一、基本情况 … 五、下一步工作, pre-filled from the figures (src/reports/proposal-annual-text.ts). */
  sections: Array<{ heading: string; paragraphs: string[] }>;
  /** The 附表's main figures; a rate without data is said in words (暂不计算, 暂无评价). */
  rates: Array<{ label: string; value: string; detail: string }>;
  /** The rates left out of the chart for want of data (办理工作满意率、办理结果满意率), or null when all are drawn. */
  ratesLeftOut: string | null;
  byCategory: Array<{ label: string; total: number; accepted: number }>;
  bySector: Array<{ name: string; total: number; accepted: number }>;
  byUnit: Array<{ name: string; assigned: number; replied: number; overdue: number }>;
  keyProposals: AnnualProposalRow[];
  overdueProposals: AnnualProposalRow[];
  /** SVG drawn by ECharts on the server (labels escaped by it), put in as they are; null where there is nothing to draw. */
  charts: { rates: string | null; byCategory: string | null; byUnit: string | null };
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
  proposals: {
    led: number;
    ledAccepted: number;
    key: number;
    excellent: number;
    cosigned: number;
    cosignedAccepted: number;
  };
  meetings: { invited: number; attended: number; excused: number; absent: number; unrecorded: number };
  visits: { invited: number; attended: number; excused: number; absent: number; unrecorded: number } | null;
  speeches: number;
  /** 社情民意: submitted, 采用编报, 采用 by upper bodies, 批示 (RecordSummary.opinions). */
  opinions: { submitted: number; accepted: number; adopted: number; instructed: number };
  /** The sections' numbers (一、二、…): 视察调研 and 社情民意 only when there is something to say (else null). */
  sections: { visits: number | null; opinions: number | null; outcomes: number; points: number };
  outcomesAdopted: number;
  lines: MemberRecordLine[];
  points: number;
  baseScore: number;
  score: number;
  grade: string;
  /** False while the year runs: the score so far, no band. */
  gradeFinal: boolean;
  /** The rule set it was scored by, as the member knows it (no checksum, no 「（默认）」). */
  rulesName: string;
  grades: Array<{ min: number; label: string }>;
  issuingOffice: string;
  printedOn: ReportDate;
}

/** One result on a 公示单: the outcome, who carries it out and by when, where there is one. */
export interface NoticeSheetOutcome {
  text: string;
  /** 责任单位; null: the point's council and the community see to it. */
  unit: string | null;
  due: ReportDate | null;
}

/** One held meeting on a 公示单: when, what kind, and how many took part (those not marked 请假 or 缺席). */
export interface NoticeSheetMeeting {
  at: ReportDate;
  kindLabel: string;
  participants: number;
  /** 居民/群众代表、部门、委员: the sides present, in the order of the list. */
  sides: string[];
}

/**
 * 公示单: a consultation point's topic on one A4 page for the notice board (not a 公文: no masthead, no 版记);
 * `templates/reports/notice-sheet.hbs`. The type gets smaller with the number of outcomes so the page stays one.
 */
export interface NoticeSheetContext {
  /** The document's title (PDF metadata and the report list): 关于…的协商结果公示. */
  title: string;
  /** The point, printed under the heading and at the foot; the PDF's Author. */
  issuingOffice: string;
  /** The topic as it is known in the neighbourhood. */
  topic: string;
  meetings: NoticeSheetMeeting[];
  /** Everyone who took part, over all the meetings. */
  participants: number;
  outcomes: NoticeSheetOutcome[];
  /** 公示期: from the day it is printed, `noticeDays` of config/topics.json long (both ends counted). */
  noticeFrom: ReportDate;
  noticeTo: ReportDate;
  noticeDays: number;
  /** Where to bring an objection: the point's address when it has one. */
  address: string | null;
  /** The public topic page (XS_PUBLIC_BASE_URL + /public/topics/:id) the QR code leads to. */
  publicUrl: string;
  /** The QR code of `publicUrl`, an SVG drawn by `qrcode` (error correction M), put in as it is. */
  qrSvg: string;
  issuedOn: ReportDate;
}

/** One item of an issue of 《社情民意》: its title, text and who reported it («（张三、李四委员反映）»). */
export interface OpinionIssueItem {
  heading: string;
  paragraphs: string[];
}

/** 《社情民意》 第N期: 专报 (one item) or 综合 (several) under the periodical's masthead; `opinion-issue.hbs`. */
export interface OpinionIssueContext {
  title: string;
  /** 专报 or 综合 */
  formLabel: string;
  issueNo: number | null;
  issuingOffice: string;
  issuedOn: ReportDate;
  printedOn: ReportDate;
  draft: boolean;
  signer: string | null;
  lead: string[];
  items: OpinionIssueItem[];
  /** 报 / 送 lines (`issueRecipients` of config/opinions.json). */
  distribution: BriefingDistributionLine[];
  cc: string[];
}

/** A numbered section of an issued document's text, with the key its editable text gives it. */
export interface KeyedSection {
  key: string;
  heading: string;
  paragraphs: string[];
}

/**
 * 社情民意信息工作通报 of a year: the office's masthead and 文号 (taken at 签发), the four sections written from
 * the statistics, then the 附件 tables (by sector, the members most taken up) when the year has items;
 * `templates/reports/opinion-annual.hbs`.
 */
export interface OpinionAnnualContext {
  title: string;
  year: number;
  /** 吴政协办〔2026〕2号 (`bulletinPrefix` of config/opinions.json); 〔2026〕　号 on a 送审稿. */
  docNumber: string | null;
  /** 政协吴忠市委员会办公室: masthead, signature and 版记. */
  issuingOffice: string;
  issuedOn: ReportDate;
  printedOn: ReportDate;
  draft: boolean;
  signer: string | null;
  /** 主送: 各专门委员会，各界别，各位委员： */
  addressee: string;
  lead: string[];
  sections: KeyedSection[];
  /** False for a year without items: no 附件, the text says so. */
  hasData: boolean;
  /** 附件's title: 2026年度社情民意信息报送采用情况统计表 */
  annexTitle: string;
  total: { submitted: number; accepted: number; adopted: number; adoptionRate: string };
  bySector: Array<{ name: string; submitted: number; accepted: number; adopted: number; adoptionRate: string }>;
  topMembers: Array<{ name: string; submitted: number; accepted: number; adopted: number }>;
  distribution: BriefingDistributionLine[];
  /** 抄送 (`bulletinCc` of config/opinions.json). */
  cc: string[];
}

/**
 * 提案办理回头看情况报告 of a year: the 提案委员会's masthead and 文号, four sections written from the commitments
 * of B/C replies, and the 各单位落实情况 table after 二、; `templates/reports/commitment-review.hbs`.
 */
export interface CommitmentReviewContext {
  title: string;
  year: number;
  docNumber: string | null;
  issuingOffice: string;
  issuedOn: ReportDate;
  printedOn: ReportDate;
  draft: boolean;
  signer: string | null;
  lead: string[];
  sections: KeyedSection[];
  /** The table under the section keyed `units`: one row a unit, then 合计; the rate in words where there is none. */
  byUnit: Array<{ name: string; count: number; keptOnTime: number; overdue: number; rate: string }>;
  total: { count: number; keptOnTime: number; overdue: number; rate: string } | null;
  distribution: BriefingDistributionLine[];
  cc: string[];
}

/** One typed context per report template, by kind. */
export interface ReportContexts {
  briefing: BriefingContext;
  'visit-report': VisitReportContext;
  'proposal-sheet': ProposalSheetContext;
  'reply-letter': ReplyLetterContext;
  'proposal-annual': ProposalAnnualContext;
  'member-record': MemberRecordContext;
  'notice-sheet': NoticeSheetContext;
  'opinion-issue': OpinionIssueContext;
  'opinion-annual': OpinionAnnualContext;
  'commitment-review': CommitmentReviewContext;
}

export type ReportKind = keyof ReportContexts;
