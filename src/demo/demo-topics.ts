import type { MeetingKind, ParticipantSide } from '../topics/meeting.entities';
import type { OutcomeStatus } from '../topics/topic-workflow';
import type { OrganizerType, TopicLevel, TopicSource } from '../topics/topic.entities';
import {
  COVENANT,
  COVENANT_COMMENTS,
  COVENANT_NOTE,
  COVENANT_REVISED,
  COVENANT_REVISION_NOTE,
  COVENANT_TITLE,
  DemoClause,
  DemoComment,
} from './demo-covenant';

/**
 * The demo topics 协商议题, told like the demo proposals as steps `day` days before loading and played
 * through the topic services: the city's key consultation (5 themes, 18 recommendations, units at work on
 * them), the courtyard's parking settled over four 协商议事会 (停车费 580 → 380 元/月), a grid matter under the
 * “252” promise, a 书记下午茶, and a few raised, settled and declined ones. After the newspaper page in
 * shared/reference; the people's names are invented.
 */

/** Accounts the stories need beside the demo ones: the facilitators of the other points, and units that report. */
export const DEMO_TOPIC_FACILITATORS: Array<{ username: string; displayName: string; point: string }> = [
  { username: 'qingshuiwan', displayName: '吴海明（清水湾社区书记）', point: '清水湾社区协商议事室' },
  { username: 'enhe', displayName: '刘芳（恩和社区书记）', point: '恩和社区协商议事室' },
  { username: 'huaxin', displayName: '金萍（华新社区书记）', point: '华新社区协商议事室' },
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
  | { do: 'draft'; by: Who; title: string; description: string; clauses: DemoClause[]; openToPublic: boolean }
  | { do: 'openDraft'; by: Who; closes: number }
  /** 征求意见表 handed in on paper, typed in by the organiser. */
  | { do: 'forms'; by: Who; comments: DemoComment[] }
  /** Comments from the public page, each from an address of its own. */
  | { do: 'publicComment'; by: 'public'; comment: DemoComment }
  | { do: 'closeDraft'; by: Who }
  | { do: 'dispose'; by: Who; comments: DemoComment[] }
  | { do: 'revise'; by: Who; clauses: DemoClause[]; note: string }
);

/** A topic of the 年度协商计划: started from its plan item (raised and settled in one) instead of raised. */
export interface DemoPlanned {
  form: MeetingKind;
  leadUnit?: string;
}

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
  plan?: DemoPlanned;
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
    plan: { form: 'key', leadUnit: '市自然资源局' },
    steps,
  };
}

/* ---------- 2. the courtyards' parking: 清水湾's 吉泰润园 (停车费 580 → 380 元/月) and 金塔's 秦汉渠家属院 (37 new spaces) ---------- */

/** 社区干部、党员代表、业主代表及物业代表, and two members who live nearby. */
const QSW_SIDES: DemoParticipant[] = [
  { name: '吴海明', side: 'organizer' },
  { name: '马丽', side: 'organizer' },
  { name: '杨德明', side: 'party_member' },
  { name: '李秀珍', side: 'party_member' },
  { name: '王桂兰', side: 'resident' },
  { name: '赵志强', side: 'resident' },
  { name: '孙红', side: 'resident' },
  { unit: PROPERTY, name: '何伟', side: 'stakeholder' },
  { member: '张文华' },
  { member: '刘玉兰' },
  { unit: '市住房和城乡建设局', name: '王涛', side: 'department' },
];

