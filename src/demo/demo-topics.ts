import type { MeetingKind, ParticipantSide } from '../topics/meeting.entities';
import type { OutcomeStatus } from '../topics/topic-workflow';
import type { OrganizerType, TopicLevel, TopicSource } from '../topics/topic.entities';

/**
 * The demo topics 协商议题, told like the demo proposals as steps `day` days before loading and played
 * through the topic services: the city's key consultation (5 themes, 18 recommendations, units at work on
 * them), the courtyard's parking settled over four 协商议事会 (停车费 580 → 380 元/月), a grid matter under the
 * “252” promise, a 书记下午茶, and a few raised, settled and declined ones. After the newspaper page in
 * shared/reference; the people's names are invented.
 */

/** Accounts the stories need beside the demo ones: the facilitators of the other points, and units that report. */
export const DEMO_TOPIC_FACILITATORS: Array<{ username: string; displayName: string; point: string }> = [
  { username: 'qingshuiwan', displayName: '苏建华（清水湾社区书记）', point: '清水湾社区协商议事室' },
  { username: 'enhe', displayName: '刘芳（恩和社区书记）', point: '恩和社区协商议事室' },
  { username: 'huaxin', displayName: '陈静（华新社区书记）', point: '华新社区协商议事室' },
];
export const PROPERTY = '吉泰润园物业服务中心';
export const DEMO_TOPIC_UNITS: Array<{ username: string; unit: string; kind?: 'enterprise'; contactName: string }> = [
  { username: 'jitaiwuye', unit: PROPERTY, kind: 'enterprise', contactName: '何伟' },
  { username: 'shangwuju', unit: '市商务局', contactName: '丁丽' },
  { username: 'shengtaiju', unit: '市生态环境局', contactName: '苏晓' },
  { username: 'shichangju', unit: '市市场监督管理局', contactName: '田野' },
  { username: 'rensheju', unit: '市人力资源和社会保障局', contactName: '冯雪' },
];

/** Who acts: an account by username. */
type Who = string;
/** A participant: a member or a unit by name, or a person by name. */
export type DemoParticipant =
  | { member: string; side?: ParticipantSide }
  | { unit: string; name?: string; side: ParticipantSide }
  | { name: string; side: ParticipantSide };

/**
 * A step on its day; `after`: minutes after the topic was raised instead (the “252” clocks run in minutes),
 * for steps on the day it was raised.
 */
export type DemoTopicStep = { day: number; after?: number } & (
  | { do: 'settle' | 'resolve' | 'publish' | 'close' | 'acknowledge'; by: Who }
  | { do: 'answer'; by: Who; text: string }
  | { do: 'decline'; by: Who; reason: string }
  | { do: 'meeting'; by: Who; key: string; kind: MeetingKind; title: string; on: number; venue: string; chair: string }
  | { do: 'participants'; by: Who; meeting: string; list: DemoParticipant[] }
  | { do: 'attendance'; by: Who; meeting: string; excused?: string[]; absent?: string[] }
  | { do: 'speech'; by: Who; meeting: string; speaker: string; summary: string }
  | { do: 'hold'; by: Who; meeting: string; minutes: string }
  | {
      do: 'outcome';
      by: Who;
      key: string;
      kind: 'recommendation' | 'decision';
      theme?: string;
      text: string;
      unit?: string;
      due?: number;
    }
  | { do: 'feedback'; by: Who; outcome: string; status: OutcomeStatus; text: string }
  | { do: 'evaluate'; by: Who; score: number; comment?: string }
);

export interface DemoTopic {
  key: string;
  raised: number;
  by: Who;
  title: string;
  description: string;
  level: TopicLevel;
  source: TopicSource;
  organizer: { type: OrganizerType; name: string };
  responsePolicy?: '252';
  steps: DemoTopicStep[];
}

const JT = '利通区金塔社区协商议事室';
const QSW = '清水湾社区协商议事室';

/* ---------- 1. 重点协商会：盘活工业低效用地 — 18 recommendations under 5 themes ---------- */

