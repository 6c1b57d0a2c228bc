import type { FastifyInstance } from 'fastify';
import type { Catalogs } from './i18n/i18n.js';
import type { Migration } from './db/migrate.js';
import type { PermissionInfo } from './auth/policy.js';
import type { Kernel } from './kernel.js';

/**
 * What a module (or a kernel service with its own API) registers with the kernel. This is a module's
 * only public surface: modules never import each other.
 */
export interface ModuleDefinition {
  name: string;
  migrations?: Migration[];
  messages?: Catalogs;
  permissions?: PermissionInfo[];
  /** Registered inside an encapsulated Fastify plugin: what one module adds is invisible to its siblings. */
  routes?: (app: FastifyInstance, kernel: Kernel) => Promise<void> | void;
  /** Deterministic demo data; runs in the order modules are listed. */
  seedDemo?: (kernel: Kernel, demo: DemoContext) => Promise<void>;
  /** Work to do once the database is migrated (ensure reference rows exist). */
  onStart?: (kernel: Kernel) => Promise<void>;
}

/** Shared facts between demo seeds, e.g. the demo password, and accounts to print at start-up. */
export interface DemoContext {
  password: string;
  accounts: { username: string; role: string; note?: string }[];
}
