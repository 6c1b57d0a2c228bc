import type { Catalogs } from '../i18n/i18n.js';

export const calendarMessages: Catalogs = {
  'zh-CN': {
    'calendar.unit': '计算方式须为 working（工作日）或 calendar（自然日）。',
    'calendar.region.format': '行政区划代码应为 2、4、6、9 或 12 位数字。',
    'calendar.kind': '类型须为 rest（放假）或 work（调休上班）。',
    'calendar.day.notInYear': '日期不在 {year} 年内。',
    'calendar.day.duplicate': '该日期重复。',
    'calendar.days.noHolidays': '全国 {year} 年安排应至少包含一个放假日。',
  },
  en: {
    'calendar.unit': 'The unit must be working (working days) or calendar (calendar days).',
    'calendar.region.format': 'A region code has 2, 4, 6, 9 or 12 digits.',
    'calendar.kind': 'The kind must be rest (holiday) or work (make-up working day).',
    'calendar.day.notInYear': 'The date is not in {year}.',
    'calendar.day.duplicate': 'This date appears twice.',
    'calendar.days.noHolidays': 'The national schedule for {year} must contain at least one holiday.',
  },
};
