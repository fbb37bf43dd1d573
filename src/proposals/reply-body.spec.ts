import { findFrameLines, trimReplyBody } from './reply-body';

const BODY = ['您所提建议已列入工作计划，正在逐步解决。', '一是已开展专题调研；二是已起草工作方案。'];

describe('reply body: the frame lines a unit typed into its reply', () => {
  it.each([
    ['尊敬的张文华委员：'],
    ['张文华委员：'],
    ['各位委员：'],
    ['尊敬的九三学社吴忠市委员会：'],
    ['张委员:'],
    ['您好！'],
  ])('finds the salutation %s at the top', (salutation) => {
    const text = [salutation, ...BODY].join('\n');
    expect(findFrameLines(text)).toEqual({ head: [salutation], tail: [] });
    expect(trimReplyBody(text)).toBe(BODY.join('\n'));
  });

  it("finds a salutation, 您好 and the unit's own 收悉 opener, with blank lines between them", () => {
    const opener = '您提出的《关于加强黄河流域生态保护的建议》收悉。我们高度重视，现答复如下：';
    const text = ['', '  尊敬的张文华委员：', '您好！', '', opener, ...BODY].join('\n');
    expect(findFrameLines(text).head).toEqual(['尊敬的张文华委员：', '您好！', opener]);
    expect(trimReplyBody(text)).toBe(BODY.join('\n'));
  });

  it('finds the signature, date, contact and closing lines at the bottom', () => {
    const tail = [
      '感谢您对黄河生态保护工作的关心和支持，欢迎继续提出意见和建议。',
      '吴忠市自然资源局',
      '2026年5月8日',
      '联系人：李明',
      '联系电话：0953-1234567',
    ];
    const text = [...BODY, '', ...tail, ''].join('\n');
    expect(findFrameLines(text)).toEqual({ head: [], tail });
    expect(trimReplyBody(text)).toBe(BODY.join('\n'));
  });

  it('finds a date in Chinese numerals, 此复, a stamped organ and a name passed as the unit’s', () => {
    const tail = ['此复', '市自然资源局（盖章）', '二〇二六年五月八日'];
    expect(findFrameLines([...BODY, ...tail].join('\n')).tail).toEqual(tail);
    expect(findFrameLines([...BODY, '自然资源和规划'].join('\n'), ['自然资源和规划']).tail).toEqual(['自然资源和规划']);
  });

  it('finds nothing in a body that is only a body', () => {
    expect(findFrameLines(BODY.join('\n'))).toEqual({ head: [], tail: [] });
    expect(trimReplyBody(BODY.join('\r\n'))).toBe(BODY.join('\r\n'));
  });

  it('leaves the middle alone: 委员, a date or an organ name there is body text', () => {
    const middle = ['张文华委员：', '市自然资源局', '2026年5月8日', '联系人：李明'];
    const text = [BODY[0], ...middle, BODY[1]].join('\n');
    expect(findFrameLines(text)).toEqual({ head: [], tail: [] });
    expect(trimReplyBody(text)).toBe(text);
  });

  it('does not take a sentence or a heading for a salutation', () => {
    for (const first of ['委员们提出的建议很有价值。', '一、关于资金问题：', '经与张委员沟通，意见如下：'])
      expect(findFrameLines([first, ...BODY].join('\n')).head).toEqual([]);
  });

  it('keeps a body that is all frame empty, not half', () => {
    expect(trimReplyBody('尊敬的张委员：\n市自然资源局\n2026年5月8日')).toBe('');
  });
});