const THEMES: Array<[string, Array<[string, string, OutcomeStatus, string?]>]> = [
  [
    '加强领导，高位推动',
    [
      [
        '成立由市政府分管领导任组长的盘活工业低效用地工作专班，建立月调度机制',
        '市自然资源局',
        'done',
        '工作专班已于当月成立，每月召开调度会，已调度6次。',
      ],
      ['将盘活工作纳入各县（市、区）和园区年度目标考核', '市商务局', 'done', '已纳入年度效能目标考核，权重5分。'],
      [
        '建立市县两级联席会议制度，及时协调解决盘活中的堵点难点',
        '市自然资源局',
        'in_progress',
        '联席会议制度草案已征求各县（市、区）意见。',
      ],
    ],
  ],
  [
    '拉网排查，摸清家底',
    [
      [
        '对全市工业用地开展逐宗排查，建立低效用地台账和“一地一档”',
        '市自然资源局',
        'done',
        '完成全市1246宗工业用地排查，认定低效用地87宗，建立台账。',
      ],
      ['明确低效用地认定标准，按亩均税收、容积率等指标分类', '市商务局', 'done', '认定标准已印发实施。'],
      [
        '排查结果在园区范围内公示，接受企业和社会监督',
        '市自然资源局',
        'in_progress',
        '已在两个园区公示，其余园区正在核对。',
      ],
      ['利用卫星遥感监测，动态掌握闲置和低效用地变化', '市自然资源局', 'open'],
    ],
  ],
  [
    '疏堵结合，因企施策',
    [
      [
        '对有发展前景但暂时困难的企业，实行“一企一策”帮扶',
        '市商务局',
        'in_progress',
        '已对23家企业制定帮扶方案，正在落实。',
      ],
      [
        '支持企业通过厂房加层、改扩建提高容积率，不再增收土地价款',
        '市自然资源局',
        'done',
        '已出台政策，3家企业完成加层改造。',
      ],
      [
        '对长期闲置、无力开发的土地依法收回或协议收储',
        '市自然资源局',
        'in_progress',
        '已依法收回闲置土地4宗，共计126亩。',
      ],
      [
        '对污染严重、整改无望的企业依法关停并转',
        '市生态环境局',
        'not_adopted',
        '经评估，相关企业已按期完成整改并达标排放，暂不适用关停措施，纳入日常监管。',
      ],
    ],
  ],
  [
    '强化保障，助力盘活',
    [
      ['设立盘活工业低效用地专项资金，对盘活项目给予奖补', '市商务局', 'open'],
      [
        '金融机构开发“盘活贷”产品，降低企业融资成本',
        '市商务局',
        'done',
        '已协调两家银行推出专项贷款产品，发放贷款1.2亿元。',
      ],
      [
        '简化盘活项目审批流程，推行“拿地即开工”',
        '市住房和城乡建设局',
        'done',
        '盘活项目已纳入“拿地即开工”范围，审批时限压缩至15个工作日。',
      ],
      [
        '加强盘活项目用工保障，开展订单式技能培训',
        '市人力资源和社会保障局',
        'not_adopted',
        '经研究，园区企业用工需求已由现有培训计划覆盖，不再单列。',
      ],
    ],
  ],
  [
    '源头管控，长效管理',
    [
      [
        '新增工业用地实行“标准地”出让，明确投资强度、亩均税收等控制指标',
        '市自然资源局',
        'done',
        '今年新出让工业用地全部按“标准地”出让。',
      ],
      ['建立亩均效益综合评价机制，评价结果与要素配置挂钩', '市商务局', 'in_progress', '评价办法已报市政府审定。'],
      ['将土地利用情况纳入企业信用记录，对违约企业实施联合惩戒', '市市场监督管理局', 'open'],
    ],
  ],
];

