/**
 * Data tables of the `demo` seed (see demo.ts): the sales team, name parts for generated customers,
 * texts in Chinese and English, the hand-written key accounts and China's public holidays.
 * Everything here is plain data; demo.ts turns it into records.
 */

// ---------------------------------------------------------------------------------------------
// China's public holidays and make-up working days (调休)

export type ChinaHoliday = {
  /** ISO date (YYYY-MM-DD) of one day off. */
  date: string;
  name: string;
  nameEn: string;
  /** False for years whose State Council notice was not yet published when this table was written. */
  published: boolean;
};

type HolidayPeriod = { name: string; nameEn: string; start: string; end: string; published: boolean };

/**
 * Days off per holiday period. 2026: the State Council notice of 2025-11-04 (国办发明电〔2025〕7号).
 * 2027: not published when this table was written; an estimate from the lunar calendar (Spring
 * Festival on 2027-02-06) and the pattern of recent notices. Replace it with the published dates.
 */
const HOLIDAY_PERIODS: readonly HolidayPeriod[] = [
  { name: '元旦', nameEn: "New Year's Day", start: '2026-01-01', end: '2026-01-03', published: true },
  { name: '春节', nameEn: 'Spring Festival', start: '2026-02-15', end: '2026-02-23', published: true },
  { name: '清明节', nameEn: 'Qingming Festival', start: '2026-04-04', end: '2026-04-06', published: true },
  { name: '劳动节', nameEn: 'Labour Day', start: '2026-05-01', end: '2026-05-05', published: true },
  { name: '端午节', nameEn: 'Dragon Boat Festival', start: '2026-06-19', end: '2026-06-21', published: true },
  { name: '中秋节', nameEn: 'Mid-Autumn Festival', start: '2026-09-25', end: '2026-09-27', published: true },
  { name: '国庆节', nameEn: 'National Day', start: '2026-10-01', end: '2026-10-07', published: true },
  { name: '元旦', nameEn: "New Year's Day", start: '2027-01-01', end: '2027-01-03', published: false },
  { name: '春节', nameEn: 'Spring Festival', start: '2027-02-05', end: '2027-02-12', published: false },
  { name: '清明节', nameEn: 'Qingming Festival', start: '2027-04-03', end: '2027-04-05', published: false },
  { name: '劳动节', nameEn: 'Labour Day', start: '2027-05-01', end: '2027-05-05', published: false },
  { name: '端午节', nameEn: 'Dragon Boat Festival', start: '2027-06-09', end: '2027-06-09', published: false },
  { name: '中秋节', nameEn: 'Mid-Autumn Festival', start: '2027-09-15', end: '2027-09-15', published: false },
  { name: '国庆节', nameEn: 'National Day', start: '2027-10-01', end: '2027-10-07', published: false },
];

function expandPeriod(period: HolidayPeriod): ChinaHoliday[] {
  const days: ChinaHoliday[] = [];
  const end = Date.parse(`${period.end}T00:00:00Z`);
  for (let t = Date.parse(`${period.start}T00:00:00Z`); t <= end; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    days.push({ date, name: period.name, nameEn: period.nameEn, published: period.published });
  }
  return days;
}

/**
 * Every day off of China's public holidays (weekend days inside a holiday period included), in date
 * order. The demo seed turns them into Holiday records; business-day arithmetic reads this list.
 */
export const CHINA_HOLIDAYS: readonly ChinaHoliday[] = HOLIDAY_PERIODS.flatMap(expandPeriod);

/**
 * Weekend days that are working days because of 调休. The product's calendar (core) owns the list;
 * the seed uses the same one so that demo dates and business-day arithmetic agree.
 */
export { CHINA_MAKEUP_WORKDAYS } from '../../core/calendars/china.js';

// ---------------------------------------------------------------------------------------------
// The sales team

export type RoleKey = 'director' | 'eastManager' | 'eastRep' | 'southManager' | 'southRep';

export const DEMO_ROLES: readonly {
  key: RoleKey;
  name: string;
  developerName: string;
  parent: RoleKey | 'ceo';
  description: string;
}[] = [
  { key: 'director', name: 'Sales Director', developerName: 'Sales_Director', parent: 'ceo', description: '销售总监' },
  {
    key: 'eastManager',
    name: 'Sales Manager (East China)',
    developerName: 'Sales_Manager_East_China',
    parent: 'director',
    description: '华东区销售经理',
  },
  {
    key: 'eastRep',
    name: 'Sales Rep (East China)',
    developerName: 'Sales_Rep_East_China',
    parent: 'eastManager',
    description: '华东区销售代表',
  },
  {
    key: 'southManager',
    name: 'Sales Manager (South China)',
    developerName: 'Sales_Manager_South_China',
    parent: 'director',
    description: '华南区销售经理',
  },
  {
    key: 'southRep',
    name: 'Sales Rep (South China)',
    developerName: 'Sales_Rep_South_China',
    parent: 'southManager',
    description: '华南区销售代表',
  },
];

export type DemoUserKey =
  | 'director'
  | 'manager'
  | 'departing'
  | 'successor1'
  | 'successor2'
  | 'successor3'
  | 'lina'
  | 'markus'
  | 'frozen'
  | 'inactive'
  | 'manager2'
  | 'zhengkai'
  | 'heli';

export type Region = 'east' | 'south';

export type DemoUserSpec = {
  key: DemoUserKey;
  username: string;
  /** Chinese names are kept whole in LastName (common practice in Chinese orgs: Name reads 陈静). */
  lastName: string;
  firstName?: string;
  alias: string;
  title: string;
  role: RoleKey;
  manager?: DemoUserKey;
  timeZone: string;
  locale: string;
  language: string;
  city: string;
  mobile: string;
  /** Accounts of the user's own book; the departing rep's book is built separately. */
  book: number;
  /** Share of foreign customers in the book. */
  intlShare: number;
  region: Region;
  hiredDaysAgo: number;
  lastLoginDaysAgo: number;
};

const CN = { timeZone: 'Asia/Shanghai', locale: 'zh_CN', language: 'zh_CN' } as const;

export const DEMO_USERS: readonly DemoUserSpec[] = [
  {
    key: 'director',
    username: 'director@handover.local',
    lastName: '周伟',
    alias: 'wzhou',
    title: '销售总监 Sales Director',
    role: 'director',
    ...CN,
    city: '上海',
    mobile: '+86 139 1600 0101',
    book: 0,
    intlShare: 0,
    region: 'east',
    hiredDaysAgo: 3400,
    lastLoginDaysAgo: 1,
  },
  {
    key: 'manager',
    username: 'manager@handover.local',
    lastName: '陈静',
    alias: 'jchen',
    title: '华东区销售经理 Sales Manager East China',
    role: 'eastManager',
    manager: 'director',
    ...CN,
    city: '上海',
    mobile: '+86 139 1600 0102',
    book: 3,
    intlShare: 0,
    region: 'east',
    hiredDaysAgo: 2900,
    lastLoginDaysAgo: 1,
  },
  {
    key: 'departing',
    username: 'departing@handover.local',
    lastName: '王磊',
    alias: 'lwang',
    title: '高级客户经理 Senior Account Manager',
    role: 'eastRep',
    manager: 'manager',
    ...CN,
    city: '上海',
    mobile: '+86 139 1600 0103',
    book: 0,
    intlShare: 0.3,
    region: 'east',
    hiredDaysAgo: 2400,
    lastLoginDaysAgo: 1,
  },
  {
    key: 'successor1',
    username: 'successor1@handover.local',
    lastName: '刘洋',
    alias: 'yliu',
    title: '客户经理 Account Manager',
    role: 'eastRep',
    manager: 'manager',
    ...CN,
    city: '上海',
    mobile: '+86 139 1600 0104',
    book: 32,
    intlShare: 0.15,
    region: 'east',
    hiredDaysAgo: 1500,
    lastLoginDaysAgo: 1,
  },
  {
    key: 'successor2',
    username: 'successor2@handover.local',
    lastName: '张敏',
    alias: 'mzhang',
    title: '客户经理 Account Manager',
    role: 'eastRep',
    manager: 'manager',
    ...CN,
    city: '杭州',
    mobile: '+86 139 1600 0105',
    book: 28,
    intlShare: 0.1,
    region: 'east',
    hiredDaysAgo: 1100,
    lastLoginDaysAgo: 2,
  },
  {
    key: 'successor3',
    username: 'successor3@handover.local',
    lastName: '孙浩',
    alias: 'hsun',
    title: '客户经理 Account Manager',
    role: 'eastRep',
    manager: 'manager',
    ...CN,
    city: '南京',
    mobile: '+86 139 1600 0106',
    book: 24,
    intlShare: 0.1,
    region: 'east',
    hiredDaysAgo: 700,
    lastLoginDaysAgo: 1,
  },
  {
    key: 'lina',
    username: 'lina@handover.local',
    lastName: '李娜',
    alias: 'nli',
    title: '售前顾问 Pre-Sales Consultant',
    role: 'eastRep',
    manager: 'manager',
    ...CN,
    city: '苏州',
    mobile: '+86 139 1600 0107',
    book: 30,
    intlShare: 0.1,
    region: 'east',
    hiredDaysAgo: 1900,
    lastLoginDaysAgo: 1,
  },
  {
    key: 'markus',
    username: 'markus.weber@handover.local',
    lastName: 'Weber',
    firstName: 'Markus',
    alias: 'mweber',
    title: 'Key Account Manager Europe',
    role: 'eastRep',
    manager: 'manager',
    timeZone: 'Europe/Berlin',
    locale: 'de_DE',
    language: 'en_US',
    city: 'Munich',
    mobile: '+49 151 2345 6701',
    book: 22,
    intlShare: 1,
    region: 'east',
    hiredDaysAgo: 1300,
    lastLoginDaysAgo: 3,
  },
  {
    key: 'frozen',
    username: 'huangjie@handover.local',
    lastName: '黄杰',
    alias: 'jhuang',
    title: '客户经理 Account Manager（休假中，账号已冻结）',
    role: 'eastRep',
    manager: 'manager',
    ...CN,
    city: '宁波',
    mobile: '+86 139 1600 0108',
    book: 20,
    intlShare: 0.05,
    region: 'east',
    hiredDaysAgo: 1600,
    lastLoginDaysAgo: 21,
  },
  {
    key: 'inactive',
    username: 'wutao@handover.local',
    lastName: '吴涛',
    alias: 'twu',
    title: '客户经理 Account Manager（已离职）',
    role: 'eastRep',
    manager: 'manager',
    ...CN,
    city: '上海',
    mobile: '+86 139 1600 0109',
    book: 4,
    intlShare: 0,
    region: 'east',
    hiredDaysAgo: 2000,
    lastLoginDaysAgo: 240,
  },
  {
    key: 'manager2',
    username: 'manager.south@handover.local',
    lastName: '林晓',
    alias: 'xlin',
    title: '华南区销售经理 Sales Manager South China',
    role: 'southManager',
    manager: 'director',
    ...CN,
    city: '广州',
    mobile: '+86 139 2200 0110',
    book: 0,
    intlShare: 0,
    region: 'south',
    hiredDaysAgo: 2600,
    lastLoginDaysAgo: 1,
  },
  {
    key: 'zhengkai',
    username: 'zhengkai@handover.local',
    lastName: '郑凯',
    alias: 'kzheng',
    title: '客户经理 Account Manager',
    role: 'southRep',
    manager: 'manager2',
    ...CN,
    city: '深圳',
    mobile: '+86 139 2200 0111',
    book: 26,
    intlShare: 0.1,
    region: 'south',
    hiredDaysAgo: 1200,
    lastLoginDaysAgo: 1,
  },
  {
    key: 'heli',
    username: 'heli@handover.local',
    lastName: '何丽',
    alias: 'lhe',
    title: '客户经理 Account Manager',
    role: 'southRep',
    manager: 'manager2',
    ...CN,
    city: '广州',
    mobile: '+86 139 2200 0112',
    book: 24,
    intlShare: 0.1,
    region: 'south',
    hiredDaysAgo: 900,
    lastLoginDaysAgo: 2,
  },
];

