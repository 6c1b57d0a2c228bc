import { anyone, definePolicies, permitted, signedIn } from '../../kernel/auth/policy.js';

/** Every operation of the identity module and who may call it (checked by the kernel before any handler). */
export const identityPolicies = definePolicies('identity', {
  sendSmsCode: anyone(),
  register: anyone(),
  resetPassword: anyone(),
  login: anyone(),
  // A sign-in waiting for its second factor may only present it, or give up.
  verifyTotp: signedIn(undefined, ['mfa']),
  enrolTotp: signedIn(undefined, ['enrol']),
  logout: signedIn(undefined, ['mfa', 'enrol']),
  session: signedIn(undefined, ['mfa', 'enrol']),
  changePassword: signedIn(),
  ownAccount: signedIn(['citizen', 'enterprise']),
  agents: signedIn(['enterprise']),
  represented: signedIn(['citizen']),
  readAccounts: permitted('security.account.read'),
  unlockAccount: permitted('security.account.unlock'),
  resetAccount: permitted('security.account.reset'),
  portalPage: anyone(),
  accountPage: signedIn(['citizen', 'enterprise']),
  agentsPage: signedIn(['enterprise']),
});
