import { percentOf } from './proposal-annual-text';

/*
 * The text of the year-end 社情民意信息工作通报 (一、基本情况 … 四、存在的问题和下一步工作), written from the
 * year's statistics as the office writes it. Pure, so the draft's editable sections come from the same words
 * the unit spec reads. A year without items says so in words: no rate over nothing, no 0 %.
 */

/** One member, sector or committee among the year's most taken up. */
export interface BulletinPraise {
  name: string;
  /** Items taken up by an upper body (any level, counted once), and items 编报. */
  adopted: number;
  accepted: number;
}

/** The figures the 通报 is written from: one year's, read by the report kind at render time. */
export interface BulletinFigures {
  year: number;
  /** Items submitted in the year (not drafts), 编报 (accepted or later), taken up by any upper body. */
  submitted: number;
  accepted: number;
  adopted: number;
  /** Taken up by each configured level, in its order (an item taken up by two levels counts in both). */
  byLevel: Array<{ label: string; count: number }>;
  /** Members who signed an item; sectors and committees with items. */
  members: number;
  sectors: number;
  committees: number;
  /** Active members who submitted nothing in the year. */
  silentMembers: number;
  /** Issues of 《社情民意》 signed in the year: 专报 and 综合. */
  issues: { special: number; combined: number };
  /** Whom the issues go to (报 and 送 of `issueRecipients`). */
  sentTo: string[];
  /** 领导批示 recorded on those issues in the year (by the day of the 批示). */
  instructions: number;
  /** The members, and the sectors or committees, with most items taken up (adopted > 0), most first. */
  topMembers: BulletinPraise[];
  topGroups: BulletinPraise[];
}

/** The keys and headings of the 通报's four sections, in order. */
export const BULLETIN_SECTIONS = [
  { key: 'basic', heading: '基本情况' },
  { key: 'adoption', heading: '采用和批示情况' },
  { key: 'praise', heading: '表扬' },
  { key: 'next', heading: '存在的问题和下一步工作' },
] as const;

/** 四、: paragraphs for staff to rewrite before 签发; the first is written from the figures where they show a problem. */
export const BULLETIN_NEXT_STEPS: readonly string[] = [
  '下一步，各专门委员会、各界别要进一步提高对社情民意信息工作的认识，围绕党委政府中心工作和群众关心的热点难点问题，深入调查研究，及时反映真实情况，努力提高信息的针对性和时效性。',
  '我们将加强信息的编报和向上报送工作，完善信息采用情况的登记和通报，对信息被采用和获得领导批示的委员和单位予以表扬，推动社情民意信息工作提质增效。',
];

const share = (n: number, of: number) => percentOf(n / of);

/** 「专报3期、综合5期」: the non-zero forms. */
function issueForms(i: BulletinFigures['issues']): string {
  return [i.special > 0 ? `专报${i.special}期` : '', i.combined > 0 ? `综合${i.combined}期` : '']
    .filter(Boolean)
    .join('、');
}

function basics(f: BulletinFigures): string[] {
  const y = `${f.year}年`;
  const total = f.issues.special + f.issues.combined;
  const issues =
    total > 0
      ? `全年编发《社情民意》${total}期（${issueForms(f.issues)}）${f.sentTo.length ? `，报送${f.sentTo.join('、')}` : ''}。`
      : '全年尚未编发《社情民意》。';
  if (f.submitted === 0)
    return [`${y}，尚未收到委员和各界别、各专门委员会报送的社情民意信息，编报率、采用率暂不计算。`, issues];
  const who = [
    f.members > 0 ? `委员${f.members}人` : '',
    f.sectors > 0 ? `界别${f.sectors}个` : '',
    f.committees > 0 ? `专门委员会${f.committees}个` : '',
  ].filter(Boolean);
  const first =
    `${y}，共收到委员和各界别、各专门委员会报送的社情民意信息${f.submitted}条${who.length ? `，涉及${who.join('、')}` : ''}；` +
    (f.accepted > 0
      ? `经审核采用编报${f.accepted}条，编报率${share(f.accepted, f.submitted)}。`
      : '尚无采用编报的信息，编报率暂不计算。');
  return [first, issues];
}

function adoption(f: BulletinFigures): string[] {
  const out: string[] = [];
  if (f.submitted === 0) out.push('本年度没有报送的信息，采用情况暂无统计。');
  else if (f.adopted === 0) out.push('本年度报送的信息尚未被上级采用，采用率暂不计算。');
  else {
    const levels = f.byLevel.filter((l) => l.count > 0).map((l) => `${l.label}采用${l.count}条`);
    out.push(
      `全年被上级采用信息${f.adopted}条，采用率${share(f.adopted, f.submitted)}` +
        `${levels.length ? `，其中${levels.join('、')}` : ''}` +
        `${levels.length > 1 ? '（一条信息被多家采用的，各层级分别计算）' : ''}。`,
    );
  }
  out.push(
    f.instructions > 0
      ? `编发的《社情民意》获得领导批示${f.instructions}件次，有关部门根据批示抓好落实，推动了一批问题的解决。`
      : '本年度编发的《社情民意》尚未收到领导批示。',
  );
  return out;
}

const praiseLine = (p: BulletinPraise, suffix: string) =>
  `${p.name}${suffix}（被上级采用${p.adopted}条，采用编报${p.accepted}条）`;

function praise(f: BulletinFigures): string[] {
  if (!f.topMembers.length && !f.topGroups.length) return ['本年度暂无被上级采用的社情民意信息，不作通报表扬。'];
  const out = ['对信息被上级采用较多的委员和界别、专门委员会予以通报表扬：'];
  if (f.topMembers.length) out.push(`委员：${f.topMembers.map((p) => praiseLine(p, '委员')).join('；')}。`);
  if (f.topGroups.length) out.push(`界别、专门委员会：${f.topGroups.map((p) => praiseLine(p, '')).join('；')}。`);
  out.push('希望受到表扬的委员和单位再接再厉，也希望广大委员以他们为榜样，积极反映社情民意。');
  return out;
}

function nextSteps(f: BulletinFigures): string[] {
  const seen: string[] = [];
  if (f.silentMembers > 0) seen.push(`全年还有${f.silentMembers}位委员没有报送社情民意信息`);
  if (f.submitted > 0 && f.accepted < f.submitted)
    seen.push(`报送的信息中有${f.submitted - f.accepted}条未被采用编报，信息质量有待提高`);
  const problems = seen.length
    ? `从全年情况看，社情民意信息工作还存在一些不足：${seen.join('；')}。`
    : '从全年情况看，社情民意信息工作还存在反映问题不够深入、建议针对性不够强等不足。';
  return [problems, ...BULLETIN_NEXT_STEPS];
}

/** The four sections, pre-filled from the figures. */
export function bulletinSections(f: BulletinFigures): Array<{ key: string; heading: string; paragraphs: string[] }> {
  const bodies = [basics(f), adoption(f), praise(f), nextSteps(f)];
  return BULLETIN_SECTIONS.map((s, i) => ({ ...s, paragraphs: bodies[i] }));
}

/** The lead under the salutation. */
export const bulletinLead = (year: number): string =>
  `${year}年，广大政协委员和各界别、各专门委员会围绕中心工作和群众关切，积极反映社情民意，为党委政府科学决策提供了参考。现将${year}年度社情民意信息工作情况通报如下：`;
