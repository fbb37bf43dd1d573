import { BULLETIN_NEXT_STEPS, BulletinFigures, bulletinSections } from './opinion-annual-text';

const none: BulletinFigures = {
  year: 2026,
  submitted: 0,
  accepted: 0,
  adopted: 0,
  byLevel: [
    { label: '全国政协', count: 0 },
    { label: '自治区政协', count: 0 },
  ],
  members: 0,
  sectors: 0,
  committees: 0,
  silentMembers: 0,
  issues: { special: 0, combined: 0 },
  sentTo: ['市委', '市政府'],
  instructions: 0,
  topMembers: [],
  topGroups: [],
};

const year: BulletinFigures = {
  ...none,
  submitted: 40,
  accepted: 12,
  adopted: 5,
  byLevel: [
    { label: '全国政协', count: 1 },
    { label: '自治区政协', count: 4 },
  ],
  members: 18,
  sectors: 6,
  committees: 3,
  silentMembers: 7,
  issues: { special: 2, combined: 3 },
  instructions: 4,
  topMembers: [
    { name: '张丽华', adopted: 3, accepted: 4 },
    { name: '马文斌', adopted: 1, accepted: 2 },
  ],
  topGroups: [{ name: '经济界', adopted: 2, accepted: 5 }],
};

const text = (f: BulletinFigures) => bulletinSections(f);
const body = (f: BulletinFigures, key: string) =>
  text(f)
    .find((s) => s.key === key)!
    .paragraphs.join('\n');

describe('社情民意信息工作通报: the text from the year’s figures', () => {
  it('has the four sections in order under their keys', () => {
    expect(text(year).map((s) => `${s.key}:${s.heading}`)).toEqual([
      'basic:基本情况',
      'adoption:采用和批示情况',
      'praise:表扬',
      'next:存在的问题和下一步工作',
    ]);
  });

  it('puts the figures in words: 报送, who, 编报 and its rate, the issues by form and where they went', () => {
    expect(body(year, 'basic')).toBe(
      '2026年，共收到委员和各界别、各专门委员会报送的社情民意信息40条，涉及委员18人、界别6个、专门委员会3个；经审核采用编报12条，编报率30.0%。\n' +
        '全年编发《社情民意》5期（专报2期、综合3期），报送市委、市政府。',
    );
  });

  it('says 采用 by level with its rate, and the 批示 on the issues', () => {
    expect(body(year, 'adoption')).toBe(
      '全年被上级采用信息5条，采用率12.5%，其中全国政协采用1条、自治区政协采用4条（一条信息被多家采用的，各层级分别计算）。\n' +
        '编发的《社情民意》获得领导批示4件次，有关部门根据批示抓好落实，推动了一批问题的解决。',
    );
  });

  it('praises the members and groups most taken up, as a list with their counts', () => {
    expect(body(year, 'praise')).toContain(
      '委员：张丽华委员（被上级采用3条，采用编报4条）；马文斌委员（被上级采用1条，采用编报2条）。',
    );
    expect(body(year, 'praise')).toContain('界别、专门委员会：经济界（被上级采用2条，采用编报5条）。');
  });

  it('opens 四、 with the problems the figures show, then the paragraphs staff rewrite', () => {
    const next = text(year).find((s) => s.key === 'next')!.paragraphs;
    expect(next[0]).toBe(
      '从全年情况看，社情民意信息工作还存在一些不足：全年还有7位委员没有报送社情民意信息；报送的信息中有28条未被采用编报，信息质量有待提高。',
    );
    expect(next.slice(1)).toEqual([...BULLETIN_NEXT_STEPS]);
  });

  it('says in words that a year without items has none: no rate, no 0 %, no praise', () => {
    const all = text(none)
      .flatMap((s) => s.paragraphs)
      .join('\n');
    expect(body(none, 'basic')).toContain(
      '尚未收到委员和各界别、各专门委员会报送的社情民意信息，编报率、采用率暂不计算。',
    );
    expect(body(none, 'basic')).toContain('全年尚未编发《社情民意》。');
    expect(body(none, 'adoption')).toContain('本年度没有报送的信息，采用情况暂无统计。');
    expect(body(none, 'adoption')).toContain('本年度编发的《社情民意》尚未收到领导批示。');
    expect(body(none, 'praise')).toBe('本年度暂无被上级采用的社情民意信息，不作通报表扬。');
    expect(all).not.toMatch(/\d%|—/);
  });

  it('says that items were sent but none taken up, without a 0 % rate', () => {
    const f = { ...none, submitted: 3, members: 2 };
    expect(body(f, 'basic')).toContain('尚无采用编报的信息，编报率暂不计算。');
    expect(body(f, 'adoption')).toContain('本年度报送的信息尚未被上级采用，采用率暂不计算。');
    expect(
      text(f)
        .flatMap((s) => s.paragraphs)
        .join(''),
    ).not.toMatch(/(^|[^0-9.])0(\.0)?%/);
  });
});
