import type { ModuleDefinition } from '../../kernel/module.js';

export const directoryModule: ModuleDefinition = {
  name: 'directory',
};
