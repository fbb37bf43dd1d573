import { TOPIC_FOLLOW_UPS } from '../reports/kinds/topic-briefing-kind';
import type { BriefingContext } from '../reports/report-contexts';

const PARAGRAPHS = [
  '今年以来，市政协围绕城镇老旧小区改造开展专题协商，组织委员深入利通区、青铜峡市等地的十二个社区实地察看，召开座谈会六场，听取居民代表、物业企业和街道社区的意见建议，形成本报告。',
  '调研发现，改造项目总体进展顺利，加装电梯、雨污分流、适老化设施等民生工程得到群众普遍认可，但也存在前期征求意见不充分、后续管护机制不健全、资金来源较为单一等问题，需要在下一步工作中着力解决。',
  '部分小区改造方案由设计单位直接编制，居民参与度不高，施工过程中临时调整较多，既影响了工程进度，也增加了协调成本。个别项目竣工后缺少长效管理主体，公共设施损坏后无人维修，群众满意度有所下降。',
  '建议坚持“改造前问需于民、改造中问计于民、改造后问效于民”，把协商议事室作为居民表达诉求的固定平台，推动形成共建共治共享的社区治理格局，让改造成果更好惠及广大群众。',
];

/** Short enough for a whole briefing on one page. */
const SHORT_BACKGROUND = '改造项目总体进展顺利，加装电梯、雨污分流等民生工程得到群众普遍认可。';
const SHORT_FINDING = '部分小区改造方案居民参与度不高，竣工后缺少长效管理主体。';
const SHORT_ITEM = '建议把协商议事室作为居民表达诉求的固定平台。';

const THEMES = ['完善居民参与机制', '健全长效管护机制', '拓宽资金筹措渠道', '加强部门协同配合'];
const UNITS = ['市住房和城乡建设局', '市民政局', '市财政局', '利通区人民政府'];

/**
 * A 协商要报 of about `pages` A4 pages (one finding of four paragraphs fills most of a page; `1` fits on one), for the
 * renderer's tests and bench/pdf. The text is invented in the manner of a real briefing.
 */
export function sampleBriefing(pages = 1, title = '关于推进城镇老旧小区改造工作的协商要报'): BriefingContext {
  const findings = Array.from({ length: Math.max(1, Math.round((pages - 1) * 1.12)) }, (_, i) => ({
    heading: `第${i + 1}个调研点：社区改造中的问题与经验`,
    paragraphs: pages > 1 ? [1, 2, 3, 0].map((k) => PARAGRAPHS[(i + k) % PARAGRAPHS.length]) : [SHORT_FINDING],
  }));
  return {
    title,
    notice: false,
    issueNo: 3,
    issuingOffice: '政协吴忠市委员会办公室',
    issuedOn: '2026-11-26T02:00:00Z',
    printedOn: '2026-11-26T02:00:00Z',
    draft: false,
    signer: null,
    lead: pages > 1 ? [PARAGRAPHS[0]] : [],
    backgroundHeading: '基本情况',
    background: [pages > 1 ? PARAGRAPHS[1] : SHORT_BACKGROUND],
    findingsHeading: '主要问题',
    findings,
    recommendationsHeading: '意见建议',
    recommendationsLead: [],
    recommendations: THEMES.slice(0, pages > 1 ? 4 : 1).map((theme, i) => ({
      theme,
      items: pages > 1 ? [PARAGRAPHS[3], PARAGRAPHS[(i + 2) % 4]] : [SHORT_ITEM],
    })),
    ...TOPIC_FOLLOW_UPS,
    followUps: (pages > 1 ? UNITS : []).map((unit, i) => ({
      item: THEMES[i],
      unit,
      progress: '已制定工作方案，正在组织实施',
      status: i % 2 ? '办理中' : '已落实',
    })),
    distribution: [],
    cc:
      pages > 1 ? ['市委办公室', '市人大常委会办公室', '市政府办公室', '各专门委员会'] : ['市委办公室', '市政府办公室'],
  };
}
