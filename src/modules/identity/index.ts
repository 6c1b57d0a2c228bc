import type { ModuleDefinition } from '../../kernel/module.js';

export const identityModule: ModuleDefinition = {
  name: 'identity',
};