/** Accounts owned by the departing rep (hand-written key accounts included). */
export const DEPARTING_BOOK_SIZE = 150;

// ---------------------------------------------------------------------------------------------
// Texts: every customer-facing text exists in Chinese (Chinese customers) and English (the others)

export type Text = { zh: string; en: string };
export type Lang = keyof Text;

// ---------------------------------------------------------------------------------------------
// Chinese customers: cities, company name parts, people

export type ChinaCity = {
  name: string;
  pinyin: string;
  province: string;
  areaCode: string;
  postalCode: string;
  streets: string[];
  region: Region;
};

export const CHINA_CITIES: readonly ChinaCity[] = [
  {
    name: '上海',
    pinyin: 'sh',
    province: '上海市',
    areaCode: '21',
    postalCode: '201203',
    streets: ['浦东新区张江路', '闵行区春东路', '嘉定区墨玉路', '松江区九亭大街', '青浦区华新路'],
    region: 'east',
  },
  {
    name: '苏州',
    pinyin: 'sz',
    province: '江苏省',
    areaCode: '512',
    postalCode: '215021',
    streets: ['工业园区星湖街', '高新区珠江路', '吴中区木渎大道'],
    region: 'east',
  },
  {
    name: '杭州',
    pinyin: 'hz',
    province: '浙江省',
    areaCode: '571',
    postalCode: '310051',
    streets: ['滨江区江南大道', '萧山区建设一路', '余杭区文一西路'],
    region: 'east',
  },
  {
    name: '南京',
    pinyin: 'nj',
    province: '江苏省',
    areaCode: '25',
    postalCode: '211100',
    streets: ['江宁区将军大道', '栖霞区仙林大道'],
    region: 'east',
  },
  {
    name: '宁波',
    pinyin: 'nb',
    province: '浙江省',
    areaCode: '574',
    postalCode: '315800',
    streets: ['北仑区新碶街道明州路', '鄞州区天童南路'],
    region: 'east',
  },
  {
    name: '无锡',
    pinyin: 'wx',
    province: '江苏省',
    areaCode: '510',
    postalCode: '214028',
    streets: ['新吴区长江路', '锡山区东港大道'],
    region: 'east',
  },
  {
    name: '合肥',
    pinyin: 'hf',
    province: '安徽省',
    areaCode: '551',
    postalCode: '230088',
    streets: ['高新区望江西路', '经开区繁华大道'],
    region: 'east',
  },
  {
    name: '常州',
    pinyin: 'cz',
    province: '江苏省',
    areaCode: '519',
    postalCode: '213161',
    streets: ['武进区常武中路', '新北区太湖东路'],
    region: 'east',
  },
  {
    name: '嘉兴',
    pinyin: 'jx',
    province: '浙江省',
    areaCode: '573',
    postalCode: '314000',
    streets: ['南湖区亚太路', '秀洲区洪兴路'],
    region: 'east',
  },
  {
    name: '广州',
    pinyin: 'gz',
    province: '广东省',
    areaCode: '20',
    postalCode: '510663',
    streets: ['黄埔区科学大道', '番禺区市桥街'],
    region: 'south',
  },
  {
    name: '深圳',
    pinyin: 'shz',
    province: '广东省',
    areaCode: '755',
    postalCode: '518057',
    streets: ['南山区科技园南路', '宝安区西乡大道', '龙华区民治大道'],
    region: 'south',
  },
  {
    name: '东莞',
    pinyin: 'dg',
    province: '广东省',
    areaCode: '769',
    postalCode: '523808',
    streets: ['松山湖大道', '长安镇振安路'],
    region: 'south',
  },
  {
    name: '佛山',
    pinyin: 'fs',
    province: '广东省',
    areaCode: '757',
    postalCode: '528200',
    streets: ['南海区桂城街道', '顺德区北滘镇'],
    region: 'south',
  },
  {
    name: '厦门',
    pinyin: 'xm',
    province: '福建省',
    areaCode: '592',
    postalCode: '361006',
    streets: ['湖里区火炬路', '集美区杏林湾路'],
    region: 'south',
  },
];

/** Trade names of generated Chinese companies with their pinyin (for e-mail domains). */
export const CHINA_BRANDS: readonly [string, string][] = [
  ['东方', 'dongfang'],
  ['新联', 'xinlian'],
  ['金鼎', 'jinding'],
  ['中瑞', 'zhongrui'],
  ['宏达', 'hongda'],
  ['鼎盛', 'dingsheng'],
  ['长江', 'changjiang'],
  ['瑞丰', 'ruifeng'],
  ['博远', 'boyuan'],
  ['天成', 'tiancheng'],
  ['汇通', 'huitong'],
  ['精诚', 'jingcheng'],
  ['永安', 'yongan'],
  ['明辉', 'minghui'],
  ['华信', 'huaxin'],
  ['振华', 'zhenhua'],
  ['海润', 'hairun'],
  ['联创', 'lianchuang'],
  ['德力', 'deli'],
  ['启明', 'qiming'],
  ['凯盛', 'kaisheng'],
  ['星河', 'xinghe'],
  ['远航', 'yuanhang'],
  ['锦程', 'jincheng'],
  ['立信', 'lixin'],
  ['华腾', 'huateng'],
  ['卓越', 'zhuoyue'],
  ['盛源', 'shengyuan'],
  ['同舟', 'tongzhou'],
  ['润泽', 'runze'],
  ['嘉禾', 'jiahe'],
  ['伟业', 'weiye'],
  ['泰和', 'taihe'],
  ['恒通', 'hengtong'],
  ['浩然', 'haoran'],
  ['安捷', 'anjie'],
  ['睿达', 'ruida'],
  ['弘毅', 'hongyi'],
  ['九州', 'jiuzhou'],
  ['云帆', 'yunfan'],
  ['青峰', 'qingfeng'],
  ['万力', 'wanli'],
];

export type ChinaTrade = { word: string; abbr: string; industry: string };

