import { diffText } from './text-diff';

describe('diffText', () => {
  it('marks whole Chinese words added and removed, and gives both texts back from its runs', () => {
    const before = '我市60岁以上老年人口占比已超过18%，居家养老是主要方式。';
    const after = '全市60周岁以上老年人占比超过18%，大多数老人选择居家养老。';
    const diff = diffText(before, after);
    expect(diff.marked).toBe(true);
    const of = (change: string) => diff.parts.filter((p) => p.change === change).map((p) => p.text);
    expect(of('removed')).toEqual(expect.arrayContaining(['我市', '已']));
    expect(of('added')).toEqual(expect.arrayContaining(['全市', '大多数老人选择']));
    expect(of('same')).toEqual(expect.arrayContaining(['60', '居家养老']));
    const text = (keep: string) =>
      diff.parts
        .filter((p) => p.change === 'same' || p.change === keep)
        .map((p) => p.text)
        .join('');
    expect(text('removed')).toBe(before);
    expect(text('added')).toBe(after);
  });

  it('keeps line breaks as text, merges neighbouring runs of one kind, and marks nothing in equal texts', () => {
    const diff = diffText('第一段。\n第二段。', '第一段。\n第三段。');
    expect(diff.parts.map((p) => p.text).join('')).toContain('\n');
    for (let i = 1; i < diff.parts.length; i++) expect(diff.parts[i].change).not.toBe(diff.parts[i - 1].change);
    expect(diffText('相同的文字', '相同的文字')).toEqual({
      parts: [{ text: '相同的文字', change: 'same' }],
      marked: true,
    });
    expect(diffText('', '')).toEqual({ parts: [], marked: true });
  });

  it('marks a line added or dropped whole, from its start to its line break, where lines begin alike', () => {
    expect(diffText('• 乙方\n• 丙方', '• 甲方\n• 乙方\n• 丙方').parts).toEqual([
      { text: '• 甲方\n', change: 'added' },
      { text: '• 乙方\n• 丙方', change: 'same' },
    ]);
    expect(diffText('• 甲方\n• 乙方\n• 丙方', '• 甲方\n• 丙方').parts).toEqual([
      { text: '• 甲方\n', change: 'same' },
      { text: '• 乙方\n', change: 'removed' },
      { text: '• 丙方', change: 'same' },
    ]);
  });

  it('gives the other text unmarked when the two differ by more edits than allowed', () => {
    const before = '甲乙丙丁戊己庚辛';
    const after = '子丑寅卯辰巳午未';
    expect(diffText(before, after, 2)).toEqual({ parts: [{ text: after, change: 'same' }], marked: false });
    expect(diffText(before, after).marked).toBe(true);
  });
});
