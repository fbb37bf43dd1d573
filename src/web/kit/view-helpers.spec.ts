import { chineseDate, chineseDateTime } from '../../common/chinese-dates';
import { pagerFor } from './paging';
import { viewHelpers } from './view-helpers';

describe('view helpers', () => {
  it('writes dates the Chinese way in the display time zone', () => {
    expect(chineseDate('2026-11-25T16:30:00Z', 'Asia/Shanghai')).toBe('2026年11月26日');
    expect(chineseDateTime(new Date('2026-01-04T16:05:00Z'), 'Asia/Shanghai')).toBe('2026年1月5日 00:05');
    expect(chineseDate(null, 'Asia/Shanghai')).toBe('');
  });

  it('labels roles in Chinese', () => {
    expect(viewHelpers('Asia/Shanghai').roleLabel('staff', {})).toBe('机关工作人员');
  });

  it('shows a 0–1 score as a whole percentage', () => {
    expect(viewHelpers('Asia/Shanghai').percent(0.823, {})).toBe('82%');
  });

  it('gives a file size as people read it', () => {
    const { fileSize } = viewHelpers('Asia/Shanghai');
    expect([820, 12_600, 1_572_864, -1].map((n) => fileSize(n, {}))).toEqual(['820 字节', '12 KB', '1.5 MB', '']);
  });

  it('pages like GOV.UK: first, last, the current page and its neighbours, gaps as …', () => {
    const pager = pagerFor({ items: new Array(20).fill(0), total: 200, page: 5, pageSize: 20 }, '/directory/members', {
      q: '张',
      sectorId: '',
    });
    expect(pager.links.map((l) => l.number)).toEqual([1, null, 4, 5, 6, null, 10]);
    expect(pager.prev).toBe('/directory/members?q=%E5%BC%A0&page=4');
    expect(pager.links[0].href).toBe('/directory/members?q=%E5%BC%A0');
    expect(pager).toMatchObject({ from: 81, to: 100, total: 200 });
  });
});
