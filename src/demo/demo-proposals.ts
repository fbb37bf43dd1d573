import type { Rating } from '../proposals/proposal-workflow';
import type { CommunicationMode } from '../proposals/proposal.entities';

/**
 * The demo proposals: about forty, told as histories in days before loading, so that every page
 * has something to show — the member's drafts and invitations, the office's review queue, the
 * units' work, the leader's supervised proposals, and closed ones of every kind. The loader plays
 * the steps of all of them in date order through the real services, with the Clock set to each
 * step's day. Texts come from src/demo/proposal-text (a topic and a seed); names of people are
 * invented (demo-data.ts).
 */

/** The session of the story: the previous one (handled and closed) or the current one. */
export type DemoSessionCode = '5-4' | '5-5';

export const DEMO_UNIT = '市自然资源局';
const ZJ = '市住房和城乡建设局';
const JY = '市教育局';
const WJ = '市卫生健康委员会';
const NY = '市农业农村局';
const MZ = '市民政局';

/**
 * Accounts the histories need beside the one per role: the proposers and units that act in them
 * (every member and unit has an account in real use). Same password as the other demo accounts.
 */
export const DEMO_ACTING_MEMBERS: Array<{ username: string; member: string }> = [
  { username: 'lishufen', member: '李淑芬' },
  { username: 'zhaoyaqin', member: '赵雅琴' },
  { username: 'yangxiuying', member: '杨秀英' },
  { username: 'chenguodong', member: '陈国栋' },
  { username: 'liuyulan', member: '刘玉兰' },
  { username: 'zhoumingyuan', member: '周明远' },
];
export const DEMO_ACTING_UNITS: Array<{ username: string; unit: string }> = [
  { username: 'zhujianju', unit: ZJ },
  { username: 'jiaoyuju', unit: JY },
  { username: 'weijianwei', unit: WJ },
  { username: 'nongyeju', unit: NY },
  { username: 'minzhengju', unit: MZ },
];

/** A step of a history, `day` days before loading. Texts left out are written from the proposal's topic. */
export type DemoStep = { day: number } & (
  | { do: 'submit' | 'accept' | 'withdraw' | 'key' | 'excellent' }
  | { do: 'cosign'; member: string }
  | { do: 'reject'; ground: string; reason: string }
  | { do: 'convert'; reason: string }
  | { do: 'merge'; into: string; reason: string }
  | { do: 'assign'; lead?: string; co?: string[]; split?: string[] }
  | { do: 'return'; unit: string; reason: string }
  | { do: 'communicate'; unit: string; mode: CommunicationMode; summary?: string }
  | { do: 'coOpinion'; unit: string; content?: string }
  | {
      do: 'reply';
      unit: string;
      classification: 'A' | 'B' | 'C';
      content?: string;
      /** 承诺事项 (回头看), each due on the day `due` days before loading. */
      commitments?: { text: string; due: number }[];
    }
  /** 回头看: the unit reports on its commitment number `position` (done `done` days before loading), the proposer judges it. */
  | { do: 'reportCommitment'; unit: string; position: number; text: string; done: number }
  | { do: 'judgeCommitment'; position: number; kept: boolean; comment?: string }
  | { do: 'extension'; unit: string; months: number; reason: string }
  | { do: 'decideExtension'; approve: boolean; comment: string }
  | { do: 'evaluate'; rating: Rating; attitude?: Rating; comment?: string }
);

export interface DemoProposal {
  /** How other histories and the tests refer to it. */
  key: string;
  session: DemoSessionCode;
  /** The lead member's name; a group proposal names its group instead and is filed by the office (staff). */
  lead?: string;
  group?: { kind: 'sector' | 'committee' | 'party'; name: string; sector?: string; committee?: string };
  /** A topic of src/demo/proposal-topics.ts and a seed; `rephraseOf` makes it a near-duplicate of another's text. */
  topic: string;
  seed: number;
  rephraseOf?: string;
  coSigners?: string[];
  /** Days before loading it was drafted. */
  filed: number;
  steps: DemoStep[];
}

const M = '张文华';

/** 提交 on the day it was drafted. */
const submitted = (day: number): DemoStep => ({ day, do: 'submit' });

