/*
 * A record's history is read by everyone who may read the record, but some steps record what its detail view
 * shows to some readers only (a 请假 reason, a unit's extension request, each person's 评题 score, the comments
 * typed in for a draft). Each journey builds its history for one reader with the rules of its detail view
 * (`ProposalViews.history`, `VisitViews.history`, `TopicViews.history`, `DraftViews.history`); these are the
 * ways a step is narrowed.
 */

/** What narrowing needs of a history step (WorkflowHistoryItem, or a journey's documented view of it). */
interface Step {
  comment: string | null;
  details?: Record<string, unknown>;
}

/** A step with what it recorded held back: the action, who took it and when stay; the comment and the details go. */
export const withheld = <H extends Step>(h: H): H => ({ ...h, comment: null, details: {} });

/** What narrowing needs of a history step (WorkflowHistoryItem, or a journey's documented view of it). */
interface Step {
  comment: string | null;
  details?: Record<string, unknown>;
}

/** A step without its comment (e.g. a 请假 reason), its details kept. */
export const withoutComment = <H extends Step>(h: H): H => ({ ...h, comment: null });

/** A step without some of its details (e.g. the invitees of a draft, shown to its organiser only). */
export const withoutDetails = <H extends Step>(h: H, keys: readonly string[]): H => ({
  ...h,
  details: Object.fromEntries(Object.entries(h.details ?? {}).filter(([k]) => !keys.includes(k))),
});
