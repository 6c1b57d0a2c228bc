// Generated Chinese government documents for the search bench: notices, opinions, announcements and
// policy interpretations of a city's departments over ten years, with 文号, bodies of several hundred
// characters drawn from government vocabulary, and the visibility mix of a real portal. Deterministic:
// document i is the same in every process and every run.
import type { SearchDocument } from '../../src/kernel/search/search.service.js';

export const BENCH_DEPARTMENTS: [code: string, name: string, short: string][] = [
  ['BGS', '示例市人民政府办公室', '示政办'], ['FGW', '示例市发展和改革委员会', '示发改'], ['JYJ', '示例市教育局', '示教'],
  ['KJJ', '示例市科学技术局', '示科'], ['GXJ', '示例市工业和信息化局', '示工信'], ['GAJ', '示例市公安局', '示公'],
  ['MZJ', '示例市民政局', '示民'], ['SFJ', '示例市司法局', '示司'], ['CZJ', '示例市财政局', '示财'],
  ['RSJ', '示例市人力资源和社会保障局', '示人社'], ['ZRZYJ', '示例市自然资源和规划局', '示自然资源'], ['STHJJ', '示例市生态环境局', '示环'],
  ['ZJJ', '示例市住房和城乡建设局', '示建'], ['JTJ', '示例市交通运输局', '示交'], ['SLJ', '示例市水利局', '示水'],
  ['NYJ', '示例市农业农村局', '示农'], ['SWJ', '示例市商务局', '示商'], ['WLJ', '示例市文化和旅游局', '示文旅'],
  ['WJW', '示例市卫生健康委员会', '示卫健'], ['TYJ', '示例市退役军人事务局', '示退役'], ['YJJ', '示例市应急管理局', '示应急'],
  ['SJJ', '示例市审计局', '示审'], ['SCJGJ', '示例市市场监督管理局', '示市监'], ['TJJ', '示例市统计局', '示统'],
  ['YBJ', '示例市医疗保障局', '示医保'], ['XFJ', '示例市信访局', '示信访'], ['SJZYJ', '示例市数据资源管理局', '示数据'],
  ['ZWFWJ', '示例市政务服务管理局', '示政服'], ['GJJ', '示例市住房公积金管理中心', '示公积金'], ['BDCDJ', '示例市不动产登记中心', '示不动产'],
];