/**
 * The usual road: submitted, accepted, assigned to a lead unit (and co-units), the lead unit's first
 * contact, the co-units' opinions, then the reply and the proposer's evaluation when given.
 */
function handled(h: {
  submitted: number;
  accepted: number;
  assigned: number;
  lead: string;
  co?: string[];
  contact: [day: number, mode: CommunicationMode];
  opinions?: number;
  replied?: [day: number, classification: 'A' | 'B' | 'C'];
  evaluated?: [day: number, rating: Rating, comment?: string];
}): DemoStep[] {
  const steps: DemoStep[] = [
    submitted(h.submitted),
    { day: h.accepted, do: 'accept' },
    { day: h.assigned, do: 'assign', lead: h.lead, co: h.co },
    { day: h.contact[0], do: 'communicate', unit: h.lead, mode: h.contact[1] },
    ...(h.co ?? []).map((unit): DemoStep => ({ day: h.opinions!, do: 'coOpinion', unit })),
  ];
  if (h.replied) steps.push({ day: h.replied[0], do: 'reply', unit: h.lead, classification: h.replied[1] });
  if (h.evaluated)
    steps.push({
      day: h.evaluated[0],
      do: 'evaluate',
      rating: h.evaluated[1],
      attitude: 'satisfied',
      comment: h.evaluated[2],
    });
  return steps;
}

