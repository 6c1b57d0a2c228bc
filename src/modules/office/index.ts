import type { ModuleDefinition } from '../../kernel/module.js';
import { officeMessages } from './office.messages.js';
import { officeRoutes } from './office.routes.js';

/** The office app (React + Ant Design, built by bin/build-office.js), served by the platform under /office/. */
export const officeModule: ModuleDefinition = {
  name: 'office',
  messages: officeMessages,
  routes: officeRoutes(),
};
