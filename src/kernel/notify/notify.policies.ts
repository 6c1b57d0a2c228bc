import { definePolicies, permitted, permittedAtRoot, signedIn } from '../auth/policy.js';

export const notifyPolicies = definePolicies('notify', {
  // Everyone signed in has an inbox and choices of their own; the handlers only ever touch the caller's.
  inbox: signedIn(),
  preferences: signedIn(),
  // Messages of every department pass through one outbox: only a whole-tree administrator searches it.
  outbox: permittedAtRoot('notify.outbox.read'),
  manage: permittedAtRoot('notify.outbox.manage'),
  // Scoped: the service checks the target organisation (a region needs a root grant).
  announce: permitted('notify.announce'),
});
