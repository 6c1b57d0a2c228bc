import type { FastifyInstance } from 'fastify';
import { type Config } from './kernel/config.js';
import type { Db } from './kernel/db/db.js';
import { migrate } from './kernel/db/migrate.js';
import { openDatabase } from './kernel/db/open.js';
import { buildServer, type ServerOptions } from './kernel/http/server.js';
import { createKernel, type Kernel } from './kernel/kernel.js';
import type { DemoContext, ModuleDefinition } from './kernel/module.js';
import { addMessages } from './kernel/i18n/i18n.js';
import { definePermissions } from './kernel/auth/policy.js';
import { modules } from './modules.js';

export interface Platform {
  kernel: Kernel;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Opens the store, applies migrations and each module's start-up work. */
export async function preparePlatform(config: Config, opts: { db?: Db; dataKey?: Buffer; list?: ModuleDefinition[] } = {}): Promise<Kernel> {
  const list = opts.list ?? modules;
  const db = opts.db ?? (await openDatabase(config));
  const kernel = createKernel(config, db, opts.dataKey);
  for (const m of list) {
    if (m.messages) addMessages(m.messages);
    if (m.permissions) definePermissions(m.permissions);
  }
  await migrate(db, list.filter((m) => m.migrations).map((m) => ({ module: m.name, migrations: m.migrations! })));
  for (const m of list) if (m.onStart) await m.onStart(kernel);
  return kernel;
}

export async function startPlatform(config: Config, opts: { db?: Db; dataKey?: Buffer; server?: ServerOptions } = {}): Promise<Platform> {
  const kernel = await preparePlatform(config, opts);
  const app = await buildServer(kernel, modules, opts.server);
  return {
    kernel,
    app,
    async close() {
      await app.close();
      await kernel.db.close();
    },
  };
}

/** Fills an empty database with the sample city; does nothing if it is already there. */
export async function seedDemo(kernel: Kernel): Promise<DemoContext> {
  const demo: DemoContext = { password: kernel.config.demoPassword, accounts: [] };
  for (const m of modules) if (m.seedDemo) await m.seedDemo(kernel, demo);
  return demo;
}
