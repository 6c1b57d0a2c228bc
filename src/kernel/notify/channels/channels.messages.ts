import type { Catalogs } from '../../i18n/i18n.js';

/** Answers of the provider callback routes (the provider's operators read them in its push log). */
export const callbackMessages: Catalogs = {
  'zh-CN': {
    'notifyCallbacks.phone': '手机号码格式不正确。',
    'notifyCallbacks.time': '时间格式应为 yyyy-MM-dd HH:mm:ss。',
    'notifyCallbacks.unavailable': '暂时无法处理推送，请稍后重试。',
  },
  en: {
    'notifyCallbacks.phone': 'The phone number is not in a valid format.',
    'notifyCallbacks.time': 'The time must look like yyyy-MM-dd HH:mm:ss.',
    'notifyCallbacks.unavailable': 'The push cannot be processed right now; please try again later.',
  },
};
