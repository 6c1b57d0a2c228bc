import type { ModuleDefinition } from '../../kernel/module.js';

export const portalModule: ModuleDefinition = {
  name: 'portal',
};
