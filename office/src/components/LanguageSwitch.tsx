import { Select } from 'antd';
import { locale, switchLocale, t, type Locale } from '../i18n';

/** 中文 / English: sets the language cookie and reloads (the shell's header and the sign-in page). */
export function LanguageSwitch() {
  return (
    <Select
      aria-label={t('app.language')}
      size="small"
      value={locale}
      onChange={(v: Locale) => switchLocale(v)}
      options={[{ value: 'zh-CN', label: '中文' }, { value: 'en', label: 'English' }]}
      style={{ width: 100 }}
    />
  );
}
