import { anyone, definePolicies } from '../../kernel/auth/policy.js';

/** Every portal page is public: it shows only what the government publishes. */
export const portalPolicies = definePolicies('portal', {
  home: anyone(),
  departments: anyone(),
  calendar: anyone(),
  display: anyone(),
  asset: anyone(),
});
