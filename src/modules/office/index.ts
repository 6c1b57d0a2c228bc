import type { ModuleDefinition } from '../../kernel/module.js';

export const officeModule: ModuleDefinition = {
  name: 'office',
};
