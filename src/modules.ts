import { kernelDefinition } from './kernel/kernel.definition.js';
import { calendarDefinition } from './kernel/calendar/calendar.definition.js';
import { auditDefinition } from './kernel/audit/audit.definition.js';
import { notifyDefinition } from './kernel/notify/notify.definition.js';
import { notifyCallbacksDefinition } from './kernel/notify/channels/callbacks.definition.js';
import { jobsDefinition } from './kernel/jobs/jobs.definition.js';
import { filesDefinition } from './kernel/files/files.definition.js';
import { searchDefinition } from './kernel/search/search.definition.js';
import { directoryModule } from './modules/directory/index.js';
import { identityModule } from './modules/identity/index.js';
import { portalModule } from './modules/portal/index.js';
import { officeModule } from './modules/office/index.js';
import type { ModuleDefinition } from './kernel/module.js';

/** Every part of the platform, in the order migrations, start-up work and demo seeds run. */
export const modules: ModuleDefinition[] = [
  kernelDefinition,
  calendarDefinition,
  auditDefinition,
  notifyDefinition,
  notifyCallbacksDefinition,
  jobsDefinition,
  filesDefinition,
  searchDefinition,
  directoryModule,
  identityModule,
  portalModule,
  officeModule,
];
