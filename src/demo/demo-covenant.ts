import type { Disposition } from '../drafts/draft-workflow';

/**
 * The 金塔社区 居民公约 revision of the newspaper page: the draft put out for comment (征求意见稿), the
 * 征求意见表 of forty residents — most handed in on paper at the March 协商会 and typed in by the community,
 * the rest sent from the public comment page — their dispositions, and the revised text. The residents'
 * names are invented.
 */

export interface DemoClause {
  chapter: string;
  text: string;
}

/** One resident's 征求意见表: on clause `clause` (1-based) or on the whole (null); `paper` when handed in on paper. */
export interface DemoComment {
  name: string;
  clause: number | null;
  text: string;
  paper: boolean;
  disposition: Disposition;
  reason?: string;
}

export const COVENANT_TITLE = '金塔社区居民公约（修订征求意见稿）';

export const COVENANT_NOTE =
  '现行《居民公约》制定于老旧小区改造之前，停车、电动自行车充电、绿化管护等新情况没有写入。社区党委组织居民代表、党员代表和物管会逐条修订，形成征求意见稿，请居民填写征求意见表或在网上提出意见。';

export const COVENANT: DemoClause[] = [
  {
    chapter: '第一章 总则',
    text: '为了维护社区秩序，建设文明和谐的金塔社区，让居民的事情自己作主，经居民代表会议讨论，制定本公约。',
  },
  { chapter: '第一章 总则', text: '本公约适用于金塔社区全体居民和辖区成员单位。' },
  { chapter: '第二章 公共秩序', text: '爱护公共设施，不在楼道、消防通道堆放杂物，不私搭乱建。' },
  { chapter: '第二章 公共秩序', text: '电动自行车不进楼入户，不私拉电线充电，在指定地点集中充电。' },
  { chapter: '第二章 公共秩序', text: '车辆在划定的车位有序停放，不占用消防通道和绿地。' },
  { chapter: '第二章 公共秩序', text: '文明养犬，外出牵绳，及时清理犬只粪便。' },
  { chapter: '第三章 环境卫生', text: '垃圾分类投放，不高空抛物，不乱扔乱倒。' },
  { chapter: '第三章 环境卫生', text: '爱护小区绿化，不毁绿种菜，不在绿篱上晾晒衣物。' },
  { chapter: '第四章 邻里互助', text: '邻里和睦，互帮互助，关心孤寡老人和困难家庭，有事好商量。' },
  { chapter: '第四章 邻里互助', text: '装修和娱乐活动避开休息时间，不影响他人。' },
  {
    chapter: '第五章 共商共治',
    text: '社区大事由居民代表会议协商决定，小事在网格党群议事点商量，急事快议。',
  },
  {
    chapter: '第五章 共商共治',
    text: '按时缴纳物业服务费用；物业服务由物管会监督，收支情况定期公示。',
  },
  { chapter: '第六章 附则', text: '本公约由社区居民委员会负责解释，自居民代表会议通过之日起施行。' },
];

/** The revised text (第二稿): what was adopted written in. */
export const COVENANT_REVISED: DemoClause[] = [
  COVENANT[0],
  COVENANT[1],
  COVENANT[2],
  {
    chapter: '第二章 公共秩序',
    text: '电动自行车不进楼入户，不私拉电线充电，在小区集中充电棚充电；充电棚的位置和收费标准在公示栏公示。',
  },
  {
    chapter: '第二章 公共秩序',
    text: '车辆在划定的车位有序停放，不占用消防通道和绿地，不用杂物占用车位；车位分配办法由物管会协商制定并公示。',
  },
  {
    chapter: '第二章 公共秩序',
    text: '文明养犬，犬只按规定登记、接种疫苗，外出牵绳，大型犬不在院内散放，及时清理犬只粪便。',
  },
  COVENANT[6],
  {
    chapter: '第三章 环境卫生',
    text: '爱护小区绿化，不毁绿种菜，不在绿篱上晾晒衣物；鼓励居民认养新种的树木和绿篱。',
  },
  {
    chapter: '第三章 环境卫生',
    text: '节约用水，爱护秦汉渠水系，不向渠内倾倒垃圾和污水。',
  },
  COVENANT[8],
  {
    chapter: '第四章 邻里互助',
    text: '装修施工限在8时至12时、14时至18时，节假日不进行噪声较大的施工；娱乐活动避开休息时间，不影响他人。',
  },
  COVENANT[10],
  {
    chapter: '第五章 共商共治',
    text: '按时缴纳物业服务费用；物业服务由物管会监督，收支情况每季度公示，物管会成员名单和联系电话在公示栏公示。',
  },
  {
    chapter: '第六章 附则',
    text: '本公约由社区居民委员会负责解释，自居民代表会议通过之日起施行，印发到户并在各小区公示栏张贴。',
  },
];

