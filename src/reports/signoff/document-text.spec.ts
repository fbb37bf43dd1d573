import { AppError } from '../../common/app-error';
import { checkedText, DocumentText, paragraphsOf, subSections, textareaOf } from './document-text';

const shape: DocumentText = {
  title: '市政协就盘活工业低效用地开展重点协商',
  lead: ['导语'],
  sections: [
    { key: 'background', heading: '基本情况', paragraphs: ['一段'] },
    { key: 'findings', heading: '主要问题', paragraphs: [] },
    { key: 'findings.1', heading: '第1次重点协商会', paragraphs: ['纪要'] },
  ],
};

const errorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('no error');
};

describe('document text', () => {
  it('trims, drops empty paragraphs, and keeps the structure', () => {
    const out = checkedText(
      {
        ...shape,
        title: '  新标题 ',
        sections: shape.sections.map((s) => ({ ...s, paragraphs: [' 甲 ', '', ...s.paragraphs] })),
      },
      shape,
    );
    expect(out.title).toBe('新标题');
    expect(out.sections[0].paragraphs).toEqual(['甲', '一段']);
    expect(out.lead).toEqual(['导语']);
  });

  it('refuses an empty or long title, an empty heading, a long paragraph, a changed structure — in Chinese', () => {
    expect(errorOf(() => checkedText({ ...shape, title: ' ' }, shape)).message).toBe('请填写标题');
    expect(errorOf(() => checkedText({ ...shape, title: '长'.repeat(101) }, shape)).message).toBe(
      '标题不能超过 100 个字',
    );
    const noHeading = { ...shape, sections: shape.sections.map((s, i) => (i ? s : { ...s, heading: '' })) };
    expect(errorOf(() => checkedText(noHeading, shape)).details).toEqual({
      fields: { 'sections[0].heading': ['请填写小标题'] },
    });
    const long = { ...shape, sections: shape.sections.map((s) => ({ ...s, paragraphs: ['字'.repeat(3001)] })) };
    expect(errorOf(() => checkedText(long, shape)).message).toContain('超过 3000 个字');
    const moved = { ...shape, sections: [...shape.sections].reverse() };
    expect(errorOf(() => checkedText(moved, shape)).message).toContain('段落结构与草稿不一致');
    expect(errorOf(() => checkedText(moved, shape)).statusCode).toBe(400);
  });

  it('keeps 「<b>」 as typed: the template escapes it', () => {
    expect(checkedText({ ...shape, title: '<b>标题</b>' }, shape).title).toBe('<b>标题</b>');
  });

  it('reads paragraphs from a textarea split at blank lines, and writes them back', () => {
    expect(paragraphsOf('第一段\r\n接着写\r\n\r\n  \r\n第二段\n\u3000\n第三段')).toEqual([
      '第一段接着写',
      '第二段',
      '第三段',
    ]);
    expect(paragraphsOf(textareaOf(['甲', '乙']))).toEqual(['甲', '乙']);
    expect(paragraphsOf('   ')).toEqual([]);
  });

  it('finds the sub-sections of a key', () => {
    expect(subSections(shape, 'findings').map((s) => s.key)).toEqual(['findings.1']);
  });
});
