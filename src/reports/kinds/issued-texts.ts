import type { BriefingContext, KeyedSection, ProposalAnnualContext, VisitReportContext } from '../report-contexts';
import { DocumentSection, DocumentText, section, subSections } from '../signoff/document-text';

/*
 * The editable text of each document the office issues, and how an edited one goes back into its template's
 * context. Pure: the kinds call these with the context the data gave at render time.
 */

type Part = { heading: string; paragraphs: string[] };

/** A section, then its numbered sub-sections (`findings`, `findings.1`, …); its own paragraphs stand under no heading. */
const tree = (key: string, heading: string, paragraphs: string[], subs: Part[] = []): DocumentSection[] => [
  { key, heading, paragraphs },
  ...subs.map((s, i) => ({ key: `${key}.${i + 1}`, ...s })),
];

/** The section `key` of an edited text with its sub-sections; where the text lacks it, the data's heading and paragraphs. */
function treeOf(t: DocumentText, key: string, heading: string, paragraphs: string[] = []): Part & { subs: Part[] } {
  const own = section(t, key);
  return {
    heading: own?.heading ?? heading,
    paragraphs: own?.paragraphs ?? paragraphs,
    subs: subSections(t, key).map((s) => ({ heading: s.heading, paragraphs: s.paragraphs })),
  };
}

/** The title and lead of an edited text (the data's lead where it has none). */
const frame = (c: { lead: string[] }, t: DocumentText) => ({ title: t.title, lead: t.lead ?? c.lead });

/** 协商要报 (a topic's or a visit's): lead, 基本情况, 主要问题 with its meetings or stops, 意见建议 by theme. */
export function briefingText(c: BriefingContext): DocumentText {
  const untitled = c.findings.filter((f) => f.heading === null).flatMap((f) => f.paragraphs);
  return {
    title: c.title,
    lead: c.lead,
    sections: [
      ...tree('background', c.backgroundHeading, c.background),
      ...tree(
        'findings',
        c.findingsHeading,
        untitled,
        c.findings.filter((f) => f.heading !== null).map((f) => ({ heading: f.heading!, paragraphs: f.paragraphs })),
      ),
      ...tree(
        'recommendations',
        c.recommendationsHeading,
        c.recommendationsLead,
        c.recommendations.map((g) => ({ heading: g.theme, paragraphs: g.items })),
      ),
    ],
  };
}

export function applyBriefingText(c: BriefingContext, t: DocumentText): BriefingContext {
  const background = treeOf(t, 'background', c.backgroundHeading, c.background);
  const findings = treeOf(t, 'findings', c.findingsHeading);
  const recommendations = treeOf(t, 'recommendations', c.recommendationsHeading);
  return {
    ...c,
    ...frame(c, t),
    backgroundHeading: background.heading,
    background: background.paragraphs,
    findingsHeading: findings.heading,
    // The untitled paragraphs (the themes' sentence) lead on to 意见建议: after the meetings.
    findings: [
      ...findings.subs,
      ...(findings.paragraphs.length ? [{ heading: null, paragraphs: findings.paragraphs }] : []),
    ],
    recommendationsHeading: recommendations.heading,
    recommendationsLead: recommendations.paragraphs,
    recommendations: recommendations.subs.map((s) => ({ theme: s.heading, items: s.paragraphs })),
  };
}

/** A suggestion's paragraph in the editable text of a 调研报告: it follows the problem it answers. */
const SUGGESTION = '建议：';

/** 调研报告: lead, the purpose, the findings by stop (a problem, then its 「建议：」), 后续工作. */
export function visitReportText(c: VisitReportContext): DocumentText {
  const paragraphsOf = (g: VisitReportContext['findingGroups'][number]) =>
    g.items.flatMap((i) => [i.problem, ...(i.suggestion ? [`${SUGGESTION}${i.suggestion}`] : [])]);
  const untitled = c.findingGroups.filter((g) => g.heading === null);
  return {
    title: c.title,
    lead: c.lead,
    sections: [
      ...tree('purpose', c.purposeHeading, c.purpose),
      ...tree(
        'findings',
        c.findingsHeading,
        untitled.flatMap(paragraphsOf),
        c.findingGroups
          .filter((g) => g.heading !== null)
          .map((g) => ({ heading: g.heading!, paragraphs: paragraphsOf(g) })),
      ),
      ...tree('followUps', c.followUpsHeading, c.followUps),
    ],
  };
}

/** Paragraphs back into problems: one starting 「建议：」 is the suggestion of the problem before it. */
function findingItems(paragraphs: string[]): VisitReportContext['findingGroups'][number]['items'] {
  const items: Array<{ problem: string; suggestion: string | null }> = [];
  for (const p of paragraphs) {
    const last = items[items.length - 1];
    if (p.startsWith(SUGGESTION) && last && last.suggestion === null) last.suggestion = p.slice(SUGGESTION.length);
    else items.push({ problem: p, suggestion: null });
  }
  return items;
}

export function applyVisitReportText(c: VisitReportContext, t: DocumentText): VisitReportContext {
  const purpose = treeOf(t, 'purpose', c.purposeHeading, c.purpose);
  const findings = treeOf(t, 'findings', c.findingsHeading);
  const followUps = treeOf(t, 'followUps', c.followUpsHeading, c.followUps);
  return {
    ...c,
    ...frame(c, t),
    purposeHeading: purpose.heading,
    purpose: purpose.paragraphs,
    findingsHeading: findings.heading,
    findingGroups: [
      ...(findings.paragraphs.length ? [{ heading: null, items: findingItems(findings.paragraphs) }] : []),
      ...findings.subs.map((s) => ({ heading: s.heading, items: findingItems(s.paragraphs) })),
    ],
    followUpsHeading: followUps.heading,
    followUps: followUps.paragraphs,
  };
}

/** The keys of the 提案办理情况报告's five sections (一、基本情况 … 五、下一步工作). */
export const ANNUAL_KEYS = ['basic', 'practice', 'results', 'problems', 'next'] as const;

export function annualText(c: ProposalAnnualContext): DocumentText {
  return {
    title: c.title,
    lead: c.lead,
    sections: c.sections.map((s, i) => ({ key: ANNUAL_KEYS[i] ?? `part${i + 1}`, ...s })),
  };
}

export function applyAnnualText(c: ProposalAnnualContext, t: DocumentText): ProposalAnnualContext {
  return {
    ...c,
    ...frame(c, t),
    sections: t.sections.map((s) => ({ heading: s.heading, paragraphs: s.paragraphs })),
  };
}

/** The yearly documents whose sections carry their own keys (社情民意信息工作通报, 回头看报告): title, lead, sections. */
export function keyedText(c: { title: string; lead: string[]; sections: KeyedSection[] }): DocumentText {
  return { title: c.title, lead: c.lead, sections: c.sections.map((s) => ({ ...s })) };
}

export function applyKeyedText<C extends { title: string; lead: string[]; sections: KeyedSection[] }>(
  c: C,
  t: DocumentText,
): C {
  return {
    ...c,
    ...frame(c, t),
    sections: t.sections.map((s) => ({ key: s.key, heading: s.heading, paragraphs: s.paragraphs })),
  };
}
