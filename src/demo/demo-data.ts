/**
 * The demo data set (XS_DEMO=1): the bodies and places of the newspaper page in
 * shared/reference, fictional members, and one account per role. All names of people are invented.
 */
export const DEMO_PASSWORD = 'Xieshang2026';

export const DEMO_UNITS: Array<{
  name: string;
  kind: 'government' | 'judicial' | 'people_org' | 'enterprise';
  contactName: string;
  contactPhone: string;
}> = [
  { name: '市自然资源局', kind: 'government', contactName: '马建国', contactPhone: '0953-2011001' },
  { name: '市商务局', kind: 'government', contactName: '丁丽', contactPhone: '0953-2011002' },
  { name: '市农业农村局', kind: 'government', contactName: '杨海', contactPhone: '0953-2011003' },
  { name: '市住房和城乡建设局', kind: 'government', contactName: '王涛', contactPhone: '0953-2011004' },
  { name: '市教育局', kind: 'government', contactName: '李文静', contactPhone: '0953-2011005' },
  { name: '市卫生健康委员会', kind: 'government', contactName: '周敏', contactPhone: '0953-2011006' },
  { name: '市民政局', kind: 'government', contactName: '金宏', contactPhone: '0953-2011007' },
  { name: '市生态环境局', kind: 'government', contactName: '苏晓', contactPhone: '0953-2011008' },
  { name: '市交通运输局', kind: 'government', contactName: '白云峰', contactPhone: '0953-2011009' },
  { name: '市人力资源和社会保障局', kind: 'government', contactName: '冯雪', contactPhone: '0953-2011010' },
  { name: '市市场监督管理局', kind: 'government', contactName: '田野', contactPhone: '0953-2011011' },
  { name: '市中级人民法院', kind: 'judicial', contactName: '郭正', contactPhone: '0953-2011012' },
  { name: '市妇女联合会', kind: 'people_org', contactName: '何芳', contactPhone: '0953-2011013' },
  { name: '市供电公司', kind: 'enterprise', contactName: '韩亮', contactPhone: '0953-2011014' },
];

export const DEMO_POINTS = [
  {
    name: '利通区金塔社区协商议事室',
    district: '利通区金星镇',
    grid: '金塔社区第一至第六网格',
    address: '利通区金星镇金塔社区党群服务中心',
  },
  {
    name: '清水湾社区协商议事室',
    district: '银川市金凤区上海西路街道',
    grid: '吉泰润园小区网格',
    address: '清水湾社区党群服务中心',
  },
  { name: '恩和社区协商议事室', district: '银川市西夏区', grid: '恩和社区网格', address: '恩和社区党群服务中心' },
  { name: '华新社区协商议事室', district: '银川市兴庆区', grid: '福川苑微网格', address: '华新社区办公室' },
];

export const DEMO_SESSIONS = [
  { code: '5-4', name: '五届四次会议', opensAt: '2025-10-01T00:00:00+08:00', closesAt: '2026-01-20T18:00:00+08:00' },
  { code: '5-5', name: '五届五次会议', opensAt: '2026-10-01T00:00:00+08:00', closesAt: '2027-01-20T18:00:00+08:00' },
];

/** [name, gender, sector, committees, employer] */
export const DEMO_MEMBERS: Array<[string, 'male' | 'female', string, string[], string]> = [
  ['张文华', 'male', '中国共产党', ['提案委员会'], '市委政策研究室副主任'],
  ['李淑芬', 'female', '中国民主同盟', ['教科卫体委员会'], '市第一中学副校长'],
  ['王建军', 'male', '经济界', ['经济和资源环境委员会'], '宁夏某家政服务有限公司董事长'],
  ['赵雅琴', 'female', '医药卫生界', ['教科卫体委员会'], '市人民医院主任医师'],
  ['马志刚', 'male', '少数民族界', ['民族宗教委员会'], '利通区金星镇党委副书记'],
  ['刘玉兰', 'female', '妇女联合会', ['社会和法制委员会'], '市妇联副主席'],
  ['陈国栋', 'male', '中国民主建国会', ['经济委员会'], '某建材集团总经理'],
  ['杨秀英', 'female', '农业界', ['农业和农村委员会'], '利通区扁担沟镇枸杞合作社理事长'],
  ['周明远', 'male', '科学技术界', ['人口资源环境委员会'], '市农业科学研究所研究员'],
  ['吴海燕', 'female', '教育界', ['教科卫体委员会'], '利通区第五小学校长'],
  ['孙立新', 'male', '工商业联合会', ['经济委员会'], '市工商联副主席'],
  ['朱红梅', 'female', '文化艺术界', ['文化文史和学习委员会'], '市文化馆馆长'],
  ['胡振华', 'male', '中国农工民主党', ['教科卫体委员会'], '市中医医院副院长'],
  ['郭丽娟', 'female', '九三学社', ['人口资源环境委员会'], '宁夏某大学副教授'],
  ['何建平', 'male', '无党派人士', ['社会和法制委员会'], '某律师事务所主任'],
  ['高晓燕', 'female', '中国共产主义青年团', ['社会和法制委员会'], '团市委副书记'],
  ['林志强', 'male', '经济界', ['经济和资源环境委员会'], '大武口区某家政龙头企业总经理'],
  ['罗桂芳', 'female', '社会福利和社会保障界', ['社会和法制委员会'], '市社会福利院院长'],
  ['梁宏伟', 'male', '中国致公党', ['港澳台侨和外事委员会'], '某外贸公司总经理'],
  ['宋佳', 'female', '新闻出版界', ['文化文史和学习委员会'], '吴忠日报社副总编辑'],
  ['郑国强', 'male', '总工会', ['经济委员会'], '市总工会副主席'],
  ['谢婉清', 'female', '中国民主促进会', ['文化文史和学习委员会'], '市图书馆副馆长'],
  ['韩振东', 'male', '科学技术协会', ['人口资源环境委员会'], '市科协副主席'],
  ['唐美玲', 'female', '医药卫生界', ['教科卫体委员会'], '市妇幼保健院院长'],
  ['冯建设', 'male', '农业界', ['农业和农村委员会'], '红寺堡区某奶牛养殖场场长'],
  ['于秀兰', 'female', '宗教界', ['民族宗教委员会'], '市宗教团体负责人'],
  ['董志勇', 'male', '体育界', ['教科卫体委员会'], '市体育运动学校校长'],
  ['萧雨婷', 'female', '特邀人士', ['港澳台侨和外事委员会'], '特邀人士'],
  ['程立军', 'male', '中国国民党革命委员会', ['社会和法制委员会'], '某会计师事务所所长'],
  ['曹慧敏', 'female', '经济界', ['经济和资源环境委员会', '提案委员会'], '某商业银行吴忠分行行长'],
];

/** One account per role; `member` is linked to the first demo member, `unit` to 市自然资源局, `facilitator` to 金塔社区. */
export const DEMO_ACCOUNTS = [
  { username: 'staff', displayName: '田秀（提案委员会办公室）', roles: ['staff'] as const },
  { username: 'member', displayName: '张文华', roles: ['member'] as const, member: '张文华' },
  { username: 'leader', displayName: '马国庆（副主席）', roles: ['leader'] as const },
  { username: 'unit', displayName: '马建国（市自然资源局）', roles: ['unit'] as const, unit: '市自然资源局' },
  {
    username: 'facilitator',
    displayName: '杨婷（金塔社区书记）',
    roles: ['facilitator'] as const,
    point: '利通区金塔社区协商议事室',
  },
];
