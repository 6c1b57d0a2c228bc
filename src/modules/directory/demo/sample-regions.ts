/**
 * 示例省 / 示例市: region codes under the unused province code 99, so that the sample city never
 * collides with a real GB/T 2260 code. Town codes follow the statistical convention (001–099
 * subdistricts, 100–199 towns, 200–299 townships); communities use 001–199 and villages 200–399.
 */
export interface SampleTown {
  code: string;
  name: string;
  villages: string[];
}
export interface SampleCounty {
  code: string;
  name: string;
  /** The short prefix of the county's org names and codes. */
  short: string;
  towns: SampleTown[];
}

export const SAMPLE_PROVINCE = { code: '99', name: '示例省' };
export const SAMPLE_CITY = { code: '9901', name: '示例市' };

export const SAMPLE_COUNTIES: SampleCounty[] = [
  {
    code: '990102', name: '示例市中心区', short: '中心区', towns: [
      { code: '990102001', name: '城关街道', villages: ['文庙社区', '钟楼社区', '北门社区', '学前社区'] },
      { code: '990102002', name: '东湖街道', villages: ['湖滨社区', '东湖社区', '荷花社区'] },
      { code: '990102003', name: '西山街道', villages: ['西山社区', '枫林社区', '石门社区', '望江社区'] },
      { code: '990102004', name: '南岭街道', villages: ['南岭社区', '新桥社区', '花园社区'] },
    ],
  },
  {
    code: '990121', name: '青山县', short: '青山县', towns: [
      { code: '990121100', name: '青山镇', villages: ['青山村', '上庄村', '下庄村', '茶园村'] },
      { code: '990121101', name: '石桥镇', villages: ['石桥村', '龙潭村', '竹林村', '大塘村', '新屋村'] },
      { code: '990121200', name: '松林乡', villages: ['松林村', '杨梅村', '岭头村'] },
      { code: '990121201', name: '白云乡', villages: ['白云村', '高坪村', '溪口村', '梅坑村'] },
    ],
  },
  {
    code: '990122', name: '绿水县', short: '绿水县', towns: [
      { code: '990122100', name: '绿水镇', villages: ['绿水村', '柳湾村', '石门村', '沙洲村'] },
      { code: '990122101', name: '河口镇', villages: ['河口村', '渡头村', '桃源村'] },
      { code: '990122200', name: '柳塘乡', villages: ['柳塘村', '长岭村', '坪上村', '黄泥村'] },
    ],
  },
];

/** The 12-digit code of the n-th (0-based) community or village of a town. */
export function villageCode(town: SampleTown, n: number): string {
  const base = town.villages[n].endsWith('社区') ? 1 : 201;
  return `${town.code}${String(base + n).padStart(3, '0')}`;
}