function keyConsultation(): DemoTopic {
  const steps: DemoTopicStep[] = [
    { day: 196, do: 'settle', by: 'staff' },
    {
      day: 190,
      do: 'meeting',
      by: 'staff',
      key: 'k1',
      kind: 'key',
      title: '“盘活工业低效用地”重点协商会',
      on: 172,
      venue: '市政协三楼常委会议室',
      chair: '马国庆',
    },
    {
      day: 176,
      do: 'participants',
      by: 'staff',
      meeting: 'k1',
      list: [
        { member: '王建军' },
        { member: '陈国栋' },
        { member: '孙立新' },
        { member: '曹慧敏' },
        { member: '林志强' },
        { member: '郑国强' },
        { unit: '市自然资源局', name: '马建国', side: 'department' },
        { unit: '市商务局', name: '丁丽', side: 'department' },
        { unit: '市生态环境局', name: '苏晓', side: 'department' },
        { unit: '市住房和城乡建设局', name: '王涛', side: 'department' },
        { name: '宁夏大学 郭教授', side: 'expert' },
      ],
    },
    { day: 172, do: 'attendance', by: 'staff', meeting: 'k1', excused: ['郑国强'] },
    {
      day: 172,
      do: 'speech',
      by: 'staff',
      meeting: 'k1',
      speaker: '王建军',
      summary: '园区内部分企业圈而不用、用而不足，建议摸清家底、分类处置，对“僵尸企业”依法收回土地。',
    },
    {
      day: 172,
      do: 'speech',
      by: 'staff',
      meeting: 'k1',
      speaker: '市自然资源局',
      summary: '目前已初步排查出低效用地八十余宗，主要问题是产权关系复杂、企业债务纠纷多，收回难度大。',
    },
    {
      day: 172,
      do: 'speech',
      by: 'staff',
      meeting: 'k1',
      speaker: '曹慧敏',
      summary: '盘活需要资金支撑，建议金融机构开发专门信贷产品，并设立专项奖补资金，撬动社会资本参与。',
    },
    {
      day: 172,
      do: 'speech',
      by: 'staff',
      meeting: 'k1',
      speaker: '孙立新',
      summary: '对暂时困难但有前景的企业要“一企一策”，不能一收了之，要疏堵结合。',
    },
    {
      day: 172,
      do: 'hold',
      by: 'staff',
      meeting: 'k1',
      minutes:
        '会议围绕盘活工业低效用地开展协商，委员们与市直有关部门面对面沟通交流，从加强领导、摸清家底、因企施策、强化保障、源头管控等方面提出18条具体意见建议，会后整理报市委、市政府。',
    },
  ];
  let n = 0;
  for (const [theme, items] of THEMES) {
    for (const [text, unit, status, feedback] of items) {
      const key = `r${++n}`;
      steps.push({
        day: 168,
        do: 'outcome',
        by: 'staff',
        key,
        kind: 'recommendation',
        theme,
        text,
        unit,
        due: -40 - n * 3,
      });
      if (status === 'open') continue;
      const by = `unit:${unit}`;
      if (status !== 'in_progress')
        steps.push({
          day: 150 - n * 2,
          do: 'feedback',
          by,
          outcome: key,
          status: 'in_progress',
          text: '已研究部署，明确责任科室和完成时限。',
        });
      steps.push({ day: 120 - n * 4, do: 'feedback', by, outcome: key, status, text: feedback! });
    }
  }
  steps.push({ day: 166, do: 'resolve', by: 'staff' }, { day: 165, do: 'publish', by: 'staff' });
  return {
    key: 'key-consultation',
    raised: 205,
    by: 'staff',
    title: '关于盘活工业低效用地的重点协商',
    description:
      '我市部分工业园区存在土地闲置、低效利用问题，亩均效益不高，制约产业发展。列入年度协商计划，由经济委员会组织委员与市直有关部门开展重点协商，围绕摸清家底、分类处置、强化保障、长效管理提出意见建议。',
    level: 'city',
    source: 'plan',
    organizer: { type: 'committee', name: '经济委员会' },
    steps,
  };
}

/* ---------- 2. 吉泰润园小区停车 — four 协商议事会, 停车费 580 → 380 元/月 ---------- */

const FOUR_SIDES: DemoParticipant[] = [
  { name: '苏建华', side: 'organizer' },
  { name: '马丽', side: 'organizer' },
  { name: '杨德明', side: 'party_member' },
  { name: '李秀珍', side: 'party_member' },
  { name: '王桂兰', side: 'resident' },
  { name: '赵志强', side: 'resident' },
  { name: '孙红', side: 'resident' },
  { unit: PROPERTY, name: '何伟', side: 'stakeholder' },
  { member: '张文华' },
  { member: '刘玉兰' },
];