export const DEMO_PROPOSALS: DemoProposal[] = [
  // —— 五届四次会议: plenary proposals of last January, handled and closed (one still overdue).
  {
    key: 'heritage',
    session: '5-4',
    lead: M,
    topic: '历史文化街区保护',
    seed: 11,
    filed: 322,
    steps: [
      ...handled({
        submitted: 321,
        accepted: 305,
        assigned: 298,
        lead: DEMO_UNIT,
        co: [ZJ],
        contact: [290, 'visit'],
        opinions: 260,
        replied: [225, 'A'],
        evaluated: [210, 'satisfied', '办理态度认真，多次实地座谈，保护规划已经编制，对办理结果满意。'],
      }),
      { day: 300, do: 'key' },
      { day: 240, do: 'communicate', unit: DEMO_UNIT, mode: 'meeting' },
      { day: 60, do: 'excellent' },
    ],
  },
  {
    key: 'preschool',
    session: '5-4',
    lead: '李淑芬',
    topic: '学前教育',
    seed: 12,
    filed: 318,
    steps: handled({
      submitted: 318,
      accepted: 304,
      assigned: 297,
      lead: JY,
      contact: [285, 'phone'],
      replied: [230, 'B'],
      evaluated: [215, 'basically_satisfied', '新增学位的计划已经明确，希望尽快落实到位。'],
    }),
  },
  {
    key: 'clinics',
    session: '5-4',
    lead: '赵雅琴',
    topic: '医疗资源下沉',
    seed: 13,
    filed: 320,
    steps: handled({
      submitted: 319,
      accepted: 304,
      assigned: 297,
      lead: WJ,
      contact: [280, 'visit'],
      replied: [228, 'A'],
      evaluated: [214, 'satisfied'],
    }),
  },
  {
    key: 'goji',
    session: '5-4',
    lead: '杨秀英',
    coSigners: ['周明远'],
    topic: '枸杞产业',
    seed: 14,
    filed: 325,
    steps: [
      { day: 323, do: 'cosign', member: '周明远' },
      ...handled({
        submitted: 322,
        accepted: 303,
        assigned: 296,
        lead: NY,
        co: [DEMO_UNIT],
        contact: [284, 'visit'],
        opinions: 262,
        replied: [226, 'A'],
        evaluated: [212, 'satisfied'],
      }),
    ],
  },
  {
    key: 'old-housing',
    session: '5-4',
    group: { kind: 'party', name: '民建吴忠市委员会', sector: '中国民主建国会' },
    topic: '老旧小区改造',
    seed: 15,
    filed: 316,
    steps: handled({
      submitted: 316,
      accepted: 303,
      assigned: 296,
      lead: ZJ,
      contact: [270, 'meeting'],
      replied: [224, 'B'],
      evaluated: [209, 'basically_satisfied'],
    }),
  },
  {
    // 不满意 sends it back for a second round, which then satisfies.
    key: 'yellow-river',
    session: '5-4',
    lead: M,
    topic: '黄河生态保护',
    seed: 16,
    filed: 319,
    steps: [
      ...handled({
        submitted: 318,
        accepted: 302,
        assigned: 295,
        lead: DEMO_UNIT,
        contact: [283, 'phone'],
        replied: [232, 'C'],
      }),
      {
        day: 220,
        do: 'evaluate',
        rating: 'unsatisfied',
        attitude: 'basically_satisfied',
        comment: '答复只说明了困难，岸线修复没有具体安排，请重新办理。',
      },
      { day: 200, do: 'communicate', unit: DEMO_UNIT, mode: 'visit' },
      {
        day: 160,
        do: 'reply',
        unit: DEMO_UNIT,
        classification: 'B',
        // 回头看: one promise kept on time, one past its day with no report (listed as overdue).
        commitments: [
          { text: '完成青铜峡至利通区段黄河岸线12公里生态修复', due: 100 },
          { text: '建立黄河岸线巡查和修复情况季度通报制度', due: 30 },
        ],
      },
      { day: 150, do: 'evaluate', rating: 'basically_satisfied', attitude: 'satisfied' },
      {
        day: 99,
        do: 'reportCommitment',
        unit: DEMO_UNIT,
        position: 1,
        text: '12公里岸线生态修复已完工，补植柽柳、旱柳等乡土树种3.6万株，已通过水利、林草部门联合验收。',
        done: 102,
      },
      { day: 92, do: 'judgeCommitment', position: 1, kept: true, comment: '实地看过，岸线修复效果明显。' },
    ],
  },
  {
    key: 'several-matters',
    session: '5-4',
    lead: '刘玉兰',
    topic: '物业管理',
    seed: 17,
    filed: 317,
    steps: [
      submitted(317),
      {
        day: 303,
        do: 'reject',
        ground: 'several_matters',
        reason: '提案同时涉及物业收费、业委会组建和维修资金使用三件事，请按一事一案分别提出。',
      },
    ],
  },
  {
    key: 'garbage',
    session: '5-4',
    lead: '周明远',
    topic: '垃圾分类',
    seed: 18,
    filed: 314,
    steps: [
      submitted(314),
      { day: 302, do: 'convert', reason: '所提问题已列入市政府年度重点工作，转为社情民意信息报送有关部门参考。' },
    ],
  },
  {
    key: 'parking',
    session: '5-4',
    lead: '刘玉兰',
    topic: '停车难',
    seed: 19,
    filed: 321,
    steps: handled({
      submitted: 321,
      accepted: 305,
      assigned: 295,
      lead: ZJ,
      contact: [282, 'phone'],
      replied: [227, 'A'],
      evaluated: [211, 'satisfied'],
    }),
  },
  {
    key: 'parking-merged',
    session: '5-4',
    lead: '陈国栋',
    topic: '停车难',
    seed: 20,
    filed: 312,
    steps: [
      submitted(312),
      { day: 301, do: 'merge', into: 'parking', reason: '与刘玉兰委员关于停车难的提案内容相近，并案办理。' },
    ],
  },
  {
    key: 'childcare',
    session: '5-4',
    group: { kind: 'sector', name: '医药卫生界', sector: '医药卫生界' },
    topic: '托育服务',
    seed: 21,
    filed: 313,
    steps: handled({
      submitted: 313,
      accepted: 300,
      assigned: 294,
      lead: WJ,
      co: [JY],
      contact: [281, 'meeting'],
      opinions: 263,
      replied: [229, 'B'],
      evaluated: [213, 'satisfied'],
    }),
  },
  {
    key: 'farmland',
    session: '5-4',
    lead: M,
    topic: '高标准农田建设',
    seed: 22,
    filed: 320,
    steps: handled({
      submitted: 320,
      accepted: 304,
      assigned: 296,
      lead: DEMO_UNIT,
      co: [NY],
      contact: [286, 'visit'],
      opinions: 255,
      replied: [222, 'A'],
      evaluated: [208, 'satisfied'],
    }),
  },
  {
    key: 'school-mental',
    session: '5-4',
    lead: '赵雅琴',
    topic: '中小学生心理健康',
    seed: 23,
    filed: 314,
    steps: handled({
      submitted: 314,
      accepted: 301,
      assigned: 294,
      lead: JY,
      co: [WJ],
      contact: [278, 'visit'],
      opinions: 258,
      replied: [221, 'A'],
      evaluated: [207, 'satisfied'],
    }),
  },
  {
    key: 'elderly-care-2025',
    session: '5-4',
    lead: '刘玉兰',
    topic: '养老服务',
    seed: 24,
    filed: 315,
    steps: handled({
      submitted: 315,
      accepted: 301,
      assigned: 293,
      lead: MZ,
      contact: [276, 'phone'],
      replied: [223, 'A'],
      evaluated: [206, 'satisfied'],
    }),
  },
  {
    key: 'grassroots',
    session: '5-4',
    group: { kind: 'committee', name: '社会和法制委员会', committee: '社会和法制委员会' },
    topic: '基层社会治理',
    seed: 25,
    filed: 317,
    steps: handled({
      submitted: 317,
      accepted: 302,
      assigned: 295,
      lead: MZ,
      contact: [277, 'meeting'],
      replied: [231, 'B'],
      evaluated: [216, 'satisfied'],
    }),
  },
  {
    // A 平时提案 of the summer: assigned to the demo unit, an extension approved late, still no reply — overdue.
    key: 'overdue',
    session: '5-4',
    lead: '陈国栋',
    topic: '新能源汽车充电设施',
    seed: 26,
    filed: 176,
    steps: [
      ...handled({ submitted: 175, accepted: 140, assigned: 130, lead: DEMO_UNIT, contact: [120, 'phone'] }),
      { day: 138, do: 'key' },
      {
        day: 45,
        do: 'extension',
        unit: DEMO_UNIT,
        months: 1,
        reason: '充电设施布局需与国土空间详细规划修编衔接，规划修编尚在公示，申请延期一个月答复。',
      },
      { day: 5, do: 'decideExtension', approve: true, comment: '同意延期一个月。延期后的期限也已届满，请抓紧答复。' },
    ],
  },

  // —— 五届五次会议: this autumn's proposals, at every stage.
  {
    key: 'draft',
    session: '5-5',
    lead: M,
    topic: '公共交通',
    seed: 31,
    filed: 1,
    steps: [],
  },
  {
    key: 'joint-invitation',
    session: '5-5',
    lead: '李淑芬',
    coSigners: [M, '吴海燕'],
    topic: '职业教育',
    seed: 32,
    filed: 2,
    steps: [],
  },
  {
    key: 'own-submitted',
    session: '5-5',
    lead: M,
    topic: '基层社会治理',
    seed: 33,
    filed: 8,
    steps: [submitted(7)],
  },
  {
    key: 'school-mental-2026',
    session: '5-5',
    lead: '李淑芬',
    topic: '中小学生心理健康',
    seed: 34,
    filed: 15,
    steps: [submitted(14)],
  },
  {
    key: 'elderly-care',
    session: '5-5',
    lead: '杨秀英',
    topic: '养老服务',
    seed: 35,
    filed: 40,
    steps: [submitted(40), { day: 25, do: 'accept' }],
  },
  {
    // The same matter in other words, by another member: the similar-proposals panel puts the accepted one first.
    key: 'elderly-care-duplicate',
    session: '5-5',
    lead: '周明远',
    topic: '养老服务',
    seed: 35,
    rephraseOf: 'elderly-care',
    filed: 6,
    steps: [submitted(6)],
  },
  {
    key: 'digital',
    session: '5-5',
    lead: '陈国栋',
    topic: '中小企业数字化转型',
    seed: 36,
    filed: 9,
    steps: [submitted(9)],
  },
  {
    key: 'talent',
    session: '5-5',
    group: { kind: 'party', name: '九三学社吴忠市委员会', sector: '九三学社' },
    topic: '人才引进',
    seed: 37,
    filed: 10,
    steps: [submitted(10)],
  },
  {
    key: 'garbage-2026',
    session: '5-5',
    lead: '刘玉兰',
    topic: '垃圾分类',
    seed: 38,
    filed: 3,
    steps: [submitted(3)],
  },
  {
    key: 'legal-aid',
    session: '5-5',
    lead: '周明远',
    topic: '法律援助',
    seed: 39,
    filed: 20,
    steps: [submitted(19), { day: 17, do: 'withdraw' }],
  },
  {
    key: 'prepared-food',
    session: '5-5',
    lead: '陈国栋',
    topic: '预制菜产业',
    seed: 40,
    filed: 33,
    steps: [
      submitted(33),
      {
        day: 18,
        do: 'reject',
        ground: 'private_interest',
        reason: '所提事项主要涉及个别企业的经营诉求，建议通过工商联渠道反映。',
      },
    ],
  },
  {
    key: 'ecommerce',
    session: '5-5',
    lead: '陈国栋',
    topic: '电商物流',
    seed: 41,
    filed: 38,
    steps: [submitted(38), { day: 24, do: 'accept' }],
  },
  {
    key: 'tourism',
    session: '5-5',
    group: { kind: 'committee', name: '文化文史和学习委员会', committee: '文化文史和学习委员会' },
    topic: '文旅融合',
    seed: 42,
    filed: 36,
    steps: [submitted(36), { day: 23, do: 'accept' }],
  },
  {
    key: 'community-health',
    session: '5-5',
    lead: '赵雅琴',
    topic: '社区卫生服务',
    seed: 43,
    filed: 26,
    steps: [submitted(26), { day: 12, do: 'accept' }, { day: 10, do: 'key' }],
  },
  {
    key: 'joint-cosigned',
    session: '5-5',
    lead: '刘玉兰',
    coSigners: [M],
    topic: '残疾人就业',
    seed: 44,
    filed: 45,
    steps: [
      { day: 44, do: 'cosign', member: M },
      submitted(43),
      { day: 30, do: 'accept' },
      { day: 22, do: 'assign', lead: '市人力资源和社会保障局', co: [MZ] },
    ],
  },
  {
    // The unit hands it back within the return window; the office assigns it elsewhere.
    key: 'business',
    session: '5-5',
    lead: '陈国栋',
    topic: '营商环境',
    seed: 45,
    filed: 50,
    steps: [
      submitted(50),
      { day: 35, do: 'accept' },
      { day: 28, do: 'assign', lead: DEMO_UNIT },
      {
        day: 26,
        do: 'return',
        unit: DEMO_UNIT,
        reason: '所提事项主要涉及企业开办和涉企检查，不属于本单位职责，建议交市商务局、市市场监督管理局办理。',
      },
      { day: 24, do: 'assign', lead: '市商务局', co: ['市市场监督管理局'] },
    ],
  },
  {
    key: 'charging',
    session: '5-5',
    lead: '周明远',
    topic: '新能源汽车充电设施',
    seed: 46,
    filed: 48,
    steps: [
      ...handled({ submitted: 48, accepted: 33, assigned: 30, lead: DEMO_UNIT, contact: [26, 'phone'] }),
      { day: 31, do: 'key' },
      { day: 12, do: 'communicate', unit: DEMO_UNIT, mode: 'visit' },
    ],
  },
  {
    key: 'rural',
    session: '5-5',
    lead: '杨秀英',
    topic: '乡村振兴',
    seed: 47,
    filed: 47,
    steps: handled({
      submitted: 47,
      accepted: 32,
      assigned: 29,
      lead: DEMO_UNIT,
      co: [NY],
      contact: [25, 'visit'],
      opinions: 15,
    }),
  },
  {
    // Replied by the demo unit: waits for the demo member's evaluation.
    key: 'flood',
    session: '5-5',
    lead: M,
    topic: '防汛减灾',
    seed: 48,
    filed: 52,
    steps: [
      ...handled({
        submitted: 52,
        accepted: 37,
        assigned: 34,
        lead: DEMO_UNIT,
        contact: [30, 'phone'],
        replied: [4, 'B'],
      }),
      { day: 18, do: 'communicate', unit: DEMO_UNIT, mode: 'visit' },
    ],
  },
  {
    key: 'rural-water',
    session: '5-5',
    lead: '赵雅琴',
    topic: '农村饮水安全',
    seed: 49,
    filed: 50,
    steps: handled({ submitted: 50, accepted: 36, assigned: 33, lead: NY, contact: [27, 'phone'], replied: [6, 'A'] }),
  },
  {
    key: 'food-safety',
    session: '5-5',
    lead: '刘玉兰',
    topic: '食品安全',
    seed: 50,
    filed: 44,
    steps: [submitted(44), { day: 31, do: 'accept' }, { day: 27, do: 'assign', lead: '市市场监督管理局' }],
  },
  {
    key: 'disability',
    session: '5-5',
    group: { kind: 'sector', name: '社会福利和社会保障界', sector: '社会福利和社会保障界' },
    topic: '残疾人就业',
    seed: 51,
    filed: 30,
    steps: handled({ submitted: 30, accepted: 20, assigned: 16, lead: MZ, contact: [10, 'meeting'] }),
  },
  {
    key: 'property',
    session: '5-5',
    lead: '杨秀英',
    topic: '物业管理',
    seed: 52,
    filed: 35,
    steps: handled({ submitted: 35, accepted: 21, assigned: 14, lead: ZJ, contact: [9, 'phone'] }),
  },
];

