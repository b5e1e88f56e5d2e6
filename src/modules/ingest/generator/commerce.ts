/**
 * Vocabulary of the generated economy: occupations, GB/T 4754 industries and their supply chains,
 * company name parts, banks and payment platforms, merchant categories (MCC) and news sources.
 * No string here may contain an ASCII comma, quote or newline: hot CSV rows are written unquoted.
 */

/** The bank the data belongs to; internal counterparties show this as their bank. */
export const OWN_BANK = '本行';
/** The bank's full name (branch names, news). */
export const BANK_NAME = '全景银行';

/** A retail occupation with its median monthly income (yuan) and how often its employer pays through us. */
export interface Occupation {
  name: string;
  weight: number;
  income: number;
  payroll: number;
  /** Self-employed: income arrives as receipts, not salary. */
  selfEmployed: boolean;
}

/** Occupations of working-age retail customers. */
export const OCCUPATIONS: readonly Occupation[] = [
  { name: '企业职员', weight: 30, income: 9000, payroll: 0.55, selfEmployed: false },
  { name: '工程师', weight: 8, income: 16000, payroll: 0.6, selfEmployed: false },
  { name: '公务员', weight: 5, income: 11000, payroll: 0.7, selfEmployed: false },
  { name: '教师', weight: 5, income: 9500, payroll: 0.75, selfEmployed: false },
  { name: '医生', weight: 3, income: 15000, payroll: 0.7, selfEmployed: false },
  { name: '护士', weight: 3, income: 8000, payroll: 0.7, selfEmployed: false },
  { name: '销售人员', weight: 8, income: 8000, payroll: 0.4, selfEmployed: false },
  { name: '企业管理人员', weight: 6, income: 25000, payroll: 0.5, selfEmployed: false },
  { name: '金融从业人员', weight: 3, income: 20000, payroll: 0.6, selfEmployed: false },
  { name: '工人', weight: 10, income: 6000, payroll: 0.45, selfEmployed: false },
  { name: '服务业人员', weight: 8, income: 5500, payroll: 0.3, selfEmployed: false },
  { name: '个体工商户', weight: 9, income: 12000, payroll: 0, selfEmployed: true },
  { name: '自由职业者', weight: 4, income: 9000, payroll: 0, selfEmployed: true },
  { name: '农民', weight: 3, income: 3500, payroll: 0, selfEmployed: true },
];
/** Occupation of students. */
export const STUDENT = '学生';
/** Occupation of retirees. */
export const RETIREE = '退休人员';
/** Occupation of retail customers who own a corporate customer. */
export const BUSINESS_OWNER = '企业主';

/** A GB/T 4754-2017 industry section with name phrases and the sections it buys from. */
export interface Industry {
  /** `C 制造业`: section letter and name, as the customer.industry column holds it. */
  label: string;
  letter: string;
  weight: number;
  phrases: readonly string[];
  upstream: readonly string[];
}

