import {
  CLOSINGS,
  GENERIC_MEASURES,
  OPENINGS,
  PLACES,
  PROPOSAL_TOPICS,
  ProposalTopic,
  TOWNS,
  TRANSITIONS,
  UNITS,
} from './proposal-topics';

/**
 * Realistic Chinese proposal texts for the demo data set and the benchmarks: deterministic
 * (the same seed gives the same proposal), drawn from topic templates with varied places,
 * figures, sentence choices and order, so that a corpus of thousands is not trivially repetitive.
 */
export interface ProposalText {
  title: string;
  category: ProposalTopic['category'];
  /** 情况分析 */
  background: string;
  /** 具体建议, without their numbers. */
  suggestions: string[];
}

/** Mulberry32: small, fast, good enough for test data; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

/** `count` distinct items in random order. */
function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, Math.min(count, pool.length));
}

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八'];

/** Fills the placeholders of one proposal; the place and town stay the same throughout it. */
function filler(rng: Rng, subject: string): (template: string) => string {
  const place = pick(rng, PLACES);
  const town = pick(rng, TOWNS);
  return (template) =>
    template.replace(/\{(\w+)\}/g, (_, key: string) => {
      switch (key) {
        case 'subject':
          return subject;
        case 'place':
          return place;
        case 'town':
          return town;
        case 'n':
          return String(int(rng, 3, 480));
        case 'm':
          return String(int(rng, 12, 980) * 100 + int(rng, 0, 99));
        case 'pct':
          return `${int(rng, 8, 96)}.${int(rng, 0, 9)}%`;
        case 'year':
          return String(int(rng, 2026, 2030));
        case 'unit':
          return pick(rng, UNITS);
        default:
          return key;
      }
    });
}

/** Proposal number `seed` of a generated corpus; with `subject`, on that topic (the demo data chooses its matters). */
export function generateProposal(seed: number, subject?: string): ProposalText {
  const rng = seededRandom(seed * 2654435761);
  const drawn = pick(rng, PROPOSAL_TOPICS);
  const topic = subject === undefined ? drawn : topicOf(subject);
  const fill = filler(rng, topic.subject);
  const problems = sample(rng, topic.problems, int(rng, 2, topic.problems.length));
  const background = [
    fill(pick(rng, OPENINGS)),
    ...sample(rng, topic.facts, int(rng, 1, topic.facts.length)).map((f) => `${fill(f)}。`),
    fill(pick(rng, TRANSITIONS)),
    problems.map((p, i) => `${CHINESE_ORDINALS[i]}是${fill(p)}`).join('；') + '。',
    fill(pick(rng, CLOSINGS)),
  ].join('');
  const specific = sample(rng, topic.measures, int(rng, 2, 5));
  const generic = sample(rng, GENERIC_MEASURES, 6 - specific.length > 0 ? int(rng, 1, 6 - specific.length) : 0);
  const suggestions = [...specific, ...generic].slice(0, 6).map((s) => `${fill(s)}。`);
  return { title: fill(pick(rng, topic.titles)), category: topic.category, background, suggestions };
}

function topicOf(subject: string): ProposalTopic {
  const topic = PROPOSAL_TOPICS.find((t) => t.subject === subject);
  if (!topic) throw new Error(`没有主题为“${subject}”的提案模板`);
  return topic;
}

/** Words a second member might use for the same thing; applied both ways. */
const SYNONYMS: Array<[string, string]> = [
  ['加快', '加速'],
  ['推动', '推进'],
  ['加强', '强化'],
  ['完善', '健全'],
  ['提升', '提高'],
  ['建议', '提议'],
  ['问题', '难题'],
  ['目前', '当前'],
  ['群众', '老百姓'],
  ['支持', '扶持'],
  ['鼓励', '引导'],
  ['建立', '构建'],
  ['开展', '实施'],
  ['不足', '欠缺'],
  ['突出', '明显'],
  ['设施', '设备'],
  ['机制', '制度'],
  ['进一步', '更好地'],
  ['积极', '主动'],
  ['存在', '面临'],
  ['全市', '我市'],
  ['政策', '举措'],
  ['缺乏', '缺少'],
  ['严重', '突出'],
  ['偏低', '较低'],
  ['重视', '关注'],
  ['解决', '破解'],
  ['困难', '难处'],
];

function swapWords(text: string, rng: Rng): string {
  let out = text;
  for (const [a, b] of SYNONYMS) {
    const [from, to] = rng() < 0.5 ? [a, b] : [b, a];
    out = out
      .split(from)
      .map((part, i) => (i === 0 ? part : (rng() < 0.75 ? to : from) + part))
      .join('');
  }
  return out;
}

/** Sentences of a paragraph, each with its closing mark. */
const sentences = (text: string) => text.match(/[^。；：]+[。；：]?/g) ?? [];
const ENUMERATED = /^[一二三四五六七八]是/;
const ALTERNATE_ORDINALS = [
  ['首先，', '其次，', '再次，', '此外，'],
  ['（一）', '（二）', '（三）', '（四）'],
  ['第一，', '第二，', '第三，', '第四，'],
];

/** The analysis in another order: facts shuffled, the enumerated problems reordered and renumbered. */
function reorderBackground(background: string, rng: Rng): string {
  const parts = sentences(background);
  const problems = parts.filter((s) => ENUMERATED.test(s)).map((s) => s.replace(ENUMERATED, '').replace(/[；。]$/, ''));
  const firstProblem = parts.findIndex((s) => ENUMERATED.test(s));
  if (firstProblem < 2) return sample(rng, parts, parts.length).join('');
  const [opening, ...facts] = parts.slice(0, firstProblem - 1);
  const transition = parts[firstProblem - 1];
  const closing = parts.slice(firstProblem + problems.length);
  const ordinals = pick(rng, ALTERNATE_ORDINALS);
  const enumerated = sample(rng, problems, problems.length).map(
    (p, i) => `${ordinals[i] ?? ''}${p}${i === problems.length - 1 ? '。' : '；'}`,
  );
  const shuffled = sample(rng, facts, facts.length);
  const lead = rng() < 0.5 ? [opening, ...shuffled] : [...shuffled, opening];
  return [...lead, transition, ...enumerated, ...(rng() < 0.5 ? closing : [])].join('');
}

/**
 * A "rephrased duplicate": the same matter written by someone else — synonyms swapped, the
 * analysis and the suggestions reordered and renumbered, a closing sentence dropped, a new title.
 */
export function rephrase(p: ProposalText, seed: number): ProposalText {
  const rng = seededRandom(seed * 40503 + 7);
  const background = swapWords(reorderBackground(p.background, rng), rng);
  const suggestions = sample(rng, p.suggestions, p.suggestions.length).map((s) => swapWords(s, rng));
  const title = swapWords(
    p.title
      .replace(/^关于/, pick(rng, ['关于', '关于切实', '关于着力']))
      .replace(/的(建议|提案)$/, pick(rng, ['的建议', '的提案', '的几点建议'])),
    rng,
  );
  return { title, category: p.category, background, suggestions };
}

export { proposalFields } from '../proposals/proposal-text-fields';
