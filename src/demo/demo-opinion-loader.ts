import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { toActor } from '../auth/user-view';
import { User } from '../auth/user.entity';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { Committee, Member, Sector } from '../directory/directory.entities';
import { OpinionAdoptionsService } from '../opinions/opinion-adoptions.service';
import { OpinionInformantsService } from '../opinions/opinion-informants.service';
import { OpinionReviewService } from '../opinions/opinion-review.service';
import { Opinion } from '../opinions/opinion.entities';
import { OpinionsService } from '../opinions/opinions.service';
import { demoInstant } from './demo-proposal-loader';

type Outcome = 'draft' | 'submitted' | 'returned' | 'archived' | 'accepted' | 'provincial' | 'national';

/** One demo item: title, text, category, who files it, how far it got, and how many days ago it was filed. */
interface DemoOpinion {
  title: string;
  content: string;
  category: string;
  /** The demo member's own (with co-signers by name), a sector's or committee's (filed by staff), or a party's. */
  by: { member: string[] } | { sector: string } | { committee: string } | { party: string };
  outcome: Outcome;
  days: number;
}

const SUBJECTS: Array<[string, string, string]> = [
  [
    '老旧小区电动自行车充电难',
    '小区普遍缺少集中充电设施，居民飞线充电、楼道停放现象多，存在消防隐患。建议统筹建设充电车棚并纳入老旧小区改造。',
    'livelihood',
  ],
  [
    '乡村学校校车接送覆盖不足',
    '部分偏远村组学生上学路途远，校车线路覆盖不全，家长自行接送安全隐患多。建议按片区优化校车线路。',
    'culture',
  ],
  [
    '城区背街小巷积水点多',
    '每逢暴雨部分背街小巷积水严重，排水管网标准偏低。建议排查积水点，分批改造并公布整治进度。',
    'governance',
  ],
  [
    '葡萄产区冷链设施不足',
    '先锋大青葡萄采摘集中，产地冷库和分拣中心不足，损耗大、价格波动明显。建议布局产地冷链集配中心。',
    'economy',
  ],
  [
    '社区养老助餐点运营困难',
    '部分社区助餐点用餐人数少、补贴不到位，运营难以为继。建议按服务量给予补贴，鼓励与周边餐饮企业合作。',
    'livelihood',
  ],
  [
    '黄河湿地周边违规垂钓',
    '湿地保护区周边违规垂钓、夜钓现象时有发生，影响候鸟栖息。建议增设警示标识并开展联合巡查。',
    'ecology',
  ],
  [
    '小微企业融资担保门槛高',
    '小微企业普遍反映担保费率高、反担保要求多，融资成本居高不下。建议扩大政府性融资担保覆盖面。',
    'economy',
  ],
  [
    '农村集体经济组织财务不规范',
    '部分村集体经济组织账务公开不及时，群众有意见。建议推行村级财务线上公开和定期审计。',
    'rule_of_law',
  ],
  [
    '中小学课后服务师资紧张',
    '课后服务参与率提高后，教师工作负担加重，课程内容单一。建议引入社会资源和志愿者参与课后服务。',
    'culture',
  ],
  [
    '医保异地就医备案手续繁琐',
    '随迁老人异地就医备案流程多、材料多，线上办理不熟悉。建议简化备案材料，社区提供代办服务。',
    'livelihood',
  ],
  [
    '新就业形态劳动者权益保障',
    '外卖骑手、网约车司机参保率低，工伤保障不足。建议推广职业伤害保障试点，畅通维权渠道。',
    'rule_of_law',
  ],
  [
    '城郊结合部垃圾清运不及时',
    '城郊结合部垃圾收集点少、清运频次低，夏季异味扰民。建议增加收集点并纳入城区环卫统一管理。',
    'ecology',
  ],
  [
    '城区学校周边上下学交通拥堵',
    '早晚高峰学校周边接送车辆集中，占道停车多，学生通行不安全。建议错峰放学，设置临时停车泊位和护学岗。',
    'governance',
  ],
  [
    '农村供水管网老化漏损',
    '部分乡镇供水管网建于二十年前，漏损率高，入夏常有停水。建议将管网更新纳入农村供水保障工程。',
    'livelihood',
  ],
  [
    '枸杞烘干能耗高污染重',
    '部分枸杞烘干点仍用燃煤烘干，能耗高、烟尘大。建议推广热泵烘干，给予设备购置补贴。',
    'ecology',
  ],
  [
    '残疾人就业帮扶落实不到位',
    '按比例安排残疾人就业政策落实不平衡，部分单位宁缴保障金不安排岗位。建议公布安排情况，开发公益性岗位。',
    'livelihood',
  ],
  [
    '乡镇卫生院留不住医生',
    '乡镇卫生院待遇低、晋升难，年轻医生流失多。建议落实县管乡用，职称评聘向基层倾斜。',
    'culture',
  ],
  [
    '住宅小区物业服务纠纷多',
    '部分小区物业收费与服务不对等，业委会成立难，矛盾积累。建议街道牵头建立物业纠纷调解机制。',
    'governance',
  ],
  ['滩羊品牌保护力度不够', '市场上冒用滩羊品牌现象较多，影响产区声誉。建议完善溯源体系，加强市场监管执法。', 'economy'],
  [
    '公共场所母婴室配置不足',
    '商场、车站等公共场所母婴室少、设施不全。建议制定配置标准，纳入新建公共建筑验收。',
    'livelihood',
  ],
  [
    '农村留守老人精神关爱缺位',
    '留守老人多独居，日常缺少陪伴和照料。建议依托村级互助幸福院开展巡访关爱。',
    'livelihood',
  ],
  [
    '工业园区企业用工难',
    '园区企业技术工人缺口大，本地职校培养与企业需求脱节。建议推行订单式培养和园区实训基地。',
    'economy',
  ],
  [
    '老旧小区加装电梯推进缓慢',
    '加装电梯因低层住户意见分歧、资金分摊难而搁置。建议完善协商规则和补贴办法。',
    'governance',
  ],
  [
    '网络直播带货虚假宣传',
    '部分农产品直播夸大宣传、以次充好，消费者维权难。建议加强平台监管和本地主播培训。',
    'rule_of_law',
  ],
  ['城市绿地养护管理粗放', '部分新建绿地重建轻管，苗木死亡补植不及时。建议实行养护考核并公开养护标准。', 'ecology'],
  ['社区矫正对象就业难', '社区矫正对象就业渠道窄，重新融入社会难。建议与企业建立安置帮教基地。', 'rule_of_law'],
  [
    '农村客运班线停运影响出行',
    '部分农村客运班线因客流少停运，群众赶集就医不便。建议推行预约响应式公交。',
    'livelihood',
  ],
  [
    '非遗传承人后继乏人',
    '部分非遗项目传承人年龄偏大，年轻人学艺意愿低。建议设立传承补贴，进校园开设兴趣课程。',
    'culture',
  ],
  ['设施农业大棚闲置', '部分设施农业大棚建成后闲置，资源浪费。建议摸清底数，通过托管、租赁盘活。', 'economy'],
  [
    '电信诈骗宣传覆盖老年人不够',
    '老年人上当受骗案件多发，防骗宣传方式单一。建议社区民警入户宣传，子女共同参与。',
    'rule_of_law',
  ],
];

