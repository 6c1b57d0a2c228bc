import type { FastifyInstance } from 'fastify';
import type { ModuleDefinition } from '../../kernel/module.js';
import type { Kernel } from '../../kernel/kernel.js';
import { sqlMigrations } from '../../kernel/db/sql-files.js';
import { directoryMessages } from './directory.messages.js';
import { directoryPermissions } from './directory.permissions.js';
import { auditDeniedWrites } from './denied-audit.js';
import { RegionService } from './region.service.js';
import { OrgService } from './org.service.js';
import { StaffService } from './staff.service.js';
import { RoleService } from './role.service.js';
import { GrantService } from './grant.service.js';
import { ImportService } from './import.service.js';
import { regionRoutes } from './region.routes.js';
import { orgRoutes } from './org.routes.js';
import { staffRoutes } from './staff.routes.js';
import { roleRoutes } from './role.routes.js';
import { importRoutes } from './import.routes.js';
import { seedSampleCity } from './demo/demo-seed.js';

async function routes(app: FastifyInstance, kernel: Kernel) {
  auditDeniedWrites(app, kernel);
  regionRoutes(app, new RegionService(kernel.db, kernel.audit));
  orgRoutes(app, new OrgService(kernel.db, kernel.audit));
  staffRoutes(app, new StaffService(kernel));
  roleRoutes(app, new RoleService(kernel.db, kernel.audit), new GrantService(kernel.db, kernel.audit));
  await importRoutes(app, new ImportService(kernel));
}

/**
 * The unified directory (一套目录): regions, the organisation tree, staff, roles and grants within an
 * organisation subtree, with the three administrators kept apart, and imports from CSV or Excel.
 */
export const directoryModule: ModuleDefinition = {
  name: 'directory',
  migrations: sqlMigrations(new URL('./migrations/', import.meta.url)),
  messages: directoryMessages,
  permissions: directoryPermissions,
  routes,
  async onStart(kernel) {
    await new RoleService(kernel.db, kernel.audit).ensureBuiltins();
  },
  seedDemo: seedSampleCity,
};
