import { anyone, definePolicies } from '../../kernel/auth/policy.js';

/** The office app's shell is public: it holds no data; every API call it makes is checked on its own. */
export const officePolicies = definePolicies('office', {
  app: anyone(),
});
