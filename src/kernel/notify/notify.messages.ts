import type { Catalogs } from '../i18n/i18n.js';

/** Message templates. Modules add their own under their own prefix. */
export const notifyMessages: Catalogs = {
  'zh-CN': {
    'notify.smsCode': '【示例市政务服务】您的验证码为 {code}，{minutes} 分钟内有效。如非本人操作请忽略。',
  },
  en: {
    'notify.smsCode': '[Shili City Services] Your verification code is {code}, valid for {minutes} minutes. Ignore this message if you did not ask for it.',
  },
};