export const COVENANT_REVISION_NOTE =
  '根据40位居民的征求意见表修订：采纳的意见写入第四、五、六、八、十一、十三、十四条，新增第九条（节约用水、爱护秦汉渠水系）；部分采纳和不采纳的意见已逐条说明理由。';

const MONTHLY_REASON = '物业收支按季度公示与物业服务合同约定一致，每月公示工作量大，暂按季度公示。';

export const COVENANT_COMMENTS: DemoComment[] = [
  {
    name: '马秀兰',
    clause: 4,
    text: '建议写明集中充电的地点和收费标准，大家心里有数。',
    paper: true,
    disposition: 'adopted',
  },
  {
    name: '李建国',
    clause: 4,
    text: '院里充电桩太少，晚上要排队，希望再增加一些。',
    paper: true,
    disposition: 'partly',
    reason: '充电桩数量由物管会另行协商解决，公约只写明在集中充电棚充电。',
  },
  {
    name: '王玉梅',
    clause: 5,
    text: '改造后停车位少，建议公约写明车位怎么分配，先保本院居民。',
    paper: true,
    disposition: 'partly',
    reason: '车位分配办法由物管会协商制定并公示，公约写明原则。',
  },
  {
    name: '张海龙',
    clause: 5,
    text: '有人用旧家具、花盆占车位，建议写上不许用杂物占位。',
    paper: true,
    disposition: 'adopted',
  },
  { name: '杨桂芳', clause: 6, text: '建议加上犬只要登记、打疫苗。', paper: true, disposition: 'adopted' },
  { name: '刘德胜', clause: 6, text: '大狗不能在院子里散放，孩子们害怕。', paper: true, disposition: 'adopted' },
  {
    name: '马福祥',
    clause: 7,
    text: '高空抛物要写明责任，发现一次在群里通报一次。',
    paper: true,
    disposition: 'not_adopted',
    reason: '高空抛物的法律责任由民法典和治安管理处罚法规定，公约不另设通报办法，社区加强宣传和巡查。',
  },
  {
    name: '周淑珍',
    clause: 8,
    text: '新种的绿篱成活不容易，建议居民认养，谁家门口谁照看。',
    paper: true,
    disposition: 'adopted',
  },
  {
    name: '丁永福',
    clause: 8,
    text: '新种的白蜡离楼太近，长大后会遮阳，建议写进公约统一修剪。',
    paper: true,
    disposition: 'not_adopted',
    reason: '树木修剪属于物业日常管护，已转物管会在后期维护方案中解决，不写入公约。',
  },
  {
    name: '何玉兰',
    clause: 10,
    text: '装修时间要写清楚，早上8点前、中午和晚上不能施工。',
    paper: true,
    disposition: 'adopted',
  },
  { name: '韩学军', clause: 10, text: '节假日不要装修打电钻。', paper: true, disposition: 'adopted' },
  {
    name: '苏凤英',
    clause: 11,
    text: '建议写明居民代表怎么产生、几年换一次。',
    paper: true,
    disposition: 'not_adopted',
    reason: '居民代表的产生和任期由《居民自治章程》规定，本次一并修订的章程已写入。',
  },
  {
    name: '金德明',
    clause: 12,
    text: '物业收支建议每月公示一次。',
    paper: true,
    disposition: 'not_adopted',
    reason: MONTHLY_REASON,
  },
  {
    name: '罗秀琴',
    clause: 12,
    text: '物管会成员名单和电话要公示，有事能找到人。',
    paper: true,
    disposition: 'adopted',
  },
  {
    name: '田志刚',
    clause: null,
    text: '建议增加节约用水、不往秦汉渠里倒垃圾的内容。',
    paper: true,
    disposition: 'adopted',
  },
  {
    name: '沈兰英',
    clause: null,
    text: '公约改好后印发到每家每户，贴在单元门口。',
    paper: true,
    disposition: 'adopted',
  },
  {
    name: '白志强',
    clause: null,
    text: '条文要简短好记，建议编成顺口溜。',
    paper: true,
    disposition: 'partly',
    reason: '公约条文保持规范表述，社区另行编印顺口溜版本宣传。',
  },
  {
    name: '康桂兰',
    clause: 3,
    text: '楼道里的杂物要定期清理，建议物业每月检查一次。',
    paper: true,
    disposition: 'partly',
    reason: '检查由物业和网格员日常巡查落实，公约保留原条文。',
  },
  { name: '冯建华', clause: 9, text: '同意这一条，独居老人多，邻居要多照应。', paper: true, disposition: 'adopted' },
  {
    name: '吕淑英',
    clause: 4,
    text: '楼下有人飞线充电，很危险，公约要写死不许私拉电线。',
    paper: true,
    disposition: 'adopted',
  },
  {
    name: '石永军',
    clause: 5,
    text: '外来车辆进院要登记，不能随便停。',
    paper: true,
    disposition: 'partly',
    reason: '外来车辆管理写入车位分配办法。',
  },
  {
    name: '贺秀珍',
    clause: 7,
    text: '垃圾分类桶要标清楚，老人看不懂。',
    paper: true,
    disposition: 'partly',
    reason: '分类标识由物业更换，公约保留原条文。',
  },
  {
    name: '雷振华',
    clause: 11,
    text: '同意“大事大议、小事小议、急事快议”，建议写进去。',
    paper: true,
    disposition: 'adopted',
  },
  {
    name: '牛桂英',
    clause: 12,
    text: '物业费标准调整也要先和居民商量。',
    paper: true,
    disposition: 'partly',
    reason: '物业费标准按合同和有关规定调整，调整前由物管会组织居民协商，写入车位和收费的协商办法。',
  },
  {
    name: '郝建军',
    clause: null,
    text: '希望把停车难写进去，改造以后车位还是不够。',
    paper: true,
    disposition: 'partly',
    reason: '停车位问题已由秦汉渠家属院停车位协商议题专门解决，公约写明停放规则。',
  },
  { name: '段玉珍', clause: 6, text: '遛狗不牵绳的要有人管。', paper: true, disposition: 'adopted' },
  { name: '邵德才', clause: 13, text: '通过以后要张贴出来，让大家都知道。', paper: true, disposition: 'adopted' },
  { name: '孟秀云', clause: 2, text: '辖区商户也要遵守公约。', paper: true, disposition: 'adopted' },
  {
    name: '马晓燕',
    clause: 4,
    text: '充电棚要装监控和灭火器。',
    paper: false,
    disposition: 'partly',
    reason: '充电棚安全设施由物业配备，公约保留充电规则。',
  },
  {
    name: '陈立新',
    clause: 5,
    text: '建议写上不许在消防通道停车，违者由物业劝离。',
    paper: false,
    disposition: 'adopted',
  },
  {
    name: '黄丽萍',
    clause: 10,
    text: '装修时间建议写成上午8点到12点、下午2点到6点。',
    paper: false,
    disposition: 'adopted',
  },
  {
    name: '赵国庆',
    clause: 12,
    text: '收支公示最好同时发在业主群里。',
    paper: false,
    disposition: 'partly',
    reason: '公示方式由物管会确定，可同时在业主群发布。',
  },
  { name: '孙丽娟', clause: 8, text: '建议组织居民认养绿地，挂认养牌。', paper: false, disposition: 'adopted' },
  {
    name: '徐志明',
    clause: null,
    text: '建议增加奖励内容，评选文明家庭。',
    paper: false,
    disposition: 'not_adopted',
    reason: '文明家庭评选由社区新时代文明实践站另行组织，不写入公约。',
  },
  {
    name: '朱秀梅',
    clause: 9,
    text: '楼长要定期看望独居老人。',
    paper: false,
    disposition: 'partly',
    reason: '楼长职责写入网格工作制度，公约保留原条文。',
  },
  {
    name: '胡建平',
    clause: 3,
    text: '不许私搭乱建要写上违者由社区和物业督促拆除。',
    paper: false,
    disposition: 'partly',
    reason: '拆除违建依法由执法部门处理，公约保留原条文。',
  },
  { name: '高玉芬', clause: 7, text: '同意，楼上扔东西太危险。', paper: false, disposition: 'adopted' },
  { name: '林海涛', clause: 12, text: '物管会委员的名单和分工要公示。', paper: false, disposition: 'adopted' },
  {
    name: '郭淑华',
    clause: null,
    text: '网上提意见很方便，以后的事也可以这样征求意见。',
    paper: false,
    disposition: 'adopted',
  },
  { name: '谢春梅', clause: 6, text: '养犬要办证，疫苗要按时打。', paper: false, disposition: 'adopted' },
];