/** Industry sections companies belong to (J, finance, is left out: those are banks' peers). */
export const INDUSTRIES: readonly Industry[] = [
  {
    label: 'A 农、林、牧、渔业',
    letter: 'A',
    weight: 3,
    phrases: ['农业发展', '生态农业', '果蔬种植', '水产养殖', '农业科技'],
    upstream: ['C', 'F'],
  },
  {
    label: 'B 采矿业',
    letter: 'B',
    weight: 0.5,
    phrases: ['矿业', '石材开发', '矿产资源'],
    upstream: ['C', 'E', 'G'],
  },
  {
    label: 'C 制造业',
    letter: 'C',
    weight: 30,
    phrases: [
      '精密机械',
      '电子科技',
      '纺织',
      '服饰',
      '化工',
      '新材料',
      '汽车零部件',
      '食品',
      '医疗器械',
      '五金制品',
      '塑料制品',
      '包装材料',
      '光电科技',
      '智能装备',
      '家具',
      '电气设备',
    ],
    upstream: ['C', 'C', 'F', 'D', 'G', 'A', 'B'],
  },
  {
    label: 'D 电力、热力、燃气及水生产和供应业',
    letter: 'D',
    weight: 2,
    phrases: ['新能源', '燃气', '电力工程', '光伏科技', '水务'],
    upstream: ['C', 'E', 'B'],
  },
  {
    label: 'E 建筑业',
    letter: 'E',
    weight: 8,
    phrases: ['建设工程', '建筑装饰', '市政工程', '幕墙工程', '建筑安装'],
    upstream: ['C', 'F', 'L', 'M'],
  },
  {
    label: 'F 批发和零售业',
    letter: 'F',
    weight: 22,
    phrases: ['贸易', '商贸', '供应链管理', '进出口', '医药', '建材', '电子商务', '百货'],
    upstream: ['C', 'C', 'A', 'F'],
  },
  {
    label: 'G 交通运输、仓储和邮政业',
    letter: 'G',
    weight: 6,
    phrases: ['物流', '运输', '仓储', '冷链物流', '快运'],
    upstream: ['F', 'D', 'C'],
  },
  {
    label: 'H 住宿和餐饮业',
    letter: 'H',
    weight: 4,
    phrases: ['餐饮管理', '酒店管理', '食品连锁'],
    upstream: ['A', 'F', 'C'],
  },
  {
    label: 'I 信息传输、软件和信息技术服务业',
    letter: 'I',
    weight: 7,
    phrases: ['网络科技', '软件', '信息技术', '数据科技', '智能科技'],
    upstream: ['I', 'L', 'M'],
  },
  {
    label: 'K 房地产业',
    letter: 'K',
    weight: 3,
    phrases: ['房地产开发', '置业', '物业管理'],
    upstream: ['E', 'C', 'L', 'M'],
  },
  {
    label: 'L 租赁和商务服务业',
    letter: 'L',
    weight: 6,
    phrases: ['企业管理咨询', '商务服务', '人力资源', '广告', '会展服务'],
    upstream: ['I', 'L', 'G'],
  },
  {
    label: 'M 科学研究和技术服务业',
    letter: 'M',
    weight: 4,
    phrases: ['检测技术', '工程设计', '生物科技', '环境科技'],
    upstream: ['I', 'L', 'C'],
  },
  {
    label: 'N 水利、环境和公共设施管理业',
    letter: 'N',
    weight: 2,
    phrases: ['环保科技', '园林绿化', '环境工程'],
    upstream: ['C', 'E', 'M'],
  },
  {
    label: 'O 居民服务、修理和其他服务业',
    letter: 'O',
    weight: 1,
    phrases: ['家政服务', '汽车维修', '洗涤服务'],
    upstream: ['F', 'C'],
  },
  { label: 'P 教育', letter: 'P', weight: 1, phrases: ['教育科技', '培训'], upstream: ['I', 'F', 'L'] },
  {
    label: 'Q 卫生和社会工作',
    letter: 'Q',
    weight: 1,
    phrases: ['医疗管理', '健康管理', '养老服务'],
    upstream: ['C', 'F', 'M'],
  },
  {
    label: 'R 文化、体育和娱乐业',
    letter: 'R',
    weight: 2,
    phrases: ['文化传媒', '体育发展', '影视'],
    upstream: ['I', 'L'],
  },
];

/** Characters of company trade names (字号), combined in pairs. */
export const BRAND_CHARS =
  '恒远鑫达华盛泰隆瑞丰宏源信诚德安康佳明光海天中金新正和通利兴旺嘉立百万博创汇合永富昌祥宇晨辉腾飞跃景润泽卓越优品久益凯东方锦程亿家美思捷鸿运振宁';

/** Other banks, weighted roughly by retail presence. */
export const OTHER_BANKS: readonly (readonly [string, number])[] = [
  ['工商银行', 16],
  ['建设银行', 14],
  ['农业银行', 12],
  ['中国银行', 10],
  ['招商银行', 10],
  ['交通银行', 6],
  ['邮储银行', 6],
  ['浦发银行', 4],
  ['兴业银行', 4],
  ['中信银行', 3],
  ['民生银行', 3],
  ['平安银行', 4],
  ['光大银行', 3],
  ['宁波银行', 2],
  ['杭州银行', 2],
  ['江苏银行', 2],
];

/** Internet wealth platforms that pull deposits away, with the payment channel they use. */
export const INTERNET_WEALTH: readonly { name: string; bank: string; channel: 'alipay' | 'wechat_pay' }[] = [
  { name: '余额宝', bank: '支付宝', channel: 'alipay' },
  { name: '理财通', bank: '微信支付', channel: 'wechat_pay' },
];

/** A merchant category: MCC, merchants, typical amount (yuan, log-normal) and who spends there. */
export interface MerchantCategory {
  mcc: string;
  merchants: readonly string[];
  /** Median amount in yuan. */
  median: number;
  sigma: number;
  /** Relative frequency for young and for older customers. */
  young: number;
  old: number;
}