/** 发文字号 prefixes of the units that reply in the histories. */
export const DEMO_LETTER_PREFIXES: Record<string, string> = {
  [DEMO_UNIT]: '吴资规函',
  [ZJ]: '吴建函',
  [JY]: '吴教函',
  [WJ]: '吴卫健函',
  [NY]: '吴农函',
  [MZ]: '吴民函',
};

/** What the step texts are written from. */
export interface DemoTextContext {
  subject: string;
  title: string;
  unit: string;
  /** The lead member, or the group of a group proposal. */
  proposer: string;
}

export function communicationText(mode: CommunicationMode, c: DemoTextContext): string {
  switch (mode) {
    case 'phone':
      return `${c.unit}承办人员与${c.proposer}电话沟通，介绍对“${c.subject}”问题的办理思路和工作安排，听取对办理工作的意见和建议。`;
    case 'visit':
      return `${c.unit}分管负责同志走访${c.proposer}，一同实地察看${c.subject}相关项目和点位，逐条面商提案所提建议的落实措施。`;
    case 'meeting':
      return `${c.unit}召开座谈会，邀请${c.proposer}、有关部门和群众代表参加，围绕${c.subject}研究提案建议，明确责任分工和完成时限。`;
    case 'letter':
      return `${c.unit}书面函告${c.proposer}办理进展，并附工作方案征求意见。`;
  }
}