const OUTCOMES: Outcome[] = [
  'national',
  'provincial',
  'accepted',
  'archived',
  'provincial',
  'accepted',
  'submitted',
  'returned',
];

/** A year of items: the demo member's own (some jointly), sectors', committees' and parties' filed by staff. */
function demoOpinions(): DemoOpinion[] {
  const filers: DemoOpinion['by'][] = [
    { member: ['张文华'] },
    { member: ['张文华', '孙立新'] },
    { sector: '工商业联合会' },
    { committee: '经济委员会' },
    { party: '中国致公党市委会' },
    { member: ['张文华', '梁宏伟'] },
  ];
  const out: DemoOpinion[] = [];
  // Thirty subjects for thirty items: a desk where no two titles repeat, as in an office's real year.
  for (let i = 0; i < SUBJECTS.length; i++) {
    const [subject, content, category] = SUBJECTS[i];
    out.push({
      title: `关于${subject}的情况反映`,
      content,
      category,
      by: filers[i % filers.length],
      outcome: i === SUBJECTS.length - 1 ? 'draft' : OUTCOMES[i % OUTCOMES.length],
      days: 350 - i * 11,
    });
  }
  return out;
}

/**
 * The demo 社情民意 (issue 18): a year of thirty items — the demo member's own and joint ones, a sector's, a
 * committee's and a party's filed by staff — across the statuses, some 采用 by 自治区政协 and 全国政协, played through
 * the opinions' services at their times (so 报送, 编报 and 采用 land in the duty records and 社情民意统计). The demo
 * member and two co-signers are 信息员 of each year the items span; the demo member's own items are filed as such.
 * Loads when there is no item yet.
 */