/** Everyday spending categories. */
export const MERCHANT_CATEGORIES: readonly MerchantCategory[] = [
  {
    mcc: '5411',
    merchants: ['盒马鲜生', '永辉超市', '华润万家', '物美超市', '联华超市', '沃尔玛'],
    median: 120,
    sigma: 0.7,
    young: 10,
    old: 16,
  },
  {
    mcc: '5812',
    merchants: ['海底捞火锅', '西贝莜面村', '外婆家', '绿茶餐厅', '太二酸菜鱼', '老乡鸡'],
    median: 160,
    sigma: 0.6,
    young: 9,
    old: 6,
  },
  {
    mcc: '5814',
    merchants: ['美团外卖', '饿了么', '肯德基', '麦当劳', '瑞幸咖啡', '星巴克', '喜茶'],
    median: 35,
    sigma: 0.5,
    young: 18,
    old: 5,
  },
  { mcc: '4121', merchants: ['滴滴出行', '高德打车', '曹操出行'], median: 32, sigma: 0.6, young: 8, old: 3 },
  {
    mcc: '5541',
    merchants: ['中国石化加油站', '中国石油加油站', '壳牌加油站'],
    median: 300,
    sigma: 0.35,
    young: 4,
    old: 5,
  },
  { mcc: '4814', merchants: ['中国移动', '中国联通', '中国电信'], median: 80, sigma: 0.4, young: 4, old: 5 },
  {
    mcc: '4900',
    merchants: ['国家电网', '自来水公司', '燃气公司'],
    median: 180,
    sigma: 0.5,
    young: 3,
    old: 6,
  },
  {
    mcc: '5912',
    merchants: ['老百姓大药房', '益丰大药房', '海王星辰', '国大药房'],
    median: 85,
    sigma: 0.7,
    young: 2,
    old: 7,
  },
  {
    mcc: '8062',
    merchants: ['市第一人民医院', '市中心医院', '中医院', '妇幼保健院'],
    median: 380,
    sigma: 0.9,
    young: 1,
    old: 5,
  },
  {
    mcc: '5311',
    merchants: ['银泰百货', '万达广场', '大悦城', '万象城'],
    median: 550,
    sigma: 0.8,
    young: 4,
    old: 3,
  },
  {
    mcc: '5651',
    merchants: ['优衣库', 'ZARA', '海澜之家', '李宁', '安踏'],
    median: 330,
    sigma: 0.6,
    young: 5,
    old: 2,
  },
  {
    mcc: '5732',
    merchants: ['京东商城', '苏宁易购', 'Apple Store', '华为体验店', '小米之家'],
    median: 1500,
    sigma: 0.9,
    young: 2,
    old: 1,
  },
  {
    mcc: '5999',
    merchants: ['淘宝', '天猫', '京东', '拼多多', '抖音商城'],
    median: 180,
    sigma: 0.9,
    young: 12,
    old: 5,
  },
  {
    mcc: '7011',
    merchants: ['如家酒店', '汉庭酒店', '全季酒店', '亚朵酒店'],
    median: 480,
    sigma: 0.5,
    young: 2,
    old: 1,
  },
  {
    mcc: '4511',
    merchants: ['东方航空', '南方航空', '中国国航', '携程旅行'],
    median: 1200,
    sigma: 0.5,
    young: 1.5,
    old: 1,
  },
  { mcc: '7832', merchants: ['万达影城', '猫眼电影', 'CGV影城'], median: 80, sigma: 0.4, young: 3, old: 0.5 },
  { mcc: '5977', merchants: ['丝芙兰', '屈臣氏', '完美日记'], median: 280, sigma: 0.6, young: 3, old: 1 },
  { mcc: '7230', merchants: ['美发沙龙', '美容会所'], median: 150, sigma: 0.6, young: 2, old: 2 },
];

/** Categories that life events bring on (baby goods, home furnishing, jewellery, education). */
export const EVENT_CATEGORIES = {
  baby: {
    mcc: '5641',
    merchants: ['孩子王', '爱婴室', '贝贝熊母婴'],
    median: 320,
    sigma: 0.6,
    young: 0,
    old: 0,
  },
  furniture: {
    mcc: '5712',
    merchants: ['宜家家居', '红星美凯龙', '居然之家'],
    median: 6000,
    sigma: 0.8,
    young: 0,
    old: 0,
  },
  building: {
    mcc: '5200',
    merchants: ['东方雨虹', '欧派家居', '索菲亚衣柜'],
    median: 8000,
    sigma: 0.8,
    young: 0,
    old: 0,
  },
  jewellery: {
    mcc: '5944',
    merchants: ['周大福', '老凤祥', '周生生'],
    median: 12000,
    sigma: 0.6,
    young: 0,
    old: 0,
  },
  wedding: { mcc: '5812', merchants: ['婚宴酒店', '婚庆服务'], median: 60000, sigma: 0.4, young: 0, old: 0 },
  education: {
    mcc: '8220',
    merchants: ['新东方', '学而思', '少年宫培训'],
    median: 4000,
    sigma: 0.6,
    young: 0,
    old: 0,
  },
  hospital: {
    mcc: '8062',
    merchants: ['妇幼保健院', '市第一人民医院'],
    median: 9000,
    sigma: 0.5,
    young: 0,
    old: 0,
  },
} as const satisfies Record<string, MerchantCategory>;

/** News outlets. */
export const NEWS_SOURCES = [
  '财联社',
  '证券时报',
  '第一财经',
  '21世纪经济报道',
  '经济观察报',
  '新浪财经',
  '澎湃新闻',
  '每日经济新闻',
  '中国证券报',
  '上海证券报',
] as const;

/** App pages users click. */
export const APP_PAGES = [
  'home_banner',
  'wealth_tab',
  'loan_tab',
  'transfer',
  'bill_pay',
  'card_center',
  'rewards',
] as const;
/** What app users search for. */
export const APP_SEARCHES = [
  '理财',
  '大额存单',
  '基金',
  '信用卡',
  '贷款',
  '定期',
  '保险',
  '转账',
  '积分',
  '房贷',
] as const;
