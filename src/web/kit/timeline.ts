/** One line of a workflow's history on its page (办理过程, 协商过程): who did what when, and what it changed. */
export interface TimelineItem {
  at: string;
  who: string;
  what: string;
  /** `已提交 → 已立案`, when the step moved the status. */
  change: string | null;
  /** What the step recorded worth reading: the number given, the rating … */
  note: string | null;
  comment: string | null;
}

/** What a timeline line is made of: one audited step of a workflow's history. */
export interface HistoryLine {
  at: string;
  actor: { displayName: string };
  actionLabel: string;
  from: string | null;
  to: string | null;
  comment: string | null;
}

/** Any workflow's history as timeline lines, its statuses named by `label` and what is worth reading by `note`. */
export function historyTimeline<H extends HistoryLine>(
  history: H[],
  label: (status: string) => string,
  note: (item: H) => string | null,
): TimelineItem[] {
  return history.map((h) => ({
    at: h.at,
    who: h.actor.displayName,
    what: h.actionLabel,
    change: h.from && h.to && h.from !== h.to ? `${label(h.from)} → ${label(h.to)}` : null,
    note: note(h),
    comment: h.comment,
  }));
}