/** What a generated Chinese company does: the name part, its pinyin initials and the Industry value. */
export const CHINA_TRADES: readonly ChinaTrade[] = [
  { word: '精密机械', abbr: 'jm', industry: 'Machinery' },
  { word: '电子科技', abbr: 'dz', industry: 'Electronics' },
  { word: '化工', abbr: 'hg', industry: 'Chemicals' },
  { word: '物流', abbr: 'wl', industry: 'Transportation' },
  { word: '生物医药', abbr: 'yy', industry: 'Biotechnology' },
  { word: '新能源科技', abbr: 'xny', industry: 'Energy' },
  { word: '汽车零部件', abbr: 'qp', industry: 'Manufacturing' },
  { word: '食品', abbr: 'sp', industry: 'Food & Beverage' },
  { word: '纺织', abbr: 'fz', industry: 'Apparel' },
  { word: '建设工程', abbr: 'js', industry: 'Construction' },
  { word: '通信技术', abbr: 'tx', industry: 'Telecommunications' },
  { word: '软件', abbr: 'rj', industry: 'Technology' },
  { word: '环保科技', abbr: 'hb', industry: 'Environmental' },
  { word: '医疗器械', abbr: 'yl', industry: 'Healthcare' },
  { word: '航运', abbr: 'hy', industry: 'Shipping' },
  { word: '电力设备', abbr: 'dl', industry: 'Utilities' },
  { word: '智能装备', abbr: 'zb', industry: 'Engineering' },
];

export const CHINA_COMPANY_SUFFIXES: readonly [string, number][] = [
  ['有限公司', 70],
  ['股份有限公司', 20],
  ['集团有限公司', 10],
];

