import { anyone, definePolicies, signedIn } from '../../kernel/auth/policy.js';

/** Portal pages are public (they show only what the government publishes), except a person's own messages. */
export const portalPolicies = definePolicies('portal', {
  home: anyone(),
  departments: anyone(),
  calendar: anyone(),
  display: anyone(),
  // What a visitor finds depends on who they are; the search service decides that in SQL.
  search: anyone(),
  asset: anyone(),
  // The inbox page: a citizen's or enterprise's own messages (staff read theirs in the office app).
  messages: signedIn(['citizen', 'enterprise']),
});