@Injectable()
export class DemoOpinionLoader {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly ds: DataSource,
    private readonly opinions: OpinionsService,
    private readonly reviews: OpinionReviewService,
    private readonly adoptions: OpinionAdoptionsService,
    private readonly informants: OpinionInformantsService,
    private readonly clock: Clock,
  ) {}

  async loadIfNone(): Promise<boolean> {
    if ((await this.ds.getRepository(Opinion).count()) > 0) return false;
    const staff = await this.actor('staff');
    const member = await this.actor('member');
    if (!staff || !member) return false;
    const items = demoOpinions();
    const names = [...new Set(items.flatMap((o) => ('member' in o.by ? o.by.member : [])))];
    const members = new Map(
      (await this.ds.getRepository(Member).findBy({ name: In(names) })).map((m) => [m.name, m.id]),
    );
    const sectors = new Map((await this.ds.getRepository(Sector).find()).map((s) => [s.name, s.id]));
    const committees = new Map((await this.ds.getRepository(Committee).find()).map((c) => [c.name, c.id]));
    const now = this.clock.now();
    const at = (days: number, hh: number) => demoInstant(now, days, hh * 60);
    await this.appointInformants(staff, members, at(Math.max(...items.map((d) => d.days)), 9));
    let adopted = 0;
    for (const [i, d] of items.entries()) {
      const body = { title: d.title, content: d.content, category: d.category };
      const filer = 'member' in d.by ? member : staff;
      const o = await this.clock.runAt(at(d.days, 9), () => {
        if ('member' in d.by)
          return this.opinions.create(member, {
            ...body,
            // The demo member is a 信息员: their own items go in as such, joint ones as 委员.
            submitterKind: d.by.member.length === 1 ? 'informant' : 'member',
            coContributorMemberIds: d.by.member
              .slice(1)
              .map((n) => members.get(n))
              .filter((id) => id !== undefined),
          });
        if ('sector' in d.by)
          return this.opinions.create(staff, { ...body, submitterKind: 'group', sectorId: sectors.get(d.by.sector) });
        if ('committee' in d.by)
          return this.opinions.create(staff, {
            ...body,
            submitterKind: 'group',
            committeeId: committees.get(d.by.committee),
          });
        return this.opinions.create(staff, { ...body, submitterKind: 'organisation', groupName: d.by.party });
      });
      if (d.outcome === 'draft') continue;
      await this.clock.runAt(at(d.days, 10), () => this.opinions.submit(filer, o.id, {}));
      if (d.outcome === 'submitted') continue;
      const decision = d.outcome === 'archived' ? 'archive' : d.outcome === 'returned' ? 'return' : 'accept';
      const reason =
        decision === 'archive'
          ? '所反映问题已在近期出台的政策中统筹解决，暂不编报。'
          : decision === 'return'
            ? '请补充本地具体数据和典型案例后再报送。'
            : null;
      await this.clock.runAt(at(d.days - 2, 15), () => this.reviews.review(staff, o.id, { decision, reason }));
      if (d.outcome !== 'provincial' && d.outcome !== 'national') continue;
      const national = d.outcome === 'national';
      const day = at(d.days - 20, 9);
      await this.clock.runAt(day, () =>
        this.adoptions.record(staff, o.id, {
          level: national ? 'national' : 'provincial',
          bodyName: national ? '全国政协办公厅' : '自治区政协办公厅',
          issueText: national ? `《全国政协信息》第${120 + i}期` : `《政协信息》${day.getUTCFullYear()}年第${10 + i}期`,
          adoptedOn: new Date(day.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
          note: null,
        }),
      );
      adopted++;
    }
    this.logger.log(`已载入演示社情民意信息：${items.length} 条，其中被上级采用 ${adopted} 条`);
    return true;
  }

  /**
   * 信息员 of every year the demo items span (from `first`): the demo member (2 条/月) and the two who sign with them
   * (1 and 2 条/月), each appointed on 2 January of the year so the whole year counts.
   */
  private async appointInformants(staff: Actor, members: Map<string, number>, first: Date): Promise<void> {
    const roster: Array<[string, number, string]> = [
      ['张文华', 2, '城关区社区联系点'],
      ['孙立新', 1, '市工商联'],
      ['梁宏伟', 2, '乡村振兴联系点'],
    ];
    const now = this.clock.now();
    for (let year = first.getUTCFullYear(); year <= now.getUTCFullYear(); year++)
      for (const [name, monthlyQuota, note] of roster) {
        const memberId = members.get(name);
        if (memberId === undefined) continue;
        await this.clock.runAt(new Date(Date.UTC(year, 0, 2, 1)), () =>
          this.informants.appoint(staff, { memberId, monthlyQuota, note }),
        );
      }
  }

  private async actor(username: string): Promise<Actor | null> {
    const user = await this.ds.getRepository(User).findOneBy({ username });
    return user ? toActor(user) : null;
  }
}
