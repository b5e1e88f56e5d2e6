/** Cities, districts (real GB/T 2260 codes), roads and birthplaces the generator draws from. */

/** A district of a city with its 6-digit administrative division code. */
export interface District {
  code: string;
  name: string;
}

/** A city the bank may operate in. */
export interface City {
  name: string;
  /** Address prefix: province + city, e.g. 浙江省杭州市 (municipalities: 上海市). */
  prefix: string;
  lat: number;
  lon: number;
  /** Relative customer weight when the bank has a branch here. */
  weight: number;
  districts: readonly District[];
  roads: readonly string[];
}

const d = (code: string, name: string): District => ({ code, name });

/** Cities in the order the bank opens branches in them (HQ city first). */
export const CITIES: readonly City[] = [
  {
    name: '上海',
    prefix: '上海市',
    lat: 31.2304,
    lon: 121.4737,
    weight: 1.6,
    districts: [
      d('310101', '黄浦区'),
      d('310104', '徐汇区'),
      d('310105', '长宁区'),
      d('310106', '静安区'),
      d('310107', '普陀区'),
      d('310109', '虹口区'),
      d('310110', '杨浦区'),
      d('310112', '闵行区'),
      d('310113', '宝山区'),
      d('310115', '浦东新区'),
    ],
    roads: [
      '南京东路',
      '淮海中路',
      '世纪大道',
      '陆家嘴环路',
      '张江路',
      '漕溪北路',
      '长寿路',
      '四川北路',
      '淞沪路',
      '虹桥路',
      '莘庄路',
      '中山北路',
    ],
  },
  {
    name: '杭州',
    prefix: '浙江省杭州市',
    lat: 30.2741,
    lon: 120.1551,
    weight: 1.4,
    districts: [
      d('330102', '上城区'),
      d('330105', '拱墅区'),
      d('330106', '西湖区'),
      d('330108', '滨江区'),
      d('330109', '萧山区'),
      d('330110', '余杭区'),
    ],
    roads: [
      '延安路',
      '文三路',
      '解放路',
      '庆春路',
      '体育场路',
      '江南大道',
      '滨盛路',
      '文一西路',
      '钱江路',
      '莫干山路',
      '金城路',
    ],
  },
  {
    name: '北京',
    prefix: '北京市',
    lat: 39.9042,
    lon: 116.4074,
    weight: 1.3,
    districts: [
      d('110101', '东城区'),
      d('110102', '西城区'),
      d('110105', '朝阳区'),
      d('110106', '丰台区'),
      d('110108', '海淀区'),
      d('110114', '昌平区'),
    ],
    roads: [
      '金融大街',
      '建国门外大街',
      '中关村大街',
      '朝阳门北大街',
      '望京街',
      '王府井大街',
      '西直门外大街',
      '丰台北路',
      '学院路',
      '东三环中路',
    ],
  },
  {
    name: '深圳',
    prefix: '广东省深圳市',
    lat: 22.5431,
    lon: 114.0579,
    weight: 1.2,
    districts: [
      d('440303', '罗湖区'),
      d('440304', '福田区'),
      d('440305', '南山区'),
      d('440306', '宝安区'),
      d('440307', '龙岗区'),
    ],
    roads: [
      '深南大道',
      '福华路',
      '科技园路',
      '南海大道',
      '宝安大道',
      '龙岗大道',
      '华强北路',
      '福中路',
      '蛇口路',
    ],
  },
  {
    name: '南京',
    prefix: '江苏省南京市',
    lat: 32.0603,
    lon: 118.7969,
    weight: 1.0,
    districts: [
      d('320102', '玄武区'),
      d('320104', '秦淮区'),
      d('320105', '建邺区'),
      d('320106', '鼓楼区'),
      d('320115', '江宁区'),
    ],
    roads: ['中山路', '中山南路', '汉中路', '龙蟠路', '江东中路', '北京东路', '双龙大道', '湖南路'],
  },
  {
    name: '宁波',
    prefix: '浙江省宁波市',
    lat: 29.8683,
    lon: 121.544,
    weight: 0.9,
    districts: [d('330203', '海曙区'), d('330205', '江北区'), d('330206', '北仑区'), d('330212', '鄞州区')],
    roads: ['中山东路', '药行街', '百丈路', '江东北路', '四明中路', '鄞州大道', '新明街', '日丽中路'],
  },
  {
    name: '苏州',
    prefix: '江苏省苏州市',
    lat: 31.299,
    lon: 120.5853,
    weight: 0.9,
    districts: [
      d('320505', '虎丘区'),
      d('320506', '吴中区'),
      d('320507', '相城区'),
      d('320508', '姑苏区'),
      d('320509', '吴江区'),
    ],
    roads: ['人民路', '干将路', '观前街', '苏州大道', '金鸡湖大道', '现代大道', '金阊路', '狮山路'],
  },
  {
    name: '成都',
    prefix: '四川省成都市',
    lat: 30.5728,
    lon: 104.0668,
    weight: 0.9,
    districts: [
      d('510104', '锦江区'),
      d('510105', '青羊区'),
      d('510106', '金牛区'),
      d('510107', '武侯区'),
      d('510108', '成华区'),
    ],
    roads: ['春熙路', '天府大道', '人民南路', '蜀都大道', '红星路', '东大街', '交子大道', '锦华路'],
  },
  {
    name: '贵阳',
    prefix: '贵州省贵阳市',
    lat: 26.647,
    lon: 106.6302,
    weight: 0.6,
    districts: [d('520102', '南明区'), d('520103', '云岩区'), d('520111', '花溪区'), d('520115', '观山湖区')],
    roads: ['中华北路', '延安中路', '瑞金北路', '长岭北路', '林城路', '花溪大道', '遵义路', '北京路'],
  },
  {
    name: '广州',
    prefix: '广东省广州市',
    lat: 23.1291,
    lon: 113.2644,
    weight: 1.0,
    districts: [
      d('440103', '荔湾区'),
      d('440104', '越秀区'),
      d('440105', '海珠区'),
      d('440106', '天河区'),
      d('440111', '白云区'),
    ],
    roads: ['天河路', '环市东路', '花城大道', '北京路', '中山五路', '江南大道', '黄埔大道', '白云大道'],
  },
  {
    name: '武汉',
    prefix: '湖北省武汉市',
    lat: 30.5928,
    lon: 114.3055,
    weight: 0.8,
    districts: [d('420102', '江岸区'), d('420103', '江汉区'), d('420106', '武昌区'), d('420111', '洪山区')],
    roads: ['中山大道', '解放大道', '武珞路', '光谷大道', '建设大道', '沿江大道', '珞喻路'],
  },
  {
    name: '温州',
    prefix: '浙江省温州市',
    lat: 27.9938,
    lon: 120.6994,
    weight: 0.6,
    districts: [d('330302', '鹿城区'), d('330303', '龙湾区'), d('330304', '瓯海区')],
    roads: ['人民路', '车站大道', '学院路', '锦绣路', '瓯江路', '府东路'],
  },
  {
    name: '合肥',
    prefix: '安徽省合肥市',
    lat: 31.8206,
    lon: 117.2272,
    weight: 0.6,
    districts: [d('340102', '瑶海区'), d('340103', '庐阳区'), d('340104', '蜀山区'), d('340111', '包河区')],
    roads: ['长江中路', '徽州大道', '金寨路', '天鹅湖路', '芜湖路', '马鞍山路'],
  },
  {
    name: '重庆',
    prefix: '重庆市',
    lat: 29.563,
    lon: 106.5516,
    weight: 0.8,
    districts: [d('500103', '渝中区'), d('500105', '江北区'), d('500106', '沙坪坝区'), d('500108', '南岸区')],
    roads: ['民族路', '邹容路', '建新北路', '南坪西路', '杨家坪正街', '沙坪坝正街'],
  },
  {
    name: '西安',
    prefix: '陕西省西安市',
    lat: 34.3416,
    lon: 108.9398,
    weight: 0.7,
    districts: [d('610102', '新城区'), d('610103', '碑林区'), d('610104', '莲湖区'), d('610113', '雁塔区')],
    roads: ['东大街', '南大街', '高新路', '长安北路', '科技路', '雁塔路'],
  },
];

