import type { Catalogs } from '../i18n/i18n.js';

export const jobsMessages: Catalogs = {
  'zh-CN': {
    'jobs.wrongState': '该任务当前状态不允许此操作，请刷新后重试。',
    'jobs.duplicate': '已有相同的任务在排队或运行，无需重试。',
  },
  en: {
    'jobs.wrongState': 'The job\'s current state does not allow this; refresh and try again.',
    'jobs.duplicate': 'The same job is already queued or running; there is nothing to retry.',
  },
};