export function coOpinionText(c: DemoTextContext): string {
  return `${c.unit}会办意见：我单位同意主办单位的办理意见。提案中涉及本单位职责的事项，已纳入明年工作计划统筹安排，将配合主办单位抓好落实，并及时反馈进展情况。`;
}

const REPLY_BODIES: Record<'A' | 'B' | 'C', string> = {
  A: '您所提建议切实可行，已被采纳。一是已会同有关单位制定专项工作方案，明确了责任分工和完成时限；二是已将所需资金列入年度预算，首批项目已经开工；三是建立了定期通报制度，每季度向社会公布进展。',
  B: '您所提建议已列入工作计划，正在逐步解决。一是已开展专题调研，摸清了底数和主要问题；二是已起草工作方案，正在征求有关部门意见；三是所需资金将争取列入明年预算，力争明年底前取得明显成效。',
  C: '您所提建议很有针对性。受财力和现行政策限制，部分建议目前尚难以全部实施，我们将留作今后工作参考，并在条件具备时积极推进，同时继续做好现有工作。',
};

export function replyText(classification: 'A' | 'B' | 'C', c: DemoTextContext): string {
  return `${c.proposer}：\n您提出的《${c.title}》收悉。我们高度重视，经与您沟通并会同有关单位认真研究，现答复如下：\n${REPLY_BODIES[classification]}\n感谢您对${c.subject}工作的关心和支持，欢迎继续提出意见和建议。\n${c.unit}`;
}

export function evaluationText(rating: Rating): string {
  return {
    satisfied: '承办单位办前主动沟通，办理措施具体，对办理结果满意。',
    basically_satisfied: '办理态度认真，部分建议已在落实，希望加快进度。',
    unsatisfied: '答复未回应提案的主要建议，请重新办理。',
  }[rating];
}
