import type { ModuleDefinition } from '../../kernel/module.js';
import { renderShell } from '../../kernel/html/shell.js';
import { portalMessages } from './portal.messages.js';
import { portalRoutes } from './portal.routes.js';
import { pageContext } from './pages/page-context.js';
import { errorPage } from './pages/error.page.js';
import { feedDepartments } from './department-search.js';
import { seedPortalDemo } from './portal.demo.js';

/** The public portal: home, departments directory, search, deadline calculator, display mode, and the HTML error page. */
export const portalModule: ModuleDefinition = {
  name: 'portal',
  messages: portalMessages,
  routes: portalRoutes,
  seedDemo: seedPortalDemo,
  async onStart(kernel) {
    // Errors outside /api have no request here, so the page shows the standard edition of the shell.
    kernel.renderErrorPage = (status, message, locale) =>
      renderShell({ locale, url: null, large: false, viewer: null }, errorPage(pageContext(locale, null), status, message));
    // The department directory is searchable (source portal.department), rebuilt at start and every 15 minutes.
    await feedDepartments(kernel);
  },
};