/** Surnames with pinyin. */
export const CHINA_SURNAMES: readonly [string, string][] = [
  ['张', 'zhang'],
  ['王', 'wang'],
  ['李', 'li'],
  ['赵', 'zhao'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['周', 'zhou'],
  ['吴', 'wu'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['胡', 'hu'],
  ['朱', 'zhu'],
  ['高', 'gao'],
  ['林', 'lin'],
  ['何', 'he'],
  ['郭', 'guo'],
  ['马', 'ma'],
  ['罗', 'luo'],
  ['梁', 'liang'],
  ['宋', 'song'],
  ['郑', 'zheng'],
  ['谢', 'xie'],
  ['韩', 'han'],
  ['唐', 'tang'],
  ['冯', 'feng'],
  ['沈', 'shen'],
];

export type Gender = 'M' | 'F';

/** Given names with pinyin and gender (for the salutation). */
export const CHINA_GIVEN_NAMES: readonly [string, string, Gender][] = [
  ['伟', 'wei', 'M'],
  ['芳', 'fang', 'F'],
  ['娜', 'na', 'F'],
  ['敏', 'min', 'F'],
  ['静', 'jing', 'F'],
  ['强', 'qiang', 'M'],
  ['军', 'jun', 'M'],
  ['洋', 'yang', 'M'],
  ['勇', 'yong', 'M'],
  ['艳', 'yan', 'F'],
  ['涛', 'tao', 'M'],
  ['明', 'ming', 'M'],
  ['超', 'chao', 'M'],
  ['秀英', 'xiuying', 'F'],
  ['建国', 'jianguo', 'M'],
  ['志强', 'zhiqiang', 'M'],
  ['海燕', 'haiyan', 'F'],
  ['晓东', 'xiaodong', 'M'],
  ['丽华', 'lihua', 'F'],
  ['国栋', 'guodong', 'M'],
  ['雪梅', 'xuemei', 'F'],
  ['子涵', 'zihan', 'F'],
  ['浩宇', 'haoyu', 'M'],
  ['文博', 'wenbo', 'M'],
  ['佳怡', 'jiayi', 'F'],
  ['俊杰', 'junjie', 'M'],
  ['慧敏', 'huimin', 'F'],
  ['德华', 'dehua', 'M'],
  ['玉兰', 'yulan', 'F'],
  ['鹏飞', 'pengfei', 'M'],
];

// ---------------------------------------------------------------------------------------------
// Foreign customers

export type ForeignCountry = {
  country: string;
  /** Country code of account numbers. */
  code: string;
  phoneCode: string;
  suffix: string;
  tld: string;
  cities: string[];
  streets: string[];
  prefixes: string[];
  firstNames: [string, Gender][];
  lastNames: string[];
};

export const FOREIGN_COUNTRIES: readonly ForeignCountry[] = [
  {
    country: 'Sweden',
    code: 'SE',
    phoneCode: '+46',
    suffix: 'AB',
    tld: 'se',
    cities: ['Gothenburg', 'Stockholm', 'Malmö'],
    streets: ['Lindholmspiren', 'Kungsgatan', 'Hamngatan'],
    prefixes: ['Nordic', 'Göta', 'Scandia', 'Baltic'],
    firstNames: [
      ['Erik', 'M'],
      ['Anna', 'F'],
      ['Johan', 'M'],
      ['Karin', 'F'],
      ['Lars', 'M'],
      ['Sofia', 'F'],
    ],
    lastNames: ['Lindqvist', 'Svensson', 'Berg', 'Johansson', 'Nilsson', 'Holm'],
  },
  {
    country: 'Germany',
    code: 'DE',
    phoneCode: '+49',
    suffix: 'GmbH',
    tld: 'de',
    cities: ['Munich', 'Stuttgart', 'Hamburg', 'Düsseldorf'],
    streets: ['Industriestraße', 'Hauptstraße', 'Am Hafen'],
    prefixes: ['Rheinland', 'Hanseatic', 'Schwaben', 'Isar'],
    firstNames: [
      ['Thomas', 'M'],
      ['Katrin', 'F'],
      ['Stefan', 'M'],
      ['Julia', 'F'],
      ['Andreas', 'M'],
      ['Sabine', 'F'],
    ],
    lastNames: ['Schmidt', 'Fischer', 'Becker', 'Hoffmann', 'Wagner', 'Keller'],
  },
  {
    country: 'Netherlands',
    code: 'NL',
    phoneCode: '+31',
    suffix: 'B.V.',
    tld: 'nl',
    cities: ['Rotterdam', 'Eindhoven', 'Amsterdam'],
    streets: ['Havenweg', 'Stationsplein', 'Kanaalkade'],
    prefixes: ['Delta', 'Maas', 'Holland', 'Lowlands'],
    firstNames: [
      ['Jan', 'M'],
      ['Sanne', 'F'],
      ['Pieter', 'M'],
      ['Eva', 'F'],
      ['Daan', 'M'],
      ['Lotte', 'F'],
    ],
    lastNames: ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'van Dijk'],
  },
  {
    country: 'United States',
    code: 'US',
    phoneCode: '+1',
    suffix: 'Inc.',
    tld: 'com',
    cities: ['Chicago', 'Houston', 'San Jose', 'Detroit'],
    streets: ['Main Street', 'Industrial Parkway', 'Commerce Drive'],
    prefixes: ['Great Lakes', 'Pioneer', 'Summit', 'Lone Star'],
    firstNames: [
      ['James', 'M'],
      ['Emily', 'F'],
      ['Michael', 'M'],
      ['Sarah', 'F'],
      ['David', 'M'],
      ['Laura', 'F'],
    ],
    lastNames: ['Miller', 'Johnson', 'Brown', 'Davis', 'Wilson', 'Anderson'],
  },
  {
    country: 'United Kingdom',
    code: 'GB',
    phoneCode: '+44',
    suffix: 'Ltd',
    tld: 'co.uk',
    cities: ['Manchester', 'Birmingham', 'London'],
    streets: ['High Street', 'Station Road', 'Mill Lane'],
    prefixes: ['Pennine', 'Thames', 'Albion', 'Midlands'],
    firstNames: [
      ['Oliver', 'M'],
      ['Charlotte', 'F'],
      ['Harry', 'M'],
      ['Sophie', 'F'],
      ['George', 'M'],
      ['Emma', 'F'],
    ],
    lastNames: ['Clarke', 'Wright', 'Hughes', 'Evans', 'Walker', 'Turner'],
  },
  {
    country: 'Japan',
    code: 'JP',
    phoneCode: '+81',
    suffix: 'Co., Ltd.',
    tld: 'co.jp',
    cities: ['Osaka', 'Nagoya', 'Yokohama'],
    streets: ['Chuo-ku', 'Minato-ku', 'Naka-ku'],
    prefixes: ['Kansai', 'Chubu', 'Sakura', 'Kaito'],
    firstNames: [
      ['Hiroshi', 'M'],
      ['Yuki', 'F'],
      ['Takeshi', 'M'],
      ['Naoko', 'F'],
      ['Kenji', 'M'],
      ['Aiko', 'F'],
    ],
    lastNames: ['Tanaka', 'Suzuki', 'Sato', 'Watanabe', 'Yamamoto', 'Nakamura'],
  },
  {
    country: 'Singapore',
    code: 'SG',
    phoneCode: '+65',
    suffix: 'Pte. Ltd.',
    tld: 'com.sg',
    cities: ['Singapore'],
    streets: ['Jurong East Street', 'Tuas Avenue', 'Changi Business Park'],
    prefixes: ['Lion City', 'Straits', 'Marina', 'Temasek'],
    firstNames: [
      ['Wei Ming', 'M'],
      ['Priya', 'F'],
      ['Daniel', 'M'],
      ['Mei Ling', 'F'],
      ['Rajesh', 'M'],
      ['Grace', 'F'],
    ],
    lastNames: ['Tan', 'Lim', 'Ng', 'Kumar', 'Lee', 'Goh'],
  },
  {
    country: 'France',
    code: 'FR',
    phoneCode: '+33',
    suffix: 'SAS',
    tld: 'fr',
    cities: ['Lyon', 'Toulouse', 'Lille'],
    streets: ['Rue de la République', 'Avenue Jean Jaurès', 'Quai du Port'],
    prefixes: ['Rhône', 'Atlantique', 'Lumière', 'Provence'],
    firstNames: [
      ['Pierre', 'M'],
      ['Camille', 'F'],
      ['Nicolas', 'M'],
      ['Claire', 'F'],
      ['Julien', 'M'],
      ['Marie', 'F'],
    ],
    lastNames: ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Lefèvre'],
  },
  {
    country: 'Italy',
    code: 'IT',
    phoneCode: '+39',
    suffix: 'S.p.A.',
    tld: 'it',
    cities: ['Milan', 'Turin', 'Bologna'],
    streets: ['Via Roma', 'Corso Italia', 'Via dell’Industria'],
    prefixes: ['Lombarda', 'Adriatica', 'Piemonte', 'Tirrenia'],
    firstNames: [
      ['Marco', 'M'],
      ['Giulia', 'F'],
      ['Luca', 'M'],
      ['Francesca', 'F'],
      ['Matteo', 'M'],
      ['Chiara', 'F'],
    ],
    lastNames: ['Rossi', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Greco'],
  },
  {
    country: 'Australia',
    code: 'AU',
    phoneCode: '+61',
    suffix: 'Pty Ltd',
    tld: 'com.au',
    cities: ['Melbourne', 'Sydney', 'Perth'],
    streets: ['Collins Street', 'George Street', 'Hay Street'],
    prefixes: ['Southern Cross', 'Coral', 'Outback', 'Tasman'],
    firstNames: [
      ['Jack', 'M'],
      ['Olivia', 'F'],
      ['William', 'M'],
      ['Chloe', 'F'],
      ['Lachlan', 'M'],
      ['Mia', 'F'],
    ],
    lastNames: ['Smith', 'Jones', 'Williams', 'Brown', 'Taylor', 'Martin'],
  },
];

/** What a generated foreign company does: the name part and the Industry value. */
export const FOREIGN_TRADES: readonly { word: string; industry: string }[] = [
  { word: 'Precision', industry: 'Machinery' },
  { word: 'Drive Systems', industry: 'Machinery' },
  { word: 'Robotics', industry: 'Engineering' },
  { word: 'Electronics', industry: 'Electronics' },
  { word: 'Chemicals', industry: 'Chemicals' },
  { word: 'Pharma', industry: 'Biotechnology' },
  { word: 'Energy', industry: 'Energy' },
  { word: 'Automotive', industry: 'Manufacturing' },
  { word: 'Foods', industry: 'Food & Beverage' },
  { word: 'Freight', industry: 'Shipping' },
  { word: 'Logistics', industry: 'Transportation' },
  { word: 'Telecom', industry: 'Telecommunications' },
  { word: 'Water Technologies', industry: 'Environmental' },
  { word: 'Medical', industry: 'Healthcare' },
];

// ---------------------------------------------------------------------------------------------
// People at customers: the decision chain

export type DeptKey =
  | 'gm'
  | 'procurement'
  | 'technical'
  | 'finance'
  | 'production'
  | 'purchasing'
  | 'techManager'
  | 'it'
  | 'maintenance'
  | 'quality'
  | 'project';

export type Department = {
  key: DeptKey;
  /** 0: general manager, 1: directors reporting to the GM, 2: managers reporting to a director. */
  level: 0 | 1 | 2;
  /** For managers: the director they report to (the GM when that director is missing). */
  reportsTo?: DeptKey;
  title: Text;
  department: Text;
  /** AccountContactRelation.Roles (multi-select); the first is the opportunity contact role. */
  roles: string;
  cares: Text;
};

export const DEPARTMENTS: readonly Department[] = [
  {
    key: 'gm',
    level: 0,
    title: { zh: '总经理', en: 'General Manager' },
    department: { zh: '总经办', en: 'Executive Office' },
    roles: 'Decision Maker;Executive Sponsor',
    cares: { zh: '长期合作与战略价值', en: 'long-term partnership and strategic value' },
  },
  {
    key: 'procurement',
    level: 1,
    title: { zh: '采购总监', en: 'Procurement Director' },
    department: { zh: '采购部', en: 'Procurement' },
    roles: 'Economic Buyer;Influencer',
    cares: { zh: '性价比', en: 'price/performance' },
  },
  {
    key: 'technical',
    level: 1,
    title: { zh: '技术总监', en: 'Technical Director' },
    department: { zh: '技术部', en: 'Engineering' },
    roles: 'Technical Buyer;Influencer',
    cares: { zh: '技术路线与系统稳定性', en: 'technical roadmap and system stability' },
  },
  {
    key: 'finance',
    level: 1,
    title: { zh: '财务总监', en: 'CFO' },
    department: { zh: '财务部', en: 'Finance' },
    roles: 'Economic Buyer',
    cares: { zh: '付款条件与投资回报', en: 'payment terms and return on investment' },
  },
  {
    key: 'production',
    level: 1,
    title: { zh: '生产总监', en: 'Production Director' },
    department: { zh: '生产部', en: 'Production' },
    roles: 'Influencer',
    cares: { zh: '交付周期与停机时间', en: 'lead times and downtime' },
  },
  {
    key: 'purchasing',
    level: 2,
    reportsTo: 'procurement',
    title: { zh: '采购经理', en: 'Purchasing Manager' },
    department: { zh: '采购部', en: 'Procurement' },
    roles: 'Evaluator',
    cares: { zh: '交期与报价透明', en: 'delivery dates and transparent pricing' },
  },
  {
    key: 'techManager',
    level: 2,
    reportsTo: 'technical',
    title: { zh: '技术经理', en: 'Technical Manager' },
    department: { zh: '技术部', en: 'Engineering' },
    roles: 'Technical Buyer;Evaluator',
    cares: { zh: '设备稳定性', en: 'equipment stability' },
  },
  {
    key: 'it',
    level: 2,
    reportsTo: 'technical',
    title: { zh: 'IT经理', en: 'IT Manager' },
    department: { zh: '信息部', en: 'IT' },
    roles: 'Evaluator',
    cares: { zh: '数据安全与系统集成', en: 'data security and system integration' },
  },
  {
    key: 'maintenance',
    level: 2,
    reportsTo: 'production',
    title: { zh: '设备经理', en: 'Maintenance Manager' },
    department: { zh: '设备部', en: 'Maintenance' },
    roles: 'Business User',
    cares: { zh: '备件供应与响应速度', en: 'spare parts and response time' },
  },
  {
    key: 'quality',
    level: 2,
    reportsTo: 'production',
    title: { zh: '质量经理', en: 'Quality Manager' },
    department: { zh: '质量部', en: 'Quality' },
    roles: 'Evaluator',
    cares: { zh: '质量一致性', en: 'consistent quality' },
  },
  {
    key: 'project',
    level: 2,
    reportsTo: 'technical',
    title: { zh: '项目经理', en: 'Project Manager' },
    department: { zh: '项目部', en: 'Projects' },
    roles: 'Business User;Evaluator',
    cares: { zh: '项目进度', en: 'project schedule' },
  },
];

/** Where a contact stands towards us (relationship map). */
export const STANCES: readonly Text[] = [
  { zh: '支持我方', en: 'supports us' },
  { zh: '态度中立', en: 'neutral' },
  { zh: '倾向竞争对手', en: 'leans towards a competitor' },
];

/** Communication preferences (handover module D). */
export const COMMUNICATION: readonly Text[] = [
  { zh: '偏好邮件沟通，电话需提前预约', en: 'prefers e-mail; phone calls by appointment' },
  { zh: '习惯微信沟通，回复及时', en: 'prefers instant messaging; replies quickly' },
  { zh: '只接受当面拜访，需提前一周预约', en: 'face-to-face meetings only, book a week ahead' },
  { zh: '电话沟通最有效，上午10点前勿扰', en: 'phone works best; not before 10 am' },
];

// ---------------------------------------------------------------------------------------------
// Deals, complaints, activities, documents

export const PRODUCTS: readonly Text[] = [
  { zh: '数控系统升级', en: 'CNC Control Upgrade' },
  { zh: '工业物联网平台', en: 'IIoT Platform' },
  { zh: '伺服驱动替换', en: 'Servo Drive Replacement' },
  { zh: '预测性维护服务', en: 'Predictive Maintenance Service' },
  { zh: 'MES 系统实施', en: 'MES Implementation' },
  { zh: '年度维保合同', en: 'Annual Service Contract' },
  { zh: '产线自动化改造', en: 'Line Automation Retrofit' },
  { zh: '能耗监测系统', en: 'Energy Monitoring System' },
  { zh: '备件框架协议', en: 'Spare Parts Framework Agreement' },
  { zh: '远程运维平台', en: 'Remote Operations Platform' },
];

export const COMPETITORS: readonly Text[] = [
  { zh: '西门子', en: 'Siemens' },
  { zh: 'ABB', en: 'ABB' },
  { zh: '施耐德电气', en: 'Schneider Electric' },
  { zh: '罗克韦尔', en: 'Rockwell Automation' },
  { zh: '汇川技术', en: 'Inovance' },
  { zh: '中控技术', en: 'Supcon' },
];

/** Loss risks of open deals (handover module C); `{c}` is a competitor. */
export const RISKS: readonly Text[] = [
  {
    zh: '客户总部预算冻结，预计三季度重新评估；建议先发送行业参考案例再重新接触。',
    en: 'Budget frozen at HQ; re-engage in Q3 and send an industry reference first.',
  },
  {
    zh: '竞争对手{c}报价低约10%，客户要求我方重新报价。',
    en: 'Competitor {c} is about 10% cheaper; the customer wants a revised quote.',
  },
  {
    zh: '原项目支持人已离职，需要重新建立决策链关系。',
    en: 'Our champion left the company; the decision chain must be rebuilt.',
  },
  {
    zh: '客户内部审批流程延长，决策推迟至下季度。',
    en: 'Internal approval slipped; the decision moved to next quarter.',
  },
  {
    zh: '技术部对系统兼容性有顾虑，需要安排POC验证。',
    en: 'Engineering worries about compatibility; a proof of concept is needed.',
  },
  {
    zh: '客户要求账期延长至90天，需财务审批。',
    en: 'The customer asks for 90-day payment terms; needs Finance approval.',
  },
];

export const NEXT_STEPS: readonly Text[] = [
  { zh: '发送修订报价单', en: 'Send revised quote' },
  { zh: '安排技术交流会', en: 'Schedule technical workshop' },
  { zh: '约见总经理做高层拜访', en: 'Book an executive meeting with the GM' },
  { zh: '提交POC方案', en: 'Submit proof-of-concept plan' },
  { zh: '跟进采购部比价结果', en: 'Follow up on the procurement price comparison' },
  { zh: '发送行业参考案例', en: 'Send an industry reference case' },
  { zh: '确认合同条款与付款条件', en: 'Confirm contract terms and payment conditions' },
  { zh: '等待客户预算审批结果', en: 'Wait for the budget approval' },
];

/** Why closed deals were lost; `{c}` is a competitor. */
export const LOSS_REASONS: readonly Text[] = [
  { zh: '输给{c}：价格差距过大。', en: 'Lost to {c}: price gap too large.' },
  { zh: '客户取消项目。', en: 'Project cancelled by the customer.' },
  { zh: '输给{c}：对方本地服务团队更强。', en: 'Lost to {c}: stronger local service team.' },
];

export const WIN_NOTES: readonly Text[] = [
  {
    zh: '赢单：客户认可我方交付能力与服务响应。',
    en: 'Won: the customer valued our delivery record and service response.',
  },
  { zh: '赢单：技术方案通过POC验证。', en: 'Won: our solution passed the proof of concept.' },
];

export type CaseTemplate = { subject: Text; type: string; reason: string };

export const CASE_TEMPLATES: readonly CaseTemplate[] = [
  { subject: { zh: '设备主轴异常停机', en: 'Spindle stops unexpectedly' }, type: 'Mechanical', reason: 'Breakdown' },
  {
    subject: { zh: '伺服驱动器频繁报警 E-23', en: 'Servo drive alarm E-23 keeps recurring' },
    type: 'Electrical',
    reason: 'Performance',
  },
  {
    subject: { zh: '系统升级后报表数据缺失', en: 'Reports miss data after the upgrade' },
    type: 'Electronic',
    reason: 'Performance',
  },
  {
    subject: { zh: '发票金额与合同不符', en: 'Invoice amount does not match the contract' },
    type: 'Other',
    reason: 'Other',
  },
  {
    subject: { zh: '要求安排现场操作培训', en: 'Requests on-site operator training' },
    type: 'Other',
    reason: 'Installation',
  },
  { subject: { zh: '备件交付延迟', en: 'Spare parts delivered late' }, type: 'Other', reason: 'Feedback' },
  {
    subject: { zh: '远程运维平台无法登录', en: 'Cannot log in to the remote operations platform' },
    type: 'Electronic',
    reason: 'Equipment Complexity',
  },
  {
    subject: { zh: '新产线安装调试问题', en: 'Commissioning issues on the new line' },
    type: 'Structural',
    reason: 'Installation',
  },
  {
    subject: { zh: '投诉：服务响应速度慢', en: 'Complaint: slow service response' },
    type: 'Other',
    reason: 'Feedback',
  },
];

/** What the customer wants from a complaint. */
export const CASE_WANTS: readonly Text[] = [
  { zh: '48小时内派工程师到场', en: 'an engineer on site within 48 hours' },
  { zh: '书面说明原因及改进措施', en: 'a written root-cause analysis and corrective actions' },
  { zh: '更换故障部件并延长质保', en: 'replacement of the faulty part and a longer warranty' },
  { zh: '开具更正发票', en: 'a corrected invoice' },
];

export const CASE_PROGRESS: readonly Text[] = [
  { zh: '已远程排查，等待备件到货', en: 'remote diagnosis done, waiting for spare parts' },
  { zh: '已安排工程师下周到场', en: 'engineer booked for next week' },
  { zh: '已提交研发部分析', en: 'handed to R&D for analysis' },
  { zh: '尚未回复客户', en: 'the customer has not been answered yet' },
];

export type TaskTemplate = { subject: Text; type: 'Call' | 'Email' | 'Meeting' | 'Other' };

/** Pending items: open tasks (unfinished quotes, proposals awaiting confirmation, cross-department work). */
export const OPEN_TASKS: readonly TaskTemplate[] = [
  { subject: { zh: '发送报价单', en: 'Send quote' }, type: 'Email' },
  { subject: { zh: '方案待客户确认', en: 'Proposal awaiting confirmation' }, type: 'Other' },
  { subject: { zh: '回复投诉处理进度', en: 'Update the customer on the complaint' }, type: 'Call' },
  { subject: { zh: '安排技术交流会', en: 'Arrange technical workshop' }, type: 'Meeting' },
  { subject: { zh: '跟进回款', en: 'Follow up on payment' }, type: 'Call' },
  { subject: { zh: '提交续约方案', en: 'Submit renewal proposal' }, type: 'Email' },
  { subject: { zh: '与市场部确认行业案例材料', en: 'Confirm the industry case study with Marketing' }, type: 'Other' },
  { subject: { zh: '与产品部确认新功能排期', en: 'Confirm the feature schedule with Product' }, type: 'Other' },
  { subject: { zh: '与售后部协调上门服务', en: 'Coordinate the on-site visit with Support' }, type: 'Call' },
];

export const DONE_TASKS: readonly TaskTemplate[] = [
  { subject: { zh: '电话回访：确认设备运行情况', en: 'Call: checked equipment status' }, type: 'Call' },
  { subject: { zh: '发送产品资料', en: 'Sent product brochure' }, type: 'Email' },
  { subject: { zh: '发送会议纪要', en: 'Sent meeting minutes' }, type: 'Email' },
  { subject: { zh: '电话沟通续约意向', en: 'Call: discussed the renewal' }, type: 'Call' },
  { subject: { zh: '发送报价单', en: 'Sent quote' }, type: 'Email' },
];

export const MEETINGS: readonly Text[] = [
  { zh: '拜访客户：季度业务回顾', en: 'Quarterly business review' },
  { zh: '技术交流会', en: 'Technical workshop' },
  { zh: '现场勘查', en: 'Site survey' },
  { zh: '商务谈判', en: 'Commercial negotiation' },
  { zh: '高层拜访', en: 'Executive visit' },
  { zh: '续约洽谈', en: 'Renewal discussion' },
];

/** Visit logs and call notes (latest communications). */
export const VISIT_NOTES: readonly Text[] = [
  {
    zh: '客户反馈设备稳定性问题，要求下周提供改进方案。',
    en: 'The customer raised stability issues and wants an improvement plan next week.',
  },
  {
    zh: '确认二期需求范围，客户倾向于分阶段实施。',
    en: 'Confirmed the phase-2 scope; the customer prefers a staged rollout.',
  },
  { zh: '采购部要求再降价5%，需内部审批。', en: 'Procurement asked for another 5% off; needs internal approval.' },
  {
    zh: '总经理对我方服务表示认可，同意推进续约。',
    en: 'The GM is happy with our service and agreed to move on the renewal.',
  },
  {
    zh: '客户计划明年扩建产线，邀请我方参与前期规划。',
    en: 'The customer plans a new line next year and invited us to early planning.',
  },
];

export const PAYMENT_TERMS: readonly Text[] = [
  {
    zh: '付款条件：合同签订后预付30%，验收后60天内付清余款。',
    en: 'Payment terms: 30% on signature, balance within 60 days of acceptance.',
  },
  { zh: '付款条件：月结30天。', en: 'Payment terms: net 30 days.' },
  { zh: '付款条件：按季度预付服务费。', en: 'Payment terms: service fee paid quarterly in advance.' },
];

export const ACCOUNT_BACKGROUNDS: readonly Text[] = [
  { zh: '近两年持续扩产，计划建设智能工厂。', en: 'Expanding capacity; plans a smart factory.' },
  { zh: '母公司为外资企业，采购需总部审批。', en: 'Purchases above budget need approval from the parent company.' },
  { zh: '与我方合作始于首期数控改造项目。', en: 'Our relationship started with a first CNC retrofit project.' },
  { zh: '正在评估国产化替代方案。', en: 'Evaluating local alternatives to its current suppliers.' },
  { zh: '行业标杆客户，可作为参考案例。', en: 'A reference customer in its industry.' },
];

export const HANDOVER_NOTES: readonly Text[] = [
  {
    zh: '客户关系稳定，关键联系人是技术部。每季度至少拜访一次，报价需附比价说明。',
    en: 'Stable relationship; engineering is the key contact. Visit at least quarterly; quotes need a price comparison.',
  },
  {
    zh: '去年有一次交付延迟的投诉，客户仍较敏感，沟通时注意先说明交付计划。',
    en: 'A late delivery complaint last year still matters to them; lead with the delivery plan.',
  },
  {
    zh: '采购流程较长（约3个月），年底前需提前锁定预算。',
    en: 'Purchasing takes about three months; budget must be secured before year end.',
  },
];

export type FileTemplate = { title: Text; ext: 'pdf' | 'txt' | 'csv'; description: Text };

/** Documents linked to accounts (handover module B); `{s}` short name, `{y}` year, `{d}` date, `{i}` industry. */
export const FILE_TEMPLATES: readonly FileTemplate[] = [
  {
    title: { zh: 'Proposal_{y}_{s}', en: 'Proposal_{y}_{s}' },
    ext: 'pdf',
    description: { zh: '技术与商务方案', en: 'Technical and commercial proposal' },
  },
  {
    title: { zh: '合同_{s}_{y}', en: 'Contract_{s}_{y}' },
    ext: 'pdf',
    description: { zh: '已签署合同扫描件', en: 'Signed contract (scan)' },
  },
  {
    title: { zh: '案例研究_{i}', en: 'Case_Study_{i}' },
    ext: 'pdf',
    description: { zh: '行业参考案例', en: 'Industry reference case' },
  },
  {
    title: { zh: '会议纪要_{d}', en: 'Meeting_Minutes_{d}' },
    ext: 'txt',
    description: { zh: '拜访会议纪要', en: 'Visit minutes' },
  },
  {
    title: { zh: '报价单_{s}_{d}', en: 'Quote_{s}_{d}' },
    ext: 'csv',
    description: { zh: '最新报价明细', en: 'Latest quote lines' },
  },
];

// ---------------------------------------------------------------------------------------------
// Leads

export type LeadSpec = {
  owner: DemoUserKey | 'queue';
  lastName: string;
  firstName?: string;
  company: string;
  title: string;
  email: string;
  phone: string;
  status: string;
  rating: string;
  source: string;
  industry: string;
  city: string;
  country: string;
  daysAgo: number;
};

export const DEMO_LEADS: readonly LeadSpec[] = [
  {
    owner: 'departing',
    lastName: '钱志远',
    company: '常州瑞达新材料有限公司',
    title: '设备部经理',
    email: 'zhiyuan.qian@ruida-xcl.com.cn',
    phone: '+86 519 8650 1123',
    status: 'Working - Contacted',
    rating: 'Warm',
    source: 'Web',
    industry: 'Chemicals',
    city: '常州',
    country: '中国',
    daysAgo: 20,
  },
  {
    owner: 'departing',
    lastName: '孔令辉',
    company: '无锡星河半导体有限公司',
    title: '采购总监',
    email: 'linghui.kong@xinghe-semi.com.cn',
    phone: '+86 510 8520 3366',
    status: 'Open - Not Contacted',
    rating: 'Hot',
    source: 'Partner Referral',
    industry: 'Electronics',
    city: '无锡',
    country: '中国',
    daysAgo: 4,
  },
  {
    owner: 'departing',
    lastName: '许婉清',
    company: '嘉兴禾丰食品股份有限公司',
    title: '生产总监',
    email: 'wanqing.xu@hefeng-food.com.cn',
    phone: '+86 573 8221 7788',
    status: 'Working - Contacted',
    rating: 'Cold',
    source: 'Phone Inquiry',
    industry: 'Food & Beverage',
    city: '嘉兴',
    country: '中国',
    daysAgo: 75,
  },
  {
    owner: 'departing',
    lastName: 'Andersson',
    firstName: 'Maja',
    company: 'Scandia Marine Systems AB',
    title: 'Head of Operations',
    email: 'maja.andersson@scandiamarine.se',
    phone: '+46 31 555 0142',
    status: 'Open - Not Contacted',
    rating: 'Warm',
    source: 'Web',
    industry: 'Shipping',
    city: 'Gothenburg',
    country: 'Sweden',
    daysAgo: 9,
  },
  {
    owner: 'departing',
    lastName: 'Okafor',
    firstName: 'Daniel',
    company: 'Pioneer Water Technologies Inc.',
    title: 'Plant Manager',
    email: 'd.okafor@pioneerwater.com',
    phone: '+1 312 555 0198',
    status: 'Closed - Not Converted',
    rating: 'Cold',
    source: 'Purchased List',
    industry: 'Environmental',
    city: 'Chicago',
    country: 'United States',
    daysAgo: 140,
  },
  {
    owner: 'queue',
    lastName: '单晓峰',
    company: '绍兴越州纺织有限公司',
    title: '总经理助理',
    email: 'xiaofeng.shan@yuezhou-tex.com.cn',
    phone: '+86 575 8812 4400',
    status: 'Open - Not Contacted',
    rating: 'Warm',
    source: 'Web',
    industry: 'Apparel',
    city: '绍兴',
    country: '中国',
    daysAgo: 2,
  },
  {
    owner: 'queue',
    lastName: 'Rossi',
    firstName: 'Elena',
    company: 'Adriatica Foods S.p.A.',
    title: 'Procurement Manager',
    email: 'elena.rossi@adriaticafoods.it',
    phone: '+39 051 555 0123',
    status: 'Open - Not Contacted',
    rating: 'Cold',
    source: 'Web',
    industry: 'Food & Beverage',
    city: 'Bologna',
    country: 'Italy',
    daysAgo: 6,
  },
  {
    owner: 'successor1',
    lastName: '蒋文涛',
    company: '南京弘毅智能装备有限公司',
    title: '技术总监',
    email: 'wentao.jiang@hongyi-zb.com.cn',
    phone: '+86 25 5210 6600',
    status: 'Working - Contacted',
    rating: 'Hot',
    source: 'Partner Referral',
    industry: 'Engineering',
    city: '南京',
    country: '中国',
    daysAgo: 15,
  },
  {
    owner: 'zhengkai',
    lastName: '邓佳',
    company: '深圳云帆通信技术有限公司',
    title: 'IT经理',
    email: 'jia.deng@yunfan-tx.com.cn',
    phone: '+86 755 8600 2211',
    status: 'Open - Not Contacted',
    rating: 'Warm',
    source: 'Web',
    industry: 'Telecommunications',
    city: '深圳',
    country: '中国',
    daysAgo: 11,
  },
];

// ---------------------------------------------------------------------------------------------
// Hand-written key accounts of the departing rep: each tells one story the handover must catch

export type HeroContact = {
  lastName: string;
  firstName?: string;
  /** Local part of the e-mail; null for a contact without e-mail or phone (messy data). */
  mail: string | null;
  dept: DeptKey;
  /** Index of the contact this one reports to (in the same list, earlier). */
  reportsTo?: number;
  stance: number;
  comms: number;
  gender: Gender;
  /** What this person cares about, when more specific than the department's default. */
  cares?: string;
  owner?: DemoUserKey;
};

export type HeroOpp = {
  product: string;
  stage: string;
  amount: number | null;
  /** Close date in days from today (negative: in the past). */
  closeIn: number;
  nextStep?: string;
  description?: string;
  /** Contact roles: [contact index, role, primary]. */
  roles: [number, string, boolean][];
  owner?: DemoUserKey;
  history?: 'stageBack' | 'amountDrop';
};

export type HeroCase = {
  subject: string;
  description: string;
  priority: 'High' | 'Medium' | 'Low';
  status: 'New' | 'Working' | 'Escalated' | 'Closed';
  origin: 'Phone' | 'Email' | 'Web';
  type: string;
  reason: string;
  contact: number;
  daysAgo: number;
  owner?: 'queue';
};

export type HeroAccount = {
  key: string;
  name: string;
  short: string;
  lang: Lang;
  /** Chinese city name (CHINA_CITIES) or foreign country + city. */
  city: string;
  country?: string;
  domain: string;
  industry: string;
  type: string;
  revenue: number;
  employees: number;
  rating: string;
  description: string;
  parent?: string;
  strategic: boolean;
  contacts: HeroContact[];
  opps: HeroOpp[];
  cases: HeroCase[];
  contract?: { endIn: number; term: number; amount: number };
  files: number[];
  note?: { title: string; body: string };
  /** Days since the last completed activity; null for none at all. */
  lastTouch: number | null;
  team: [DemoUserKey, string][];
};

export const HERO_ACCOUNTS: readonly HeroAccount[] = [
  {
    key: 'huadong',
    name: '上海华东精密机械有限公司',
    short: '华东精密',
    lang: 'zh',
    city: '上海',
    domain: 'huadong-jm.com.cn',
    industry: 'Machinery',
    type: 'Customer - Direct',
    revenue: 2_860_000_000,
    employees: 4200,
    rating: 'Hot',
    description: '华东地区领先的精密机床制造商，与我方合作八年。二期数控改造为今年重点项目，合同到期前须完成续约。',
    strategic: true,
    contacts: [
      { lastName: '张建国', mail: 'jianguo.zhang', dept: 'gm', stance: 0, comms: 2, gender: 'M' },
      {
        lastName: '李芳',
        mail: 'fang.li',
        dept: 'procurement',
        reportsTo: 0,
        stance: 1,
        comms: 0,
        gender: 'F',
        cares: '性价比，每次比价至少三家',
      },
      { lastName: '刘海涛', mail: 'haitao.liu', dept: 'technical', reportsTo: 0, stance: 0, comms: 3, gender: 'M' },
      {
        lastName: '王志强',
        mail: 'zhiqiang.wang',
        dept: 'techManager',
        reportsTo: 2,
        stance: 0,
        comms: 3,
        gender: 'M',
        cares: '设备稳定性与停机时间',
      },
      { lastName: '赵敏', mail: 'min.zhao', dept: 'finance', reportsTo: 0, stance: 2, comms: 0, gender: 'F' },
      {
        lastName: '陈晓东',
        mail: 'xiaodong.chen',
        dept: 'purchasing',
        reportsTo: 1,
        stance: 1,
        comms: 1,
        gender: 'M',
        owner: 'inactive',
      },
    ],
    opps: [
      {
        product: '数控系统升级二期',
        stage: 'Negotiation/Review',
        amount: 3_200_000,
        closeIn: 18,
        nextStep: '发送修订报价单，并约张总做高层拜访',
        description: '竞争对手：西门子报价低约8%；财务总监赵敏倾向低价方案。技术经理王志强支持我方（稳定性更好）。',
        roles: [
          [0, 'Decision Maker', true],
          [1, 'Economic Buyer', false],
          [3, 'Technical Buyer', false],
          [4, 'Economic Buyer', false],
        ],
        history: 'amountDrop',
      },
      {
        product: '年度维保合同续约',
        stage: 'Proposal/Price Quote',
        amount: 680_000,
        closeIn: -12,
        nextStep: '确认续约价格，合同到期前完成签署',
        description: '客户要求续约价格不超过去年；采购总监李芳在比价。',
        roles: [[1, 'Economic Buyer', true]],
        history: 'stageBack',
      },
      {
        product: '预测性维护试点',
        stage: 'Closed Won',
        amount: 450_000,
        closeIn: -120,
        description: '赢单：试点覆盖3条产线，客户认可预测准确率。',
        roles: [
          [3, 'Technical Buyer', true],
          [2, 'Influencer', false],
        ],
      },
      {
        product: 'MES 系统实施',
        stage: 'Closed Lost',
        amount: 1_800_000,
        closeIn: -200,
        description: '输给西门子：对方提供了集团统一采购价格。',
        roles: [[0, 'Decision Maker', true]],
      },
      {
        product: '远程运维平台',
        stage: 'Prospecting',
        amount: 900_000,
        closeIn: 120,
        nextStep: '安排技术交流会',
        roles: [],
      },
    ],
    cases: [
      {
        subject: '二期设备主轴异常停机，客户要求48小时内到场',
        description: '客户诉求：48小时内派工程师到场并书面说明原因。当前进展：已远程排查，备件在途。客户已向张总投诉。',
        priority: 'High',
        status: 'Escalated',
        origin: 'Phone',
        type: 'Mechanical',
        reason: 'Breakdown',
        contact: 3,
        daysAgo: 3,
      },
      {
        subject: '发票金额与合同不符',
        description: '客户诉求：开具更正发票。当前进展：财务部已重新开票，待客户确认。',
        priority: 'Medium',
        status: 'Working',
        origin: 'Email',
        type: 'Other',
        reason: 'Other',
        contact: 5,
        daysAgo: 12,
      },
      {
        subject: '要求安排现场操作培训',
        description: '已于上月完成两天现场培训。',
        priority: 'Low',
        status: 'Closed',
        origin: 'Web',
        type: 'Other',
        reason: 'Installation',
        contact: 3,
        daysAgo: 60,
      },
      {
        subject: '新员工操作手册索取',
        description: '客户通过支持邮箱索取中文操作手册，待支持团队处理。',
        priority: 'Low',
        status: 'New',
        origin: 'Email',
        type: 'Other',
        reason: 'Other',
        contact: 5,
        daysAgo: 1,
        owner: 'queue',
      },
    ],
    contract: { endIn: 45, term: 12, amount: 680_000 },
    files: [0, 1, 3],
    note: {
      title: '交接备注：华东精密',
      body: '张总重视长期合作，每季度需高层拜访一次。采购总监李芳关注性价比，报价需附三家比价。技术经理王志强关注设备稳定性，是我方支持者。财务总监赵敏倾向西门子低价方案，需要重点沟通付款条件。维保合同到期前必须完成续约。',
    },
    lastTouch: 3,
    team: [
      ['manager', 'Executive Sponsor'],
      ['lina', 'Pre-Sales Consultant'],
    ],
  },
  {
    key: 'huadongSuzhou',
    name: '华东精密（苏州）有限公司',
    short: '华东苏州',
    lang: 'zh',
    city: '苏州',
    domain: 'huadong-jm.com.cn',
    industry: 'Machinery',
    type: 'Customer - Direct',
    revenue: 620_000_000,
    employees: 900,
    rating: 'Warm',
    description: '上海华东精密机械的苏州子公司，采购由上海总部统一审批。',
    parent: 'huadong',
    strategic: false,
    contacts: [
      { lastName: '马国栋', mail: 'guodong.ma', dept: 'gm', stance: 1, comms: 0, gender: 'M' },
      { lastName: '郭雪梅', mail: 'xuemei.guo', dept: 'production', reportsTo: 0, stance: 0, comms: 1, gender: 'F' },
      { lastName: '谢鹏飞', mail: 'pengfei.xie', dept: 'maintenance', reportsTo: 1, stance: 0, comms: 3, gender: 'M' },
    ],
    opps: [
      {
        product: '产线自动化改造',
        stage: 'Needs Analysis',
        amount: 1_250_000,
        closeIn: 75,
        nextStep: '提交POC方案',
        roles: [
          [1, 'Influencer', true],
          [2, 'Business User', false],
        ],
      },
    ],
    cases: [],
    files: [],
    lastTouch: 41,
    team: [],
  },
  {
    key: 'nordic',
    name: 'Nordic Freight AB',
    short: 'Nordic Freight',
    lang: 'en',
    city: 'Gothenburg',
    country: 'Sweden',
    domain: 'nordicfreight.se',
    industry: 'Shipping',
    type: 'Customer - Direct',
    revenue: 940_000_000,
    employees: 1800,
    rating: 'Warm',
    description: 'Scandinavian freight forwarder with 40 terminals; runs our telematics on 300 trucks.',
    strategic: true,
    contacts: [
      {
        lastName: 'Lindqvist',
        firstName: 'Erik',
        mail: 'erik.lindqvist',
        dept: 'gm',
        stance: 1,
        comms: 0,
        gender: 'M',
      },
      {
        lastName: 'Svensson',
        firstName: 'Anna',
        mail: 'anna.svensson',
        dept: 'procurement',
        reportsTo: 0,
        stance: 0,
        comms: 0,
        gender: 'F',
      },
      {
        lastName: 'Holm',
        firstName: 'Karin',
        mail: 'karin.holm',
        dept: 'technical',
        reportsTo: 0,
        stance: 1,
        comms: 3,
        gender: 'F',
      },
      {
        lastName: 'Berg',
        firstName: 'Johan',
        mail: 'johan.berg',
        dept: 'it',
        reportsTo: 2,
        stance: 2,
        comms: 1,
        gender: 'M',
      },
    ],
    opps: [
      {
        product: 'Fleet Telematics Rollout',
        stage: 'Value Proposition',
        amount: 1_450_000,
        closeIn: -20,
        nextStep: 'Re-engage in Q3; send an industry reference first',
        description:
          'Budget frozen at HQ until Q3. Competitor: ABB offered a free pilot. Only Anna Svensson is engaged.',
        roles: [[1, 'Economic Buyer', true]],
        history: 'stageBack',
      },
      {
        product: 'Annual Service Contract',
        stage: 'Closed Won',
        amount: 380_000,
        closeIn: -75,
        description: 'Won: renewal of the 300-truck service contract.',
        roles: [
          [1, 'Economic Buyer', true],
          [2, 'Technical Buyer', false],
        ],
      },
    ],
    cases: [
      {
        subject: 'Telematics gateway firmware update fails',
        description:
          'The customer wants a fix before the peak season. Progress: R&D reproduced the issue; patch planned.',
        priority: 'Medium',
        status: 'Working',
        origin: 'Email',
        type: 'Electronic',
        reason: 'Performance',
        contact: 3,
        daysAgo: 9,
      },
    ],
    contract: { endIn: 80, term: 24, amount: 760_000 },
    files: [0, 2],
    note: {
      title: 'Handover note: Nordic Freight',
      body: 'Erik decides but listens to Anna (procurement). Johan in IT prefers the ABB platform. Budget is frozen until Q3: do not push, send the logistics reference case first.',
    },
    lastTouch: 35,
    team: [['markus', 'Account Manager']],
  },
  {
    key: 'hengrui',
    name: '苏州恒锐电子科技有限公司',
    short: '恒锐电子',
    lang: 'zh',
    city: '苏州',
    domain: 'hengrui-dz.com.cn',
    industry: 'Electronics',
    type: 'Customer - Direct',
    revenue: 1_350_000_000,
    employees: 2600,
    rating: 'Hot',
    description: '消费电子代工企业，新建SMT产线自动化需求明确。',
    strategic: false,
    contacts: [
      { lastName: '周海', mail: 'hai.zhou', dept: 'gm', stance: 1, comms: 2, gender: 'M' },
      { lastName: '吴晓梅', mail: 'xiaomei.wu', dept: 'procurement', reportsTo: 0, stance: 1, comms: 0, gender: 'F' },
      // A WeChat-style nickname kept from a business-card scan: the product must survive emoji.
      { lastName: '阿杰🔥', mail: 'ajie', dept: 'purchasing', reportsTo: 1, stance: 0, comms: 1, gender: 'M' },
    ],
    opps: [
      {
        product: '产线自动化改造',
        stage: 'Id. Decision Makers',
        amount: 2_100_000,
        closeIn: 40,
        nextStep: '通过阿杰引荐吴总监，安排方案汇报',
        description: '单线联系：仅与采购专员阿杰沟通，尚未接触决策层。竞争对手：汇川技术。',
        roles: [[2, 'Evaluator', true]],
      },
      {
        product: '能耗监测系统',
        stage: 'Perception Analysis',
        amount: 560_000,
        closeIn: 25,
        nextStep: '跟进采购部比价结果',
        roles: [
          [1, 'Economic Buyer', true],
          [0, 'Decision Maker', false],
        ],
      },
    ],
    cases: [
      {
        subject: '投诉：服务响应速度慢',
        description: '客户诉求：书面说明原因及改进措施。当前进展：尚未回复客户。',
        priority: 'High',
        status: 'New',
        origin: 'Phone',
        type: 'Other',
        reason: 'Feedback',
        contact: 1,
        daysAgo: 2,
      },
      {
        subject: '远程运维平台无法登录',
        description: '客户通过网页提交，支持团队尚未分派。',
        priority: 'Medium',
        status: 'New',
        origin: 'Web',
        type: 'Electronic',
        reason: 'Equipment Complexity',
        contact: 2,
        daysAgo: 1,
        owner: 'queue',
      },
    ],
    files: [4],
    lastTouch: 6,
    team: [],
  },
  {
    key: 'dongfang',
    name: '杭州东方化工股份有限公司',
    short: '东方化工',
    lang: 'zh',
    city: '杭州',
    domain: 'dongfang-hg.com.cn',
    industry: 'Chemicals',
    type: 'Customer - Direct',
    revenue: 2_150_000_000,
    employees: 3800,
    rating: 'Warm',
    // The long description is generated in demo.ts (a decade of yearly notes).
    description: '',
    strategic: true,
    contacts: [
      { lastName: '沈德华', mail: 'dehua.shen', dept: 'gm', stance: 0, comms: 2, gender: 'M' },
      { lastName: '唐慧敏', mail: 'huimin.tang', dept: 'finance', reportsTo: 0, stance: 1, comms: 0, gender: 'F' },
      { lastName: '冯文博', mail: 'wenbo.feng', dept: 'production', reportsTo: 0, stance: 0, comms: 3, gender: 'M' },
      { lastName: '韩玉兰', mail: 'yulan.han', dept: 'quality', reportsTo: 2, stance: 1, comms: 1, gender: 'F' },
      { lastName: '宋俊杰', mail: null, dept: 'maintenance', reportsTo: 2, stance: 0, comms: 3, gender: 'M' },
    ],
    opps: [
      {
        product: 'MES 系统实施',
        stage: 'Closed Lost',
        amount: 2_600_000,
        closeIn: -150,
        description: '输给ABB：对方在危化品行业案例更多。',
        roles: [[0, 'Decision Maker', true]],
      },
      {
        product: '能耗监测系统',
        stage: 'Qualification',
        amount: 300_000,
        closeIn: 90,
        nextStep: '发送行业参考案例',
        roles: [[2, 'Influencer', true]],
      },
    ],
    cases: [
      {
        subject: '危化品车间传感器误报警',
        description: '客户诉求：48小时内派工程师到场。当前进展：已升级至研发部，客户安全部门要求书面报告。',
        priority: 'High',
        status: 'Escalated',
        origin: 'Phone',
        type: 'Electrical',
        reason: 'Equipment Design',
        contact: 3,
        daysAgo: 5,
      },
    ],
    contract: { endIn: 20, term: 36, amount: 2_400_000 },
    files: [1, 2],
    lastTouch: 12,
    team: [['successor2', 'Technical Sales Manager']],
  },
  {
    key: 'bayern',
    name: 'Bayerische Antriebstechnik GmbH',
    short: 'Bayerische Antriebstechnik',
    lang: 'en',
    city: 'Munich',
    country: 'Germany',
    domain: 'bayern-antrieb.de',
    industry: 'Machinery',
    type: 'Customer - Direct',
    revenue: 1_720_000_000,
    employees: 2100,
    rating: 'Hot',
    description: 'Drive-train maker; our largest European customer. Markus Weber covers them locally.',
    strategic: true,
    contacts: [
      {
        lastName: 'Schmidt',
        firstName: 'Thomas',
        mail: 'thomas.schmidt',
        dept: 'gm',
        stance: 0,
        comms: 2,
        gender: 'M',
      },
      {
        lastName: 'Müller-Lüdenscheidt',
        firstName: 'Zoë',
        mail: 'zoe.mueller-luedenscheidt',
        dept: 'procurement',
        reportsTo: 0,
        stance: 1,
        comms: 0,
        gender: 'F',
      },
      {
        lastName: 'Wagner',
        firstName: 'Stefan',
        mail: 'stefan.wagner',
        dept: 'techManager',
        reportsTo: 0,
        stance: 0,
        comms: 3,
        gender: 'M',
      },
    ],
    opps: [
      {
        product: 'Servo Drive Replacement',
        stage: 'Negotiation/Review',
        amount: 2_750_000,
        closeIn: 30,
        nextStep: 'Confirm contract terms and payment conditions',
        description: 'Competitor: Siemens. Zoë asks for 60-day payment terms.',
        roles: [
          [1, 'Economic Buyer', true],
          [2, 'Technical Buyer', false],
          [0, 'Decision Maker', false],
        ],
        owner: 'markus',
      },
      {
        product: 'Spare Parts Framework Agreement',
        stage: 'Closed Won',
        amount: 520_000,
        closeIn: -40,
        description: 'Won: three-year framework.',
        roles: [[1, 'Economic Buyer', true]],
      },
    ],
    cases: [],
    contract: { endIn: 75, term: 24, amount: 1_040_000 },
    files: [0],
    lastTouch: 8,
    team: [
      ['markus', 'Account Manager'],
      ['successor1', 'Technical Sales Manager'],
    ],
  },
  {
    key: 'ganglian',
    name: '宁波港联物流有限公司',
    short: '港联物流',
    lang: 'zh',
    city: '宁波',
    domain: 'ganglian-wl.com.cn',
    industry: 'Transportation',
    type: 'Customer - Channel',
    revenue: 780_000_000,
    employees: 1500,
    rating: 'Cold',
    description: '港口集装箱物流企业，通过渠道伙伴采购。两个月未联系。',
    strategic: false,
    contacts: [
      { lastName: '梁浩宇', mail: 'haoyu.liang', dept: 'gm', stance: 1, comms: 0, gender: 'M' },
      {
        lastName: '徐佳怡',
        mail: 'jiayi.xu',
        dept: 'it',
        reportsTo: 0,
        stance: 0,
        comms: 1,
        gender: 'F',
        owner: 'inactive',
      },
      { lastName: '罗子涵', mail: 'zihan.luo', dept: 'project', reportsTo: 0, stance: 1, comms: 3, gender: 'F' },
    ],
    opps: [
      {
        product: '远程运维平台',
        stage: 'Needs Analysis',
        amount: 1_100_000,
        closeIn: 60,
        nextStep: '安排技术交流会',
        // Imported twice from a spreadsheet: the same contact role appears twice.
        roles: [
          [0, 'Decision Maker', true],
          [1, 'Influencer', false],
          [1, 'Influencer', false],
          [2, 'Business User', false],
        ],
      },
      {
        product: '年度维保合同',
        stage: 'Proposal/Price Quote',
        amount: null,
        closeIn: -95,
        nextStep: '等待客户预算审批结果',
        description: '前任客户经理吴涛留下的商机，金额未填写。',
        roles: [],
        owner: 'inactive',
      },
    ],
    cases: [],
    files: [],
    lastTouch: 64,
    team: [['inactive', 'Account Manager']],
  },
  {
    key: 'qiming',
    name: '合肥启明新能源科技有限公司',
    short: '启明新能源',
    lang: 'zh',
    city: '合肥',
    domain: 'qiming-xny.com.cn',
    industry: 'Energy',
    type: 'Prospect',
    revenue: 150_000_000,
    employees: 300,
    rating: 'Cold',
    description: '展会上获取的潜在客户，尚无联系人。',
    strategic: false,
    contacts: [],
    opps: [],
    cases: [],
    files: [],
    lastTouch: null,
    team: [],
  },
];

/** A contact of the departing rep without an account (met at a trade fair, never filed). */
export const ORPHAN_CONTACT = {
  lastName: '周涛',
  title: '独立行业顾问',
  email: 'zhoutao.consulting@163.com',
  mobile: '+86 138 0571 2233',
  description: '2026 汉诺威工业博览会上认识，熟悉多家化工企业的采购负责人；尚未关联客户。',
} as const;

/** Yearly notes of the account with the very long description. */
export const LONG_HISTORY: readonly string[] = [
  '年度回顾：客户完成一期数控改造验收，对交付进度满意，但对文档质量提出意见。',
  '年度回顾：新任生产总监上任，重新评估全部供应商；我方通过现场审核。',
  '年度回顾：因原材料价格上涨，客户压缩设备预算约20%，维保合同按原价续签。',
  '年度回顾：客户启动数字化转型规划，邀请我方参与MES前期咨询。',
  '年度回顾：发生一次重大停机事故（非我方设备原因），我方协助排查获得好评。',
];