function parking(): DemoTopic {
  const by = 'qingshuiwan';
  const venue = '清水湾社区党群服务中心二楼议事厅';
  const meetings: Array<{
    key: string;
    day: number;
    title: string;
    excused: string;
    speeches: Array<[string, string]>;
    minutes: string;
  }> = [
    {
      key: 'p1',
      day: 112,
      title: '吉泰润园小区停车问题第一次协商议事会',
      excused: '孙红',
      speeches: [
        ['王桂兰', '小区停车位收费要参照目前的市场标准，不能乱收费，每月580元明显偏高。'],
        ['吉泰润园物业服务中心', '停车费包含车库照明、排风和保洁的成本，物业可以把成本明细拿出来给大家看。'],
        ['张文华', '建议物业公开成本测算，参照周边小区的收费标准，由各方再商量一个合理的价格。'],
      ],
      minutes: '各方就停车收费标准交换意见。物业同意整理停车成本明细，社区收集周边小区收费标准，下次会议再议。',
    },
    {
      key: 'p2',
      day: 98,
      title: '吉泰润园小区停车问题第二次协商议事会',
      excused: '李秀珍',
      speeches: [
        ['苏建华', '周边六个小区地下车位月租在300元到450元之间，平均约380元。'],
        ['赵志强', '临时停车占用地下车库，业主回家没有车位，临停车应只停地面。'],
        ['吉泰润园物业服务中心', '可以考虑下调月租，但临停收费需要保留，用于弥补管理成本。'],
      ],
      minutes: '会议比对了周边小区收费标准，初步形成下调月租、规范临时停车的意向，由物业测算具体方案。',
    },
    {
      key: 'p3',
      day: 84,
      title: '吉泰润园小区停车问题第三次协商议事会',
      excused: '马丽',
      speeches: [
        ['孙红', '小区内很多公共区域属于业主所有，公共区域产生的收益怎么用，起码得让大家知道详细情况。'],
        ['刘玉兰', '电动自行车进楼入户充电隐患大，建议借这次协商一并解决，试点电梯智能识别。'],
        ['杨德明', '建议临时停车免费半小时，方便送孩子、接老人。'],
      ],
      minutes:
        '会议讨论了临时停车、公共收益公开和电动自行车进电梯等问题。物业同意提交临停和公共收益公开方案，下次会议形成共识。',
    },
    {
      key: 'p4',
      day: 70,
      title: '吉泰润园小区停车问题第四次协商议事会',
      excused: '',
      speeches: [
        ['吉泰润园物业服务中心', '经测算，月租下调至380元物业可以接受；临停车免费半小时，超过半小时每小时2元。'],
        ['王桂兰', '同意这个方案，希望尽快公示执行。'],
        ['张文华', '这次协商让街道社区、居民、物业坐在一起，事情说开了就好办，建议把收支台账也定期公示。'],
      ],
      minutes:
        '经过充分协商，各方达成共识：停车费由每月580元下调至380元；临停车免费停车半小时，超过半小时每小时2元；临停车仅限地面停车；物业整理公共部分收益收支台账，在下次会议前分发各方并在公示栏公示；物业将电梯智能设备的科普和停车服务制度线上线下告知居民。',
    },
  ];
  const steps: DemoTopicStep[] = [{ day: 118, do: 'settle', by }];
  for (const [i, m] of meetings.entries()) {
    steps.push(
      {
        day: m.day + 5,
        do: 'meeting',
        by,
        key: m.key,
        kind: 'deliberation',
        title: m.title,
        on: m.day,
        venue,
        chair: '苏建华',
      },
      {
        day: m.day + 2,
        do: 'participants',
        by,
        meeting: m.key,
        list: i === 3 ? [...FOUR_SIDES, { unit: '市住房和城乡建设局', name: '王涛', side: 'department' }] : FOUR_SIDES,
      },
      { day: m.day, do: 'attendance', by, meeting: m.key, excused: m.excused ? [m.excused] : [] },
      ...m.speeches.map(([speaker, summary]) => ({
        day: m.day,
        do: 'speech' as const,
        by,
        meeting: m.key,
        speaker,
        summary,
      })),
      { day: m.day, do: 'hold', by, meeting: m.key, minutes: m.minutes },
    );
  }
  const decisions: Array<[string, string, number]> = [
    [
      '停车费由每月580元下调至380元',
      '自下月起执行380元/月的标准，已在小区公示栏和业主群公示，多收部分已按月退还。',
      60,
    ],
    [
      '临停车在园区内可免费停车半小时，超过半小时以每小时2元收费',
      '收费系统已调整，免费时长半小时，超时每小时2元。',
      58,
    ],
    ['临停车仅限地面停车，不再停放地下车库', '地下车库入口已设置识别道闸，临停车引导至地面停车位。', 56],
    [
      '物业整理公共部分收益收支台账，在下次会议前分发各方并公示于公示栏',
      '公共收益收支台账已分发各方并在公示栏公示，今后每季度公示一次。',
      50,
    ],
    [
      '物业将电梯智能设备的科普和停车服务制度线上线下告知居民，并在小区重点位置宣传',
      '已在业主群、公示栏和各单元门口张贴宣传，电梯智能识别设备已试点安装。',
      48,
    ],
  ];
  decisions.forEach(([text, feedback, doneDay], i) => {
    const key = `d${i + 1}`;
    steps.push(
      { day: 69, do: 'outcome', by, key, kind: 'decision', text, unit: PROPERTY, due: 40 },
      {
        day: 66,
        do: 'feedback',
        by: `unit:${PROPERTY}`,
        outcome: key,
        status: 'in_progress',
        text: '已按共识制定实施方案。',
      },
      { day: doneDay, do: 'feedback', by: `unit:${PROPERTY}`, outcome: key, status: 'done', text: feedback },
    );
  });
  steps.push(
    { day: 68, do: 'resolve', by },
    { day: 45, do: 'evaluate', by: 'member', score: 5, comment: '四次协商把事情谈透了，共识条条落实，居民满意。' },
    {
      day: 44,
      do: 'evaluate',
      by: 'liuyulan',
      score: 4,
      comment: '收费下调落实到位，电动自行车进电梯问题还需持续跟进。',
    },
    { day: 43, do: 'evaluate', by: `unit:${PROPERTY}`, score: 5 },
    { day: 42, do: 'publish', by },
  );
  return {
    key: 'parking',
    raised: 120,
    by,
    title: '吉泰润园小区停车收费和临时停车管理',
    description:
      '吉泰润园小区地下车位月租580元，居民反映偏高；临时停车占用地下车库，业主停车难；小区公共区域收益使用情况不透明。居民代表请求社区组织物业、党员代表和居民代表协商解决。',
    level: 'community',
    source: 'public',
    organizer: { type: 'point', name: QSW },
    steps,
  };
}

