import { sampleBriefing } from '../../../src/demo/sample-briefing';
import { qrSvg } from '../../../src/reports/qr-code';
import type { ReportContexts, ReportKind } from '../../../src/reports/report-contexts';

/**
 * One fixed context per report kind for the picture test: no database, no clock — every date is written out, so
 * the first page looks the same on any day. Typed by `ReportContexts`: a kind added without a fixture, or a
 * context that changes shape, fails the type check before it fails a picture.
 */
export type PictureContexts = { [K in ReportKind]: ReportContexts[K] };

/** Every kind, once: the record makes the type check name a kind left out. */
export const PICTURE_KINDS = Object.keys({
  briefing: true,
  'visit-report': true,
  'proposal-sheet': true,
  'reply-letter': true,
  'proposal-annual': true,
  'member-record': true,
  'notice-sheet': true,
  'opinion-issue': true,
} satisfies Record<ReportKind, true>) as ReportKind[];

const ISSUED = '2026-11-26T02:00:00Z';
const UNIT = '吴忠市住房和城乡建设局';

export async function pictureContexts(): Promise<PictureContexts> {
  const publicUrl = 'https://xieshang.example.gov.cn/public/topics/42';
  return {
    briefing: { ...sampleBriefing(2), distribution: [{ label: '报', names: ['市委', '市人大常委会', '市政府'] }] },
    'visit-report': {
      title: '关于家政服务业发展情况的调研报告',
      issueNo: null,
      issuingOffice: '政协吴忠市委员会办公室',
      issuedOn: ISSUED,
      printedOn: ISSUED,
      draft: false,
      signer: null,
      kindLabel: '调研',
      lead: ['2026年6月18日，市政协组织8名委员，就家政服务业发展情况开展专题调研。现将有关情况报告如下。'],
      purposeHeading: '调研目的',
      purpose: ['了解我市家政服务业发展现状，听取企业和从业人员的意见建议，为市委、市政府决策提供参考。'],
      organizer: '政协吴忠市委员会社会和法制委员会',
      time: '2026年6月18日 08:30至12:00',
      participants: {
        members: ['马建国', '李秀英', '王志强', '张丽华'],
        staff: ['刘晓东'],
        unitPeople: ['市商务局 赵科长'],
        excused: ['陈明'],
        absent: [],
      },
      stops: [
        { position: 1, at: '6月18日 08:30', place: '利通区家政服务中心', contact: '周主任', purpose: '察看培训基地' },
        { position: 2, at: '6月18日 10:00', place: '金星镇社区服务站', contact: null, purpose: '座谈' },
      ],
      findingsHeading: '发现的问题和建议',
      findingGroups: [
        {
          heading: '利通区家政服务中心',
          items: [
            { problem: '从业人员培训时间短，持证上岗率不高。', suggestion: '建立政府补贴的分级培训制度。' },
            { problem: '企业规模小，抗风险能力弱。', suggestion: null },
          ],
        },
      ],
      photos: [],
      photosLeftOut: 0,
      photosUnreadable: 0,
      followUpsHeading: '后续工作',
      followUps: ['委员据此提出提案《关于促进家政服务业提质扩容的建议》。'],
      cc: ['市商务局', '市人力资源和社会保障局'],
    },
    'proposal-sheet': {
      title: '关于加快推进城镇老旧小区改造的建议',
      sessionName: '十二届二次会议',
      numberLabel: '第0045号',
      kindLabel: '委员提案',
      categoryLabel: '城乡建设',
      plenaryLabel: '大会提案',
      proposers: ['马建国', '李秀英', '王志强'],
      sectorName: '中国民主建国会',
      leadContact: { employer: '吴忠市城市建设投资集团 副总经理', phone: '0953-2012345' },
      background: [
        '我市城镇老旧小区量大面广，基础设施老化、配套设施不全、管理服务缺失等问题突出，群众改造意愿强烈。',
        '近年来改造工作取得积极进展，但仍存在居民参与不足、资金渠道单一、长效管理缺位等问题。',
      ],
      suggestions: [
        '一是坚持问需于民，改造方案须经居民议事会协商通过。',
        '二是拓宽资金渠道，引导社会资本参与改造和运营。',
        '三是建立长效管护机制，明确改造后的管理主体和责任。',
      ],
      agreeToPublish: true,
      submittedAt: '2026-01-10T02:00:00Z',
      statusLabel: '已答复',
      reviewedAt: '2026-01-20T02:00:00Z',
      reviewOpinion: `立案，交${UNIT}主办，市财政局会办。`,
      leadUnit: UNIT,
      coUnits: ['市财政局'],
      deadline: '2026-05-20T09:00:00Z',
      printedOn: ISSUED,
    },
    'reply-letter': {
      title: '关于市政协十二届二次会议第0045号提案的答复',
      unitName: UNIT,
      letterNo: '吴建函〔2026〕18号',
      classification: 'A',
      classificationLabel: '所提问题已经解决或基本解决',
      printClassification: true,
      addressee: '尊敬的马建国等3位委员',
      received: '你们提出的《关于加快推进城镇老旧小区改造的建议》（第0045号）收悉。现答复如下：',
      closing: '感谢你们对我们工作的关心和支持。',
      paragraphs: [
        '一、关于坚持问需于民。我局已印发工作指引，要求每个改造项目在方案编制阶段召开居民议事会，方案须经三分之二以上居民同意后方可实施。',
        '二、关于拓宽资金渠道。今年争取中央和自治区补助资金1.2亿元，并引导两家企业参与加装电梯和停车设施的投资运营。',
        '三、关于建立长效管护机制。改造完成的小区已全部明确管理主体，由街道、社区和业主委员会共同监督。',
      ],
      public: true,
      signer: '王建华',
      contact: ['联系人：李明', '联系电话：0953-2012345'],
      repliedOn: '2026-05-08T02:00:00Z',
      cc: ['政协吴忠市委员会提案委员会'],
      letterFormat: true,
    },
    'proposal-annual': {
      title: '关于十二届二次会议提案办理情况的报告',
      sessionName: '十二届二次会议',
      docNumber: '吴政协提办〔2026〕3号',
      issuingOffice: '政协吴忠市委员会提案委员会',
      issuedOn: ISSUED,
      printedOn: ISSUED,
      draft: false,
      signer: null,
      lead: ['现将十二届二次会议以来提案办理情况报告如下：'],
      sections: [
        {
          heading: '基本情况',
          paragraphs: [
            '十二届二次会议期间及闭会以来，共收到提案312件，经审查立案286件，立案率91.7%。已办复281件，办复率98.3%。',
          ],
        },
        {
          heading: '主要做法',
          paragraphs: ['坚持协商办理，承办单位与提案者办前面商126次，邀请委员参与调研视察43次。'],
        },
        { heading: '办理成效', paragraphs: ['一批群众关心的民生问题得到解决，提案办理满意率96.1%。'] },
        { heading: '存在问题', paragraphs: ['个别单位答复超期，市财政局2件、市交通运输局1件。'] },
        { heading: '下一步工作', paragraphs: ['进一步完善提案办理协商机制，加强督办，提高办理质量。'] },
      ],
      rates: [
        { label: '立案率', value: '91.7%', detail: '286 / 312' },
        { label: '办复率', value: '98.3%', detail: '281 / 286' },
      ],
      ratesLeftOut: null,
      byCategory: [
        { label: '经济建设', total: 98, accepted: 90 },
        { label: '社会事业', total: 120, accepted: 110 },
      ],
      bySector: [{ name: '中国民主建国会', total: 24, accepted: 22 }],
      byUnit: [{ name: UNIT, assigned: 32, replied: 32, overdue: 0 }],
      keyProposals: [],
      overdueProposals: [],
      charts: { rates: null, byCategory: null, byUnit: null },
      cc: ['市委办公室', '市政府办公室'],
    },
    'member-record': {
      title: '马建国委员2026年度履职档案',
      year: 2026,
      name: '马建国',
      sectorName: '中国民主建国会',
      committees: ['经济委员会'],
      proposals: { led: 3, ledAccepted: 3, key: 1, excellent: 1, cosigned: 4, cosignedAccepted: 3 },
      meetings: { invited: 6, attended: 5, excused: 1, absent: 0, unrecorded: 0 },
      visits: { invited: 4, attended: 4, excused: 0, absent: 0, unrecorded: 0 },
      speeches: 3,
      outcomesAdopted: 2,
      lines: [
        { label: '领衔提案《关于加快推进城镇老旧小区改造的建议》立案', points: 5, at: '2026-01-20T02:00:00Z' },
        { label: '出席重点协商会', points: 3, at: '2026-06-18T01:00:00Z' },
      ],
      points: 8,
      baseScore: 60,
      score: 68,
      grade: '良好',
      gradeFinal: true,
      rulesName: '委员履职量化评分办法',
      grades: [
        { min: 90, label: '优秀' },
        { min: 60, label: '良好' },
        { min: 0, label: '一般' },
      ],
      issuingOffice: '政协吴忠市委员会办公室',
      printedOn: ISSUED,
    },
    'notice-sheet': {
      title: '关于小区停车位规划的协商结果公示',
      issuingOffice: '幸福里社区协商议事点',
      topic: '关于小区停车位规划的议题',
      meetings: [
        { at: '2026-06-18T01:00:00Z', kindLabel: '协商议事会', participants: 12, sides: ['居民/群众代表', '部门'] },
      ],
      participants: 12,
      outcomes: [
        { text: '增设停车位37个', unit: UNIT, due: '2026-09-30T09:00:00Z' },
        { text: '划定临时停车区，夜间错时开放', unit: null, due: null },
        { text: '修复绿地围栏，补种行道树', unit: '利通区人民政府', due: '2026-10-31T09:00:00Z' },
      ],
      noticeFrom: ISSUED,
      noticeTo: '2026-12-02T02:00:00Z',
      noticeDays: 7,
      address: '利通区幸福里社区党群服务中心',
      publicUrl,
      qrSvg: await qrSvg(publicUrl),
      issuedOn: ISSUED,
    },
    'opinion-issue': {
      title: '关于老旧小区电动自行车充电难等2条社情民意',
      formLabel: '综合',
      issueNo: 12,
      issuingOffice: '政协吴忠市委员会办公室',
      issuedOn: ISSUED,
      printedOn: ISSUED,
      draft: false,
      signer: '马国庆',
      lead: [],
      items: [
        {
          heading: '关于老旧小区电动自行车充电难的情况反映',
          paragraphs: [
            '老旧小区普遍缺少集中充电设施，居民“飞线”充电、楼道停放现象多，存在较大消防隐患。',
            '建议统筹建设充电车棚，将充电设施纳入老旧小区改造内容。',
            '（马建国、李秀英委员反映）',
          ],
        },
        {
          heading: '关于农村客运班线停运影响群众出行的情况反映',
          paragraphs: [
            '部分乡镇客运班线因客流不足停运，群众出行不便。建议推行预约响应式客运。',
            '（民革吴忠市委会反映）',
          ],
        },
      ],
      distribution: [
        { label: '报', names: ['市委', '市政府'] },
        { label: '送', names: ['自治区政协'] },
      ],
      cc: [],
    },
  };
}
