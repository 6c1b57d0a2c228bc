import type { Kernel } from '../../kernel/kernel.js';

/** What identity tells people (texts in identity.messages.ts under the event names). */
export function defineIdentityEvents(kernel: Kernel): void {
  // Urgent: a code must arrive at night too, and a TD reply does not stop it. Confidential: no administrator reads it.
  kernel.notify.defineEvent('identity.smsCode', { category: 'security', channels: ['sms'], urgent: true, confidential: true });
  kernel.notify.defineEvent('identity.registered', { category: 'service', channels: ['inapp'] });
  // Urgent too: a warning that someone else changed the password is useless the next morning.
  kernel.notify.defineEvent('identity.passwordChanged', { category: 'security', channels: ['inapp', 'sms', 'email'], urgent: true });
}

