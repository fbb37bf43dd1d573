import { CommentSource } from './draft.entities';

export { DISPOSITION_LABELS, DRAFT_STATUS_LABELS } from './draft-workflow';

export const COMMENT_SOURCE_LABELS: Record<CommentSource, string> = {
  participant: '参与人员',
  public: '公众',
  form: '征求意见表',
};

/** 征求意见稿 for the first edition, 修订稿（第N稿） after. */
export const revisionLabel = (n: number): string => (n === 1 ? '征求意见稿' : `修订稿（第${n}稿）`);

/** The comments on the whole document rather than one clause. */
export const GENERAL_LABEL = '总体意见';

/** What each audited step is called in a draft's history. */
export const DRAFT_HISTORY_LABELS: Record<string, string> = {
  create: '起草',
  update: '修改',
  open: '发布征求意见',
  close: '结束征求意见',
  comment: '提出意见',
  dispose: '处理意见',
  revise: '登记修订稿',
};
