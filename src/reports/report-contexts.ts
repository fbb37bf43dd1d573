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

/** One typed context per report template, by kind. */
export interface ReportContexts {
  briefing: BriefingContext;
}

export type ReportKind = keyof ReportContexts;