/* ---------- 3. the rest: a grid matter under “252”, a 书记下午茶, raised, settled and declined ones ---------- */

const OTHERS: DemoTopic[] = [
  {
    key: 'canteen',
    raised: 14,
    by: 'enhe',
    title: '恩和社区幸福食堂老年人就餐补助',
    level: 'grid',
    source: 'public',
    responsePolicy: '252',
    description:
      '网格员收集到多位老年居民反映：幸福食堂饭菜价格对独居和高龄老人偏高，希望按年龄给予就餐补助，并固定每周菜谱。',
    organizer: { type: 'point', name: '恩和社区协商议事室' },
    // “252”: 回应 in a minute, but 答复 only after 9 minutes (答复超时); the 板凳会 is days later (解决超时 at the sweep).
    steps: [
      { day: 14, after: 1, do: 'acknowledge', by: 'enhe' },
      {
        day: 14,
        after: 9,
        do: 'answer',
        by: 'enhe',
        text: '已收到，网格员正在核实各年龄段老人就餐人数，三天内组织“板凳会”协商。',
      },
      { day: 14, do: 'settle', by: 'enhe' },
      {
        day: 13,
        do: 'meeting',
        by: 'enhe',
        key: 'c1',
        kind: 'bench',
        title: '幸福食堂就餐补助“板凳会”',
        on: 11,
        venue: '恩和社区幸福食堂',
        chair: '刘芳',
      },
      {
        day: 11,
        do: 'participants',
        by: 'enhe',
        meeting: 'c1',
        list: [
          { name: '刘芳', side: 'organizer' },
          { name: '网格员 刘欣', side: 'organizer' },
          { name: '张大爷', side: 'resident' },
          { name: '马奶奶', side: 'resident' },
          { unit: '市民政局', name: '金宏', side: 'department' },
          { name: '食堂运营方 王经理', side: 'stakeholder' },
        ],
      },
      { day: 11, do: 'attendance', by: 'enhe', meeting: 'c1' },
      {
        day: 11,
        do: 'speech',
        by: 'enhe',
        meeting: 'c1',
        speaker: '张大爷',
        summary: '一顿饭十二块，我们两口子一个月下来不少钱，希望年纪大的能便宜些。',
      },
      {
        day: 11,
        do: 'speech',
        by: 'enhe',
        meeting: 'c1',
        speaker: '市民政局',
        summary: '可以按年龄段实行阶梯型就餐补助，资金从养老服务补贴中统筹。',
      },
      {
        day: 11,
        do: 'hold',
        by: 'enhe',
        meeting: 'c1',
        minutes: '与会各方同意建立阶梯型就餐补助，食堂设置“每周一餐”菜谱并公示。',
      },
      {
        day: 10,
        do: 'outcome',
        by: 'enhe',
        key: 'c-o1',
        kind: 'decision',
        text: '按80岁以上、70至79岁、60至69岁建立阶梯型就餐补助',
        unit: '市民政局',
        due: -20,
      },
      {
        day: 10,
        do: 'outcome',
        by: 'enhe',
        key: 'c-o2',
        kind: 'decision',
        text: '食堂设置“每周一餐”菜谱，每周一在食堂门口公示',
      },
      {
        day: 8,
        do: 'feedback',
        by: 'unit:市民政局',
        outcome: 'c-o1',
        status: 'in_progress',
        text: '补助标准已测算，待报批。',
      },
      {
        day: 6,
        do: 'feedback',
        by: 'enhe',
        outcome: 'c-o2',
        status: 'done',
        text: '每周菜谱已在食堂门口和居民群公示。',
      },
    ],
  },
  {
    key: 'door',
    raised: 5,
    by: 'qingshuiwan',
    title: '吉泰润园5号楼单元门禁损坏',
    level: 'grid',
    source: 'public',
    responsePolicy: '252',
    description: '网格员巡查时居民反映：5号楼单元门禁刷卡失灵已两天，外来人员随意进出，老人担心安全。',
    organizer: { type: 'point', name: QSW },
    // “252” kept in full: 回应 in a minute, 答复 in four, 解决 (解题) the next day.
    steps: [
      { day: 5, after: 1, do: 'acknowledge', by: 'qingshuiwan' },
      {
        day: 5,
        after: 4,
        do: 'answer',
        by: 'qingshuiwan',
        text: '网格员已到现场查看，读卡器进水损坏，已通知物业明天上午更换。',
      },
      { day: 5, do: 'settle', by: 'qingshuiwan' },
      {
        day: 5,
        do: 'meeting',
        by: 'qingshuiwan',
        key: 'd1',
        kind: 'bench',
        title: '5号楼门禁维修“板凳会”',
        on: 4,
        venue: '吉泰润园5号楼楼下',
        chair: '苏建华',
      },
      {
        day: 4,
        do: 'participants',
        by: 'qingshuiwan',
        meeting: 'd1',
        list: [
          { name: '网格员 马莉', side: 'organizer' },
          { name: '5号楼楼栋长 杨师傅', side: 'resident' },
          { unit: PROPERTY, name: '何伟', side: 'enterprise' },
        ],
      },
      { day: 4, do: 'attendance', by: 'qingshuiwan', meeting: 'd1' },
      {
        day: 4,
        do: 'hold',
        by: 'qingshuiwan',
        meeting: 'd1',
        minutes: '物业当天更换读卡器并加装防雨罩，楼栋长负责登记需要补办门禁卡的住户。',
      },
      {
        day: 4,
        do: 'outcome',
        by: 'qingshuiwan',
        key: 'd-o1',
        kind: 'decision',
        text: '更换5号楼单元门禁读卡器并加装防雨罩',
        unit: PROPERTY,
        due: 3,
      },
      { day: 4, do: 'resolve', by: 'qingshuiwan' },
      {
        day: 3,
        do: 'feedback',
        by: `unit:${PROPERTY}`,
        outcome: 'd-o1',
        status: 'done',
        text: '读卡器已更换，防雨罩已加装，门禁恢复正常。',
      },
    ],
  },
  {
    key: 'gate',
    raised: 46,
    by: 'huaxin',
    title: '破解福川苑北门人行小门“撞头”难题',
    level: 'community',
    source: 'public',
    description: '福川苑小区道路拓宽后，人行道旁小门与新路面形成直角，出入居民在转角处常常相撞，存在安全隐患。',
    organizer: { type: 'point', name: '华新社区协商议事室' },
    steps: [
      { day: 45, do: 'settle', by: 'huaxin' },
      {
        day: 44,
        do: 'meeting',
        by: 'huaxin',
        key: 'g1',
        kind: 'tea',
        title: '“书记下午茶”：破解福川苑小门难题',
        on: 41,
        venue: '福川苑小区凉亭',
        chair: '陈静',
      },
      {
        day: 41,
        do: 'participants',
        by: 'huaxin',
        meeting: 'g1',
        list: [
          { name: '陈静', side: 'organizer' },
          { name: '网格员 王雅', side: 'organizer' },
          { name: '褚阿姨', side: 'resident' },
          { name: '物业经理 任师傅', side: 'stakeholder' },
        ],
      },
      { day: 41, do: 'attendance', by: 'huaxin', meeting: 'g1' },
      {
        day: 41,
        do: 'speech',
        by: 'huaxin',
        meeting: 'g1',
        speaker: '网格员 王雅',
        summary: '还是将门的走向进行调整，才能避免问题发生。',
      },
      {
        day: 41,
        do: 'hold',
        by: 'huaxin',
        meeting: 'g1',
        minutes: '一杯清茶间达成一致：由物业将人行道小门更换方向，消除转角盲区。',
      },
      {
        day: 40,
        do: 'outcome',
        by: 'huaxin',
        key: 'g-o1',
        kind: 'decision',
        text: '物业公司将人行道小门更换方向，消除转角盲区',
      },
      { day: 39, do: 'resolve', by: 'huaxin' },
      {
        day: 33,
        do: 'feedback',
        by: 'huaxin',
        outcome: 'g-o1',
        status: 'done',
        text: '小门已更换方向，居民出入有序。',
      },
      { day: 20, do: 'close', by: 'staff' },
    ],
  },
  {
    key: 'qinhanqu',
    raised: 9,
    by: 'facilitator',
    title: '秦汉渠家属院停车位规划',
    level: 'community',
    source: 'public',
    description: '秦汉渠家属院列入老旧小区改造，改造后停车位少，居民停车难，请求物管会牵头协商增加停车位。',
    organizer: { type: 'point', name: JT },
    steps: [
      { day: 7, do: 'settle', by: 'facilitator' },
      {
        day: 6,
        do: 'meeting',
        by: 'facilitator',
        key: 'q1',
        kind: 'deliberation',
        title: '秦汉渠家属院停车位规划第一次协商议事会',
        on: -5,
        venue: '金塔社区党群服务中心',
        chair: '金萍',
      },
    ],
  },
  {
    key: 'charter',
    raised: 3,
    by: 'facilitator',
    title: '修订《居民公约》《居民自治章程》',
    level: 'community',
    source: 'department',
    description: '现行《居民公约》《居民自治章程》制定较早，需结合老旧小区改造后的新情况修订，广泛征求居民意见。',
    organizer: { type: 'point', name: JT },
    steps: [],
  },
  {
    key: 'arrears',
    raised: 52,
    by: 'facilitator',
    title: '由社区代缴112号大院历年物业欠费',
    level: 'community',
    source: 'public',
    description: '部分居民提出，112号大院历年拖欠的物业费由社区统一代缴。',
    organizer: { type: 'point', name: JT },
    steps: [
      {
        day: 50,
        do: 'decline',
        by: 'facilitator',
        reason:
          '物业欠费属于业主与物业服务企业之间的合同事项，社区不能代缴；社区将协助双方调解，必要时引导通过法律途径解决。',
      },
    ],
  },
  {
    key: 'grapes',
    raised: 6,
    by: 'yangxiuying',
    title: '推动先锋大青葡萄产业高质量发展',
    level: 'district',
    source: 'member',
    description:
      '先锋大青葡萄品质好、知名度高，但种植户“单打独斗”、相互压价，品牌保护和营销渠道不足，建议开展界别协商。',
    organizer: { type: 'sector', name: '农业界' },
    steps: [],
  },
];

export const DEMO_TOPICS: DemoTopic[] = [keyConsultation(), parking(), ...OTHERS];