/** Birthplaces of customers who moved to the city they bank in (real district codes). */
export const ORIGIN_DISTRICTS: readonly District[] = [
  d('411302', '河南省南阳市宛城区'),
  d('341202', '安徽省阜阳市颍州区'),
  d('430102', '湖南省长沙市芙蓉区'),
  d('360102', '江西省南昌市东湖区'),
  d('370102', '山东省济南市历下区'),
  d('410105', '河南省郑州市金水区'),
  d('450103', '广西壮族自治区南宁市青秀区'),
  d('130102', '河北省石家庄市长安区'),
  d('220102', '吉林省长春市南关区'),
  d('230102', '黑龙江省哈尔滨市道里区'),
  d('350102', '福建省福州市鼓楼区'),
  d('140105', '山西省太原市小店区'),
  d('530102', '云南省昆明市五华区'),
  d('620102', '甘肃省兰州市城关区'),
  d('210102', '辽宁省沈阳市和平区'),
  d('120101', '天津市和平区'),
];

/** Every region code customers may carry, cities' districts first, then birthplaces; indexable. */
export const ALL_REGIONS: readonly District[] = [...CITIES.flatMap((c) => c.districts), ...ORIGIN_DISTRICTS];

/** Index in ALL_REGIONS of each city's first district. */
export const CITY_REGION_OFFSET: readonly number[] = (() => {
  const out: number[] = [];
  let offset = 0;
  for (const city of CITIES) {
    out.push(offset);
    offset += city.districts.length;
  }
  return out;
})();
