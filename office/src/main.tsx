import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { locale } from './i18n';
import { SessionProvider } from './session/SessionContext';
import { App } from './App';
import './global.css';

// Ant Design's default secondary text (45% black), placeholders (25%) and blue links fall below the
// WCAG AA contrast ratio of 4.5:1 on white; these shades pass.
const THEME = {
  token: {
    colorPrimary: '#b7242a',
    colorLink: '#a8071a',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    // The default error red (#ff4d4f, 3.3:1) fails on danger buttons and error texts; this one is 6.3:1.
    colorError: '#c41d1d',
  },
};

dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
document.documentElement.lang = locale;

// autoInsertSpace would turn 登录 into 登 录, which screen readers then spell out character by character.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionProvider>
          <App />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