/** One 居民协商议事会 on the residents' “急难愁盼”: five decisions, all carried out by the property company. */
function parking(): DemoTopic {
  const by = 'qingshuiwan';
  const speeches: Array<[string, string]> = [
    ['王桂兰', '小区停车位收费要参照目前的市场标准，不能乱收费，每月580元明显偏高，久而久之会造成收费乱象。'],
    ['刘玉兰', '电动自行车进楼入户引发火灾的事屡有发生，建议试点电梯智能识别，把电动自行车“拒之门外”。'],
    ['孙红', '小区很多公共区域属于业主所有，公共区域产生的收益该不该分摊另说，但起码得让大家知道详细情况。'],
    ['赵志强', '临时停车占用地下车库，业主回家没有车位，临停车应只停地面。'],
    ['吉泰润园物业服务中心', '经测算，月租下调至380元物业可以接受；临停车免费半小时，超过半小时每小时2元。'],
    ['张文华', '这次协商让街道社区、居民、物业坐在一起，事情说开了就好办，建议把收支台账也定期公示。'],
  ];
  const steps: DemoTopicStep[] = [
    { day: 38, do: 'settle', by },
    {
      day: 36,
      do: 'meeting',
      by,
      key: 'p1',
      kind: 'deliberation',
      title: '吉泰润园小区“急难愁盼”居民协商议事会',
      on: 31,
      venue: '吉泰润园小区物业服务中心会议室',
      chair: '吴海明',
    },
    { day: 32, do: 'participants', by, meeting: 'p1', list: QSW_SIDES },
    { day: 31, do: 'attendance', by, meeting: 'p1', excused: ['李秀珍'] },
    ...speeches.map(([speaker, summary]): DemoTopicStep => ({
      day: 31,
      do: 'speech',
      by,
      meeting: 'p1',
      speaker,
      summary,
    })),
    {
      day: 31,
      do: 'hold',
      by,
      meeting: 'p1',
      minutes:
        '经过激烈讨论，各方达成共识：停车费由每月580元下调至380元；临停车免费停车半小时，超过半小时每小时2元；临停车仅限地面停车；物业整理公共部分收益收支台账，在下次会议前分发各方并在公示栏公示；物业将电梯智能设备的科普和停车服务制度线上线下告知居民。',
    },
  ];
  const decisions: Array<[string, string, number]> = [
    [
      '停车费由每月580元下调至380元',
      '自下月起执行380元/月的标准，已在小区公示栏和业主群公示，多收部分已按月退还。',
      22,
    ],
    [
      '临停车在园区内可免费停车半小时，超过半小时以每小时2元收费',
      '收费系统已调整，免费时长半小时，超时每小时2元。',
      21,
    ],
    ['临停车仅限地面停车，不再停放地下车库', '地下车库入口已设置识别道闸，临停车引导至地面停车位。', 20],
    [
      '物业整理公共部分收益收支台账，在下次会议前分发各方并公示于公示栏',
      '公共收益收支台账已分发各方并在公示栏公示，今后每季度公示一次。',
      16,
    ],
    [
      '物业将电梯智能设备的科普和停车服务制度线上线下告知居民，并在小区重点位置宣传',
      '已在业主群、公示栏和各单元门口张贴宣传，电梯智能识别设备已试点安装。',
      15,
    ],
  ];
  decisions.forEach(([text, feedback, doneDay], i) => {
    const key = `d${i + 1}`;
    steps.push(
      { day: 29, do: 'outcome', by, key, kind: 'decision', text, unit: PROPERTY, due: 5 },
      {
        day: 27,
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
    { day: 28, do: 'resolve', by },
    { day: 12, do: 'evaluate', by: 'member', score: 5, comment: '一次协商把事情谈透了，共识条条落实，居民满意。' },
    {
      day: 11,
      do: 'evaluate',
      by: 'liuyulan',
      score: 4,
      comment: '收费下调落实到位，电动自行车进电梯问题还需持续跟进。',
    },
    { day: 10, do: 'evaluate', by: `unit:${PROPERTY}`, score: 5 },
    { day: 9, do: 'publish', by },
  );
  return {
    key: 'parking',
    raised: 40,
    by,
    title: '吉泰润园小区停车收费和临时停车管理',
    description:
      '吉泰润园小区地下车位月租580元，居民反映偏高；临时停车占用地下车库，业主停车难；电动自行车进楼入户存在安全隐患；小区公共区域收益使用情况不透明。居民代表请求社区组织物业、党员代表和业主代表协商解决。',
    level: 'community',
    source: 'public',
    organizer: { type: 'point', name: QSW },
    steps,
  };
}

/** 小区党员、居民代表、秦汉渠管理处 — the three sides — with the community and the 物管会 that leads. */
const QHQ_SIDES: DemoParticipant[] = [
  { name: '杨婷', side: 'organizer' },
  { name: '海军', side: 'organizer' },
  { name: '李军', side: 'party_member' },
  { name: '马文礼', side: 'party_member' },
  { name: '王淑琴', side: 'resident' },
  { name: '丁建国', side: 'resident' },
  { name: '马成林', side: 'resident' },
  { name: '秦汉渠管理处 杨科长', side: 'stakeholder' },
  { member: '马志刚' },
];

/** 秦汉渠家属院: the 物管会 brings the three sides together four times, and 37 spaces are added. */
function qinhanqu(): DemoTopic {
  const by = 'facilitator';
  const meetings: Array<{
    key: string;
    title: string;
    day: number;
    excused: string[];
    speeches: Array<[string, string]>;
    minutes: string;
  }> = [
    {
      key: 'q1',
      title: '停车难问题三方协商',
      day: 100,
      excused: ['马文礼'],
      speeches: [
        ['王淑琴', '改造后路面平整了，可车位只有二十来个，晚上下班回来转几圈都停不下。'],
        ['秦汉渠管理处 杨科长', '家属院东侧管理处的闲置场地可以研究，但要保证渠道巡护通道畅通。'],
        ['马志刚', '建议先摸清全院车辆数和可用场地，三方一起到现场看。'],
      ],
      minutes: '三方就停车难问题交换意见。会后由物管会摸排车辆底数，社区联系秦汉渠管理处现场查看闲置场地。',
    },
    {
      key: 'q2',
      title: '利用闲置场地增加车位',
      day: 86,
      excused: [],
      speeches: [
        ['海军', '摸排下来全院有私家车86辆，现有车位49个，缺口三十多个。'],
        ['李军', '院内西侧边角地和废弃花坛可以改成车位，改造时留下的空地也能用。'],
        ['秦汉渠管理处 杨科长', '东侧闲置场地可以提供给小区使用，需要签订协议，明确不影响渠道巡护。'],
      ],
      minutes: '会议确定利用秦汉渠管理处东侧闲置场地和院内边角地增加车位的思路，由物管会请施工方测算可划车位数。',
    },
    {
      key: 'q3',
      title: '车位布局和管理办法',
      day: 72,
      excused: ['马成林'],
      speeches: [
        ['丁建国', '新车位要划线编号，先满足本院居民，不能让外面的车占了。'],
        ['王淑琴', '边角地改车位要留下老人晒太阳的地方，不能全铺成车位。'],
        ['海军', '施工方测算，东侧场地可划车位25个，院内边角地12个，一共37个。'],
      ],
      minutes: '会议讨论了车位布局和管理办法，形成增加37个车位的方案初稿，保留院内休闲区，方案在小区公示七天征求意见。',
    },
    {
      key: 'q4',
      title: '增加37个车位方案商定',
      day: 58,
      excused: [],
      speeches: [
        ['杨婷', '方案公示期间收到居民意见9条，已逐条吸收，今天请三方最后商定。'],
        ['秦汉渠管理处 杨科长', '同意与物管会签订场地使用协议，管理处保留巡护通道。'],
        ['李军', '同意方案，希望尽快施工，车位由物管会统一编号管理。'],
      ],
      minutes:
        '三方达成共识：利用秦汉渠管理处东侧闲置场地和院内边角地增加停车位37个；车位划线编号，由物管会统一管理，优先保障本院居民；物管会与秦汉渠管理处签订场地使用协议，保留渠道巡护通道。',
    },
  ];
  const steps: DemoTopicStep[] = [{ day: 106, do: 'settle', by }];
  for (const m of meetings) {
    steps.push(
      {
        day: m.day + 5,
        do: 'meeting',
        by,
        key: m.key,
        kind: 'deliberation',
        title: `秦汉渠家属院停车位协商议事会：${m.title}`,
        on: m.day,
        venue: '秦汉渠家属院物管会议事室',
        chair: '杨婷',
      },
      { day: m.day + 2, do: 'participants', by, meeting: m.key, list: QHQ_SIDES },
      { day: m.day, do: 'attendance', by, meeting: m.key, excused: m.excused },
      ...m.speeches.map(([speaker, summary]): DemoTopicStep => ({
        day: m.day,
        do: 'speech',
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
      '利用秦汉渠管理处东侧闲置场地和院内边角地，为小区增加停车位37个',
      '37个停车位已完成硬化、划线，投入使用，彻底解决了居民停车难问题。',
      40,
    ],
    [
      '新增车位划线编号，由物管会统一管理，优先保障本院居民',
      '车位已编号，物管会登记本院车辆86辆，统一发放停车证。',
      38,
    ],
    ['物管会与秦汉渠管理处签订场地使用协议，保留渠道巡护通道', '场地使用协议已签订，巡护通道已标识。', 52],
  ];
  decisions.forEach(([text, feedback, doneDay], i) => {
    const key = `q-o${i + 1}`;
    steps.push(
      { day: 57, do: 'outcome', by, key, kind: 'decision', text },
      { day: doneDay, do: 'feedback', by, outcome: key, status: 'done', text: feedback },
    );
  });
  steps.push({ day: 56, do: 'resolve', by }, { day: 36, do: 'publish', by });
  return {
    key: 'qinhanqu',
    raised: 108,
    by,
    title: '秦汉渠家属院停车位规划',
    description:
      '秦汉渠家属院列入老旧小区改造，防水、外墙保温、路面等整体提升，但小区停车位少，停车难困扰居民已久。请物管会牵头，邀请小区党员、居民代表和秦汉渠管理处三方协商增加停车位。',
    level: 'community',
    source: 'public',
    organizer: { type: 'point', name: JT },
    steps,
  };
}

/* ---------- 3. 金塔's 居民公约 put out for comment, and the 界别协商 on 先锋大青葡萄 ---------- */

/** The March 协商会 with forty-odd residents, the 征求意见稿 open on paper and online, 意见汇总, the revised text. */
function charter(): DemoTopic {
  const by = 'facilitator';
  const paper = COVENANT_COMMENTS.filter((c) => c.paper);
  const online = COVENANT_COMMENTS.filter((c) => !c.paper);
  return {
    key: 'charter',
    raised: 292,
    by,
    title: '修订《居民公约》《居民自治章程》',
    level: 'community',
    source: 'department',
    description:
      '现行《居民公约》《居民自治章程》制定较早，需结合老旧小区改造后的新情况修订，组织居民代表召开协商会，广泛征求居民意见，维护全体居民和社区成员单位的合法权益。',
    organizer: { type: 'point', name: JT },
    steps: [
      { day: 290, do: 'settle', by },
      {
        day: 284,
        do: 'draft',
        by,
        title: COVENANT_TITLE,
        description: COVENANT_NOTE,
        clauses: COVENANT,
        openToPublic: true,
      },
      { day: 280, do: 'openDraft', by, closes: 259 },
      {
        day: 279,
        do: 'meeting',
        by,
        key: 'm1',
        kind: 'deliberation',
        title: '修订《居民公约》《居民自治章程》协商会',
        on: 270,
        venue: '金塔社区党群服务中心一楼会议室',
        chair: '杨婷',
      },
      ...online.map((comment, i): DemoTopicStep => ({
        day: 278 - Math.floor((i * 3) / 2),
        do: 'publicComment',
        by: 'public',
        comment,
      })),
      {
        day: 271,
        do: 'participants',
        by,
        meeting: 'm1',
        list: [
          { name: '杨婷', side: 'organizer' },
          { name: '海军', side: 'organizer' },
          { name: '李军', side: 'party_member' },
          { member: '马志刚' },
          ...paper.map((c): DemoParticipant => ({ name: c.name, side: 'resident' })),
        ],
      },
      { day: 270, do: 'attendance', by, meeting: 'm1' },
      {
        day: 270,
        do: 'speech',
        by,
        meeting: 'm1',
        speaker: '杨婷',
        summary:
          '我们组织居民参与修改《居民公约》《居民自治章程》，就是为了充分吸纳居民的建议，让居民的事情自己作主，促进城市基层稳定，构建和谐社区。',
      },
      {
        day: 270,
        do: 'speech',
        by,
        meeting: 'm1',
        speaker: '李军',
        summary: '改造以后停车、充电、绿化都是新情况，公约要把这些写进去，大家才好遵守。',
      },
      {
        day: 270,
        do: 'hold',
        by,
        meeting: 'm1',
        minutes: `社区组织居民代表召开修订《居民公约》《居民自治章程》协商会，共40余人参加。与会人员仔细听取《居民公约》《居民自治章程》具体内容后，认真填写征求意见表，当场收回${paper.length}份，由社区录入；另有${online.length}位居民在网上征求意见页面提出意见。`,
      },
      { day: 268, do: 'forms', by, comments: paper },
      { day: 259, do: 'closeDraft', by },
      { day: 255, do: 'dispose', by, comments: COVENANT_COMMENTS },
      { day: 250, do: 'revise', by, clauses: COVENANT_REVISED, note: COVENANT_REVISION_NOTE },
      {
        day: 249,
        do: 'outcome',
        by,
        key: 'h-o1',
        kind: 'decision',
        text: '修订后的《居民公约》提请居民代表会议表决，通过后印发到户，并在各小区公示栏张贴',
      },
      { day: 248, do: 'resolve', by },
      {
        day: 236,
        do: 'feedback',
        by,
        outcome: 'h-o1',
        status: 'done',
        text: '居民代表会议表决通过修订后的《居民公约》，已印发1260户，在各小区公示栏张贴。',
      },
    ],
  };
}

/** 青铜峡's 先锋大青葡萄: a 界别协商 of the 农业界 in the yearly plan, six recommendations, and the units' feedback. */
function grapes(): DemoTopic {
  const by = 'staff';
  const items: Array<[theme: string, text: string, unit: string, progress: Array<[number, OutcomeStatus, string]>]> = [
    [
      '提升品质',
      '制定先锋大青葡萄采摘成熟度标准，统一开园采摘时间，杜绝未成熟先上市',
      '市农业农村局',
      [
        [100, 'in_progress', '已会同小坝镇起草采摘成熟度标准。'],
        [70, 'done', '采摘成熟度标准已发布，先锋村按成熟度检测结果统一开园采摘，今年未出现抢青上市。'],
      ],
    ],
    [
      '提升品质',
      '推广标准化种植和绿色防控技术，建设先锋村标准化示范园',
      '市农业农村局',
      [[95, 'in_progress', '已建成标准化示范园200亩，明年扩大到500亩。']],
    ],
    [
      '保护品牌',
      '申请“先锋大青葡萄”地理标志证明商标，统一包装标识，规范品牌使用',
      '市市场监督管理局',
      [[90, 'in_progress', '地理标志证明商标申请材料已提交国家知识产权局。']],
    ],
    [
      '保护品牌',
      '引导种植户组建合作社“抱团发展”，统一收购、统一定价，避免相互压价',
      '市农业农村局',
      [
        [100, 'in_progress', '先锋村大青葡萄种植协会正在牵头组建合作社。'],
        [60, 'done', '合作社已吸收种植户132户，统一收购价每斤高出去年0.8元。'],
      ],
    ],
    [
      '拓宽销售渠道',
      '多组织种植户参加电商培训，让直播走进每家每户的葡萄园',
      '市商务局',
      [
        [98, 'in_progress', '已制定电商培训计划。'],
        [65, 'done', '举办电商直播培训4期，培训种植户210人次，线上销售占比提高到三成。'],
      ],
    ],
    ['农旅融合', '在国道109线先锋村段合理规划停车场和销售点，让过路车辆停下来，带动乡村旅游', '市交通运输局', []],
  ];
  const steps: DemoTopicStep[] = [
    {
      day: 125,
      do: 'meeting',
      by,
      key: 'v1',
      kind: 'sector',
      title: '先锋大青葡萄产业高质量发展社会组织活动暨界别群众恳谈会',
      on: 112,
      venue: '青铜峡市小坝镇先锋村党群服务中心',
      chair: '马国庆',
    },
    {
      day: 114,
      do: 'participants',
      by,
      meeting: 'v1',
      list: [
        { member: '杨秀英' },
        { member: '冯建设' },
        { member: '周明远' },
        { name: '青铜峡市政协委员 郭杰', side: 'other' },
        { name: '青铜峡市政协委员 司雪', side: 'other' },
        { name: '先锋村大青葡萄种植协会 会长', side: 'stakeholder' },
        { name: '群众代表 蒋文兵', side: 'resident' },
        { name: '小坝镇镇长 李刚', side: 'department' },
        { unit: '市农业农村局', name: '杨海', side: 'department' },
        { unit: '市商务局', name: '丁丽', side: 'department' },
      ],
    },
    { day: 112, do: 'attendance', by, meeting: 'v1' },
    {
      day: 112,
      do: 'speech',
      by,
      meeting: 'v1',
      speaker: '青铜峡市政协委员 郭杰',
      summary:
        '先锋大青葡萄的知名度高于白寺滩龙二大青葡萄，但近两年售价一直低于后者，主要原因在于种植户没有“抱团发展”，部分种植户急于销售，葡萄没有完全成熟就开始卖，相互压价。建议引导种植户树立正确营销理念。',
    },
    {
      day: 112,
      do: 'speech',
      by,
      meeting: 'v1',
      speaker: '青铜峡市政协委员 司雪',
      summary: '发展产业要调动农户积极性，建议多组织种植户参加电商培训，让直播走进每家每户的葡萄园。',
    },
    {
      day: 112,
      do: 'speech',
      by,
      meeting: 'v1',
      speaker: '群众代表 蒋文兵',
      summary:
        '国道109线穿村而过，每天车流量很大，这些过路车都是潜在客户。建议合理规划停车场，让过路车辆停下来了解大青葡萄、了解先锋村。',
    },
    {
      day: 112,
      do: 'speech',
      by,
      meeting: 'v1',
      speaker: '杨秀英',
      summary: '合作社统一品种、统一标准、统一收购，才能把品质稳住，把价格提上去。',
    },
    {
      day: 112,
      do: 'speech',
      by,
      meeting: 'v1',
      speaker: '小坝镇镇长 李刚',
      summary:
        '此次活动提出了许多有建设性、可操作性的意见建议，先锋村将充分梳理吸纳，着重在提升品质、保护品牌、增加收入、丰富业态上下功夫，把先锋大青葡萄产业做优做强。',
    },
    {
      day: 112,
      do: 'hold',
      by,
      meeting: 'v1',
      minutes:
        '委员和界别群众先后实地走访观摩利通区东塔寺乡白寺滩村大青葡萄产业及文旅融合发展情况、视察青铜峡市小坝镇先锋村大青葡萄产业发展情况，随后召开恳谈会，就提升先锋村大青葡萄品质、保护品牌、拓宽销售渠道、农旅融合等方面提出6条意见建议，会后整理形成协商要报。',
    },
  ];
  items.forEach(([theme, text, unit, progress], i) => {
    const key = `v-r${i + 1}`;
    steps.push({ day: 110, do: 'outcome', by, key, kind: 'recommendation', theme, text, unit, due: -30 });
    for (const [day, status, feedback] of progress)
      steps.push({ day, do: 'feedback', by: `unit:${unit}`, outcome: key, status, text: feedback });
  });
  steps.push({ day: 108, do: 'resolve', by });
  return {
    key: 'grapes',
    raised: 130,
    by,
    title: '推动先锋大青葡萄产业高质量发展',
    description:
      '先锋大青葡萄产于青铜峡市小坝镇先锋村，含糖量高、口感好，深受消费者喜爱。随着产业扩大，出现果品质量参差不齐、“先锋大青”品牌打造和宣传效果不显著、销售方式单一、渠道狭窄等问题。由农业界委员开展界别协商，邀请界别群众、种植协会和相关镇村负责人建言。',
    level: 'district',
    source: 'plan',
    organizer: { type: 'sector', name: '农业界' },
    plan: { form: 'sector', leadUnit: '市农业农村局' },
    steps,
  };
}

/* ---------- 4. the rest: a grid matter under “252”, a 书记下午茶, raised, settled and declined ones ---------- */

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
    description:
      '居民褚风叶反映：福川苑小区道路拓宽后，人行道旁小门与新铺的路面形成直角，出入居民在转角处形成步行盲区，常常“撞头”，存在安全隐患。',
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
        chair: '金萍',
      },
      {
        day: 41,
        do: 'participants',
        by: 'huaxin',
        meeting: 'g1',
        list: [
          { name: '金萍', side: 'organizer' },
          { name: '网格员 王雅利', side: 'organizer' },
          { name: '微网格员 任存银', side: 'organizer' },
          { name: '褚风叶', side: 'resident' },
          { name: '物业经理 马振东', side: 'stakeholder' },
          { name: '解放西街街道党工委组织委员 马芷依', side: 'department' },
        ],
      },
      { day: 41, do: 'attendance', by: 'huaxin', meeting: 'g1' },
      {
        day: 41,
        do: 'speech',
        by: 'huaxin',
        meeting: 'g1',
        speaker: '褚风叶',
        summary: '福川苑北门有两个人头撞头碰上了，转角那里谁也看不见谁。',
      },
      {
        day: 41,
        do: 'speech',
        by: 'huaxin',
        meeting: 'g1',
        speaker: '网格员 王雅利',
        summary: '这种转角相遇，可一点也不浪漫。',
      },
      {
        day: 41,
        do: 'speech',
        by: 'huaxin',
        meeting: 'g1',
        speaker: '微网格员 任存银',
        summary: '还是将门的走向进行调整，这样才能避免问题发生。',
      },
      {
        day: 41,
        do: 'hold',
        by: 'huaxin',
        meeting: 'g1',
        minutes:
          '一杯清茶，些许茶点，金萍书记与网格员、微网格员、物业经理和居民以“破解福川苑小门难题”为主题畅谈，达成一致：由物业将人行道小门更换方向，消除转角盲区。',
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
        text: '小门已更换方向，居民来往有序，不再发生互相碰撞的情形。',
      },
      { day: 20, do: 'close', by: 'staff' },
    ],
  },
  {
    key: 'courtyard',
    raised: 9,
    by: 'facilitator',
    title: '112号大院改造后环境优化',
    level: 'community',
    source: 'public',
    description:
      '112号大院老旧小区改造完成，居民对后期维护有不少意见：新种的白蜡离楼只有十几米，长大后会不会遮阳；广场中间空旷，希望再建一个遮阳棚；后期停车位如何规划；新种的绿篱成活不易，怎么管护。',
    organizer: { type: 'point', name: JT },
    steps: [
      { day: 7, do: 'settle', by: 'facilitator' },
      {
        day: 6,
        do: 'meeting',
        by: 'facilitator',
        key: 'y1',
        kind: 'deliberation',
        title: '112号大院改造后环境优化协商议事会',
        on: -5,
        venue: '112号大院党群议事点',
        chair: '杨婷',
      },
    ],
  },
  charter(),
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
  grapes(),
  {
    key: 'wolfberry',
    raised: 3,
    by: 'yangxiuying',
    title: '推进扁担沟镇枸杞标准化种植',
    level: 'district',
    source: 'member',
    description:
      '扁担沟镇枸杞种植面积逐年扩大，但分散种植、标准不一，农药残留抽检时有不合格，影响品牌。建议开展界别协商，推动统一种植标准和质量追溯。',
    organizer: { type: 'sector', name: '农业界' },
    steps: [],
  },
];

export const DEMO_TOPICS: DemoTopic[] = [keyConsultation(), parking(), qinhanqu(), ...OTHERS];

/**
 * The 年度协商计划 beside its planned topics (those with `plan`, started from their items): the consultations
 * still to come this quarter, not yet started.
 */
export const DEMO_PLAN: {
  note: string;
  items: Array<{
    title: string;
    notes: string;
    form: MeetingKind;
    organizer: DemoTopic['organizer'];
    level: TopicLevel;
    leadUnit?: string;
  }>;
} = {
  note: '经市政协党组会议研究、主席会议审议通过，报市委批准后印发。',
  items: [
    {
      title: '提升城乡供水保障水平',
      notes: '围绕城乡供水一体化和农村饮水安全开展对口协商。',
      form: 'counterpart',
      organizer: { type: 'committee', name: '人口资源环境委员会' },
      level: 'city',
      leadUnit: '市住房和城乡建设局',
    },
    {
      title: '推进居家和社区养老服务',
      notes: '结合养老服务体系建设情况视察开展专题协商。',
      form: 'thematic',
      organizer: { type: 'committee', name: '社会和法制委员会' },
      level: 'city',
      leadUnit: '市民政局',
    },
  ],
};
