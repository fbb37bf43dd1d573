import { AppError } from '../../common/app-error';

/*
 * The editable text of an issued document: plain text only (Handlebars escapes it, so 「<b>」 prints as
 * typed). Tables and charts stay computed from the data and are not part of it. A section's key ties it to
 * the place in the template it fills (`background`, `findings.2`, …); a key with a dot is a sub-section of
 * the key before the dot. The keys are fixed by the draft the data pre-filled: an edit changes words, not
 * the document's structure.
 */

export interface DocumentSection {
  key: string;
  heading: string;
  paragraphs: string[];
}

export interface DocumentText {
  title: string;
  lead?: string[];
  sections: DocumentSection[];
}

export const TEXT_LIMITS = {
  title: 100,
  heading: 60,
  paragraph: 3000,
  paragraphsPerSection: 80,
  leadParagraphs: 10,
  total: 100_000,
} as const;

const field = (errors: Record<string, string[]>, name: string, message: string) => (errors[name] ??= []).push(message);

/** Collapses what a person types around a line: trims, and drops control characters (a tab, a form feed). */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
}

/**
 * The saved text, checked against the structure of `shape` (the revision it edits): same keys in the same
 * order, each within the limits. 400 with a Chinese message per field otherwise. Paragraphs are trimmed
 * and empty ones dropped; a section may be left without paragraphs (its heading still prints).
 */
export function checkedText(input: DocumentText, shape: DocumentText): DocumentText {
  const errors: Record<string, string[]> = {};
  const title = clean(input.title ?? '');
  if (!title) field(errors, 'title', '请填写标题');
  else if ([...title].length > TEXT_LIMITS.title) field(errors, 'title', `标题不能超过 ${TEXT_LIMITS.title} 个字`);
  const paras = (list: string[] | undefined, name: string, max: number): string[] => {
    const out = (list ?? []).map(clean).filter(Boolean);
    if (out.length > max) field(errors, name, `最多 ${max} 段`);
    out.forEach((p, i) => {
      if ([...p].length > TEXT_LIMITS.paragraph)
        field(errors, name, `第 ${i + 1} 段超过 ${TEXT_LIMITS.paragraph} 个字，请分段`);
    });
    return out;
  };
  const lead = paras(input.lead, 'lead', TEXT_LIMITS.leadParagraphs);
  const keys = shape.sections.map((s) => s.key);
  const given = (input.sections ?? []).map((s) => s.key);
  if (keys.join('\n') !== given.join('\n'))
    field(errors, 'sections', '文稿的段落结构与草稿不一致，请刷新页面后重新修改');
  const sections = (input.sections ?? []).map((s, i) => {
    const heading = clean(s.heading ?? '');
    const name = `sections[${i}]`;
    if (!heading) field(errors, `${name}.heading`, '请填写小标题');
    else if ([...heading].length > TEXT_LIMITS.heading)
      field(errors, `${name}.heading`, `小标题不能超过 ${TEXT_LIMITS.heading} 个字`);
    return {
      key: s.key,
      heading,
      paragraphs: paras(s.paragraphs, `${name}.paragraphs`, TEXT_LIMITS.paragraphsPerSection),
    };
  });
  const total = [title, ...lead, ...sections.flatMap((s) => [s.heading, ...s.paragraphs])].join('').length;
  if (total > TEXT_LIMITS.total) field(errors, 'sections', `全文不能超过 ${TEXT_LIMITS.total} 个字`);
  const names = Object.keys(errors);
  if (names.length) throw AppError.invalid(errors, errors[names[0]][0]);
  return { title, ...(shape.lead !== undefined || lead.length ? { lead } : {}), sections };
}

/** A textarea's value → paragraphs: split at blank lines; the lines of one paragraph are joined (Chinese has no spaces between them). */
export function paragraphsOf(textarea: string): string[] {
  return textarea
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .join(''),
    )
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Paragraphs → a textarea's value, a blank line between them. */
export const textareaOf = (paragraphs: readonly string[]): string => paragraphs.join('\n\n');

/** The section under `key`, or an empty one (a revision saved before a key existed). */
export function section(text: DocumentText, key: string): DocumentSection | undefined {
  return text.sections.find((s) => s.key === key);
}

/** The sub-sections of `key` (`findings.1`, `findings.2`, …) in order. */
export function subSections(text: DocumentText, key: string): DocumentSection[] {
  return text.sections.filter((s) => s.key.startsWith(`${key}.`));
}
