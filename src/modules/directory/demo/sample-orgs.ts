/**
 * The sample city's organisations: the city government with its departments, each with divisions, the
 * government service centre with its windows, and a smaller set of departments in every county.
 * Codes are deterministic: 9901-SCJ is the city's 市场监督管理局, 990121-SCJ青山县's.
 */
export interface SampleDepartment {
  /** Abbreviation used in the org code (and in demo user names, e.g. handler.scj). */
  abbr: string;
  name: string;
  shortName: string;
  divisions: string[];
  /** Service windows, grouped under a service centre division of this department. */
  windows?: { centre: string; names: string[] };
}

export const CITY_GOVERNMENT = { name: '示例市人民政府', shortName: '市政府' };

export const CITY_DEPARTMENTS: SampleDepartment[] = [
  { abbr: 'ZFB', name: '示例市人民政府办公室', shortName: '市政府办', divisions: ['秘书科', '综合调研科', '督查科'] },
  { abbr: 'FGW', name: '示例市发展和改革委员会', shortName: '市发改委', divisions: ['办公室', '综合规划科', '价格管理科'] },
  { abbr: 'JYJ', name: '示例市教育局', shortName: '市教育局', divisions: ['办公室', '基础教育科', '学生资助管理科'] },
  { abbr: 'KJJ', name: '示例市科学技术局', shortName: '市科技局', divisions: ['办公室', '科技创新科'] },
  { abbr: 'GXJ', name: '示例市工业和信息化局', shortName: '市工信局', divisions: ['办公室', '产业发展科', '信息化推进科'] },
  { abbr: 'GAJ', name: '示例市公安局', shortName: '市公安局', divisions: ['办公室', '治安管理支队', '出入境管理科'] },
  { abbr: 'MZJ', name: '示例市民政局', shortName: '市民政局', divisions: ['办公室', '社会救助科', '婚姻登记处'] },
  { abbr: 'SFJ', name: '示例市司法局', shortName: '市司法局', divisions: ['办公室', '法律援助中心', '行政复议科'] },
  { abbr: 'CZJ', name: '示例市财政局', shortName: '市财政局', divisions: ['办公室', '预算科', '国库科'] },
  { abbr: 'RSJ', name: '示例市人力资源和社会保障局', shortName: '市人社局', divisions: ['办公室', '就业促进科', '社会保险科'] },
  { abbr: 'ZRJ', name: '示例市自然资源和规划局', shortName: '市自然资源局', divisions: ['办公室', '国土空间规划科', '耕地保护科'] },
  { abbr: 'HJJ', name: '示例市生态环境局', shortName: '市生态环境局', divisions: ['办公室', '环境影响评价科', '生态环境执法支队'] },
  { abbr: 'ZJJ', name: '示例市住房和城乡建设局', shortName: '市住建局', divisions: ['办公室', '建筑市场管理科', '房地产市场监管科'] },
  { abbr: 'JTJ', name: '示例市交通运输局', shortName: '市交通局', divisions: ['办公室', '运输管理科', '公路建设科'] },
  { abbr: 'SLJ', name: '示例市水利局', shortName: '市水利局', divisions: ['办公室', '水资源管理科', '河湖管理科'] },
  { abbr: 'NYJ', name: '示例市农业农村局', shortName: '市农业农村局', divisions: ['办公室', '种植业管理科', '农村经营管理科'] },
  { abbr: 'SWJ', name: '示例市商务局', shortName: '市商务局', divisions: ['办公室', '对外贸易科', '市场体系建设科'] },
  { abbr: 'WLJ', name: '示例市文化广电旅游局', shortName: '市文广旅局', divisions: ['办公室', '文化艺术科', '旅游市场管理科'] },
  { abbr: 'WJW', name: '示例市卫生健康委员会', shortName: '市卫健委', divisions: ['办公室', '医政医管科', '疾病预防控制科'] },
  { abbr: 'TYJ', name: '示例市退役军人事务局', shortName: '市退役军人局', divisions: ['办公室', '优抚科'] },
  { abbr: 'YJJ', name: '示例市应急管理局', shortName: '市应急局', divisions: ['办公室', '安全生产监督管理科', '救灾物资保障科'] },
  { abbr: 'SJJ', name: '示例市审计局', shortName: '市审计局', divisions: ['办公室', '财政审计科'] },
  { abbr: 'SCJ', name: '示例市市场监督管理局', shortName: '市市场监管局', divisions: ['办公室', '登记注册科', '食品安全协调科', '价格监督检查科'] },
  { abbr: 'TJJ', name: '示例市统计局', shortName: '市统计局', divisions: ['办公室', '综合统计科'] },
  { abbr: 'YBJ', name: '示例市医疗保障局', shortName: '市医保局', divisions: ['办公室', '待遇保障科', '医药价格和招标采购科'] },
  { abbr: 'SPJ', name: '示例市行政审批服务局', shortName: '市审批局', divisions: ['办公室', '综合受理科', '踏勘评审科'],
    windows: { centre: '示例市政务服务中心', names: ['综合受理窗口', '企业开办窗口', '工程建设项目审批窗口', '不动产登记窗口', '社保医保窗口', '公安服务窗口', '税务服务窗口', '“办不成事”反映窗口'] } },
  { abbr: 'XFJ', name: '示例市信访局', shortName: '市信访局', divisions: ['办公室', '来信办理科', '接访科'] },
  { abbr: 'SJB', name: '示例市政务服务和数据管理局', shortName: '市数据局', divisions: ['办公室', '政务公开科', '数据资源科', '电子政务科'] },
  { abbr: 'JW', name: '中共示例市纪律检查委员会 示例市监察委员会', shortName: '市纪委监委', divisions: ['办公室', '党风政风监督室', '案件监督管理室'] },
  { abbr: 'SW', name: '国家税务总局示例市税务局', shortName: '市税务局', divisions: ['办公室', '纳税服务科', '征收管理科'] },
  { abbr: 'BDC', name: '示例市不动产登记中心', shortName: '市不动产中心', divisions: ['登记科', '档案科'] },
  { abbr: 'GJJ', name: '示例市住房公积金管理中心', shortName: '市公积金中心', divisions: ['归集科', '贷款科'] },
];

/** Departments every county (and the district) has; the county name is put in front. */
export const COUNTY_DEPARTMENTS: SampleDepartment[] = [
  { abbr: 'ZFB', name: '人民政府办公室', shortName: '政府办', divisions: ['秘书股'] },
  { abbr: 'FGJ', name: '发展和改革局', shortName: '发改局', divisions: ['办公室', '综合股'] },
  { abbr: 'JYJ', name: '教育局', shortName: '教育局', divisions: ['办公室', '基础教育股'] },
  { abbr: 'GAJ', name: '公安局', shortName: '公安局', divisions: ['办公室', '治安大队'] },
  { abbr: 'CZJ', name: '财政局', shortName: '财政局', divisions: ['办公室', '预算股'] },
  { abbr: 'SCJ', name: '市场监督管理局', shortName: '市场监管局', divisions: ['办公室', '登记注册股'] },
  { abbr: 'NYJ', name: '农业农村局', shortName: '农业农村局', divisions: ['办公室', '农村经营管理股'] },
  { abbr: 'SPJ', name: '行政审批服务局', shortName: '审批局', divisions: ['办公室'],
    windows: { centre: '政务服务中心', names: ['综合受理窗口', '企业开办窗口', '社保医保窗口'] } },
];
