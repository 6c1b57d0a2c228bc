import type { Catalogs } from '../../kernel/i18n/i18n.js';

export const officeMessages: Catalogs = {
  'zh-CN': {
    'office.notBuilt': '办公应用尚未构建。请先运行 npm run build:office（npm start 会自动构建）。',
  },
  en: {
    'office.notBuilt': 'The office app has not been built. Run npm run build:office first (npm start builds it).',
  },
};
