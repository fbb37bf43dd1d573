import type { OpinionIssueContext, OpinionIssueItem } from '../report-contexts';
import { section, type DocumentText } from '../signoff/document-text';

/*
 * The editable text of an issue of 《社情民意》 and how an edited one goes back into its context. Pure.
 * Each item is a section `item.N` (its title, its paragraphs and, last, who reported it).
 */

/** A contributor as printed: a member's name, or a group's or organisation's name. */
export interface IssueContributor {
  name: string;
  member: boolean;
}

/**
 * Who reported an item, as the periodical prints it: «（张三、李四委员反映）», «（民革市委会反映）»,
 * «（张三委员、民革市委会反映）»; each name once, in signing order; nothing when no one is named.
 */
export function reportedBy(contributors: IssueContributor[]): string {
  const seen = new Set<string>();
  const unique = contributors.filter((c) => c.name && !seen.has(c.name) && seen.add(c.name));
  const members = unique.filter((c) => c.member).map((c) => c.name);
  const others = unique.filter((c) => !c.member).map((c) => c.name);
  const parts = [...(members.length ? [`${members.join('、')}委员`] : []), ...others];
  return parts.length ? `（${parts.join('、')}反映）` : '';
}

export function issueText(c: OpinionIssueContext): DocumentText {
  return {
    title: c.title,
    lead: c.lead,
    sections: c.items.map((item, i) => ({ key: `item.${i + 1}`, heading: item.heading, paragraphs: item.paragraphs })),
  };
}

export function applyIssueText(c: OpinionIssueContext, t: DocumentText): OpinionIssueContext {
  const items: OpinionIssueItem[] = c.items.map((item, i) => {
    const own = section(t, `item.${i + 1}`);
    return own ? { heading: own.heading, paragraphs: own.paragraphs } : item;
  });
  return { ...c, title: t.title, lead: t.lead ?? c.lead, items };
}