const TOPICS = [
  '营业执照办理', '社会保障卡申领', '不动产登记', '住房公积金提取', '医疗保险报销', '养老保险待遇', '居民身份证办理', '户籍迁移',
  '出入境证件办理', '企业开办', '一件事一次办', '政务服务事项', '证明事项告知承诺制', '行政许可', '政府信息公开', '食品安全监管',
  '安全生产', '防汛抗旱', '森林防火', '义务教育招生入学', '学前教育', '职业技能培训', '创业担保贷款', '就业补贴发放',
  '最低生活保障', '临时救助', '残疾人两项补贴', '高龄津贴', '居家养老服务', '退役军人优抚', '保障性租赁住房', '老旧小区改造',
  '垃圾分类', '大气污染防治', '河长制', '高标准农田建设', '耕地地力保护补贴', '农村集体经济', '宅基地管理', '乡村振兴',
  '减税降费', '留抵退税', '电子发票推广', '政府采购', '公共资源交易', '招商引资', '专精特新企业培育', '知识产权保护',
  '工程建设项目审批', '施工许可', '消防验收', '异地就医备案', '家庭医生签约', '疫苗接种', '生育登记', '婚姻登记',
  '殡葬改革', '信用修复', '双随机一公开', '12345政务服务便民热线',
];
const KINDS = ['通知', '通知', '通知', '意见', '公告', '通告', '实施方案', '工作要点', '政策解读', '办事指南'];
const OPENERS = [
  '为进一步优化营商环境，深化“放管服”改革，', '为贯彻落实党中央、国务院决策部署，', '为切实保障人民群众合法权益，',
  '为提升政务服务水平，推进“一网通办”，', '为加快数字政府建设，', '根据上级有关工作要求，结合本市实际，',
];
const LAWS = ['《中华人民共和国行政许可法》', '《中华人民共和国政府信息公开条例》', '《优化营商环境条例》', '《社会保险法》', '《住房公积金管理条例》', '《不动产登记暂行条例》', '《中华人民共和国食品安全法》'];
const POINTS = [
  '各地各部门要高度重视，加强组织领导，明确责任分工，确保各项任务落到实处。',
  '申请人可通过政务服务网、“示例市民通”移动端或政务服务大厅综合窗口提交申请材料。',
  '对材料齐全、符合法定形式的，窗口工作人员应当场受理；材料不全的，一次性告知需要补正的全部内容。',
  '承诺办结时限由法定的二十个工作日压缩至五个工作日，并联审批事项实行“一窗受理、同步审查”。',
  '依托数据共享平台，能够通过共享获取的证照和材料，不再要求申请人重复提交。',
  '加强事中事后监管，落实“双随机一公开”抽查制度，对失信主体依法实施联合惩戒。',
  '财政部门要统筹安排专项资金，保障工作经费，严格资金使用管理，提高资金使用效益。',
  '各县（市、区）人民政府要建立健全工作机制，定期报送工作进展情况。',
  '符合条件的参保人员可按规定申请待遇，经办机构应在规定时限内完成审核并发放。',
  '对群众反映的问题，要及时回应、限时办结，并通过“好差评”系统接受社会监督。',
  '加强政策宣传解读，通过政府网站、政务新媒体等渠道及时发布相关信息，提高政策知晓度。',
  '本通知自印发之日起施行，此前有关规定与本通知不一致的，以本通知为准。',
  '办理过程中如有疑问，可拨打12345政务服务便民热线咨询。',
  '缴存职工在本市购买、建造、翻建、大修自住住房的，可以申请提取住房公积金。',
  '参加基本医疗保险的人员在定点医疗机构发生的符合规定的医疗费用，按规定予以报销。',
  '企业开办实现全程网办，营业执照、公章刻制、发票申领、社保登记一日办结。',
  '不动产登记实行“一窗受理、集成服务”，交易、缴税、登记一次办好。',
  '户籍业务可在全市任一派出所户籍窗口办理，实行“跨区通办”。',
  '各单位要严格落实安全生产责任制，开展隐患排查治理，坚决遏制重特大事故发生。',
  '对违反规定的，依法依规追究相关单位和人员的责任。',
];

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START = Date.parse('2016-07-01T00:00:00+08:00');
const SPAN = Date.parse('2026-07-01T00:00:00+08:00') - START;
const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Document `i` of the corpus; `orgIds` follow BENCH_DEPARTMENTS. */
export function benchDocument(i: number, orgIds: string[]): SearchDocument {
  const r = random(i * 7919 + 17);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)];
  // A few topics are everywhere, most are rare: a Zipf-like choice.
  const topic = TOPICS[Math.min(TOPICS.length - 1, Math.floor(TOPICS.length * r() ** 2.2))];
  const org = Math.floor(r() * BENCH_DEPARTMENTS.length);
  const [, orgName, short] = BENCH_DEPARTMENTS[org];
  const at = new Date(START + Math.floor(r() * SPAN));
  const year = Number(new Date(+at + 8 * 3_600_000).toISOString().slice(0, 4));
  const kind = pick(KINDS);
  const title = kind === '政策解读' ? `《关于做好${year}年度${topic}工作的通知》政策解读`
    : kind === '办事指南' ? `${topic}办事指南（${year}年版）`
    : r() < 0.5 ? `关于做好${year}年度${topic}工作的${kind}` : `${orgName}关于${topic}有关事项的${kind}`;
  const points = 4 + Math.floor(r() * 8);
  let body = `${pick(OPENERS)}根据${pick(LAWS)}等有关规定，现就做好${topic}有关工作${kind === '公告' ? '公告' : '通知'}如下。`;
  for (let k = 0; k < points; k++) body += `${CN_NUM[k % 10]}、${pick(POINTS)}${r() < 0.3 ? `做好${pick(TOPICS)}与${topic}的衔接。` : ''}`;
  const seq = 1 + Math.floor(r() * 300);
  const docNumber = `${short}${pick(['发', '函', '办发'])}〔${year}〕${seq}号`;
  const roll = r();
  const visibility = roll < 0.9 ? 'public' : roll < 0.95 ? 'staff' : 'org';
  const scheduled = visibility === 'public' && r() < 0.001;
  return {
    source: pick(['bench.policy', 'bench.policy', 'bench.notice', 'bench.guide']), ref: String(i), title, body, docNumber,
    fields: { kind, org: orgName }, orgId: orgIds[org], url: `/documents/${i}`, visibility,
    publishedAt: scheduled ? new Date(Date.now() + 30 * 86_400_000) : at, updatedAt: at,
  };
}
