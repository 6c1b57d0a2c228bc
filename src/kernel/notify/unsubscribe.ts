import type { Kernel } from '../kernel.js';
import { isMobilePhone } from '../identifiers/phone.js';
import type { InboundHandler } from './inbound.js';

/** 回复 TD / 退订: the standard way to stop notice texts in China (验证码 and security alerts still come). */
export const UNSUBSCRIBE_KEYWORDS = ['TD', 'T', '退订'];

/**
 * Turns off non-urgent SMS for every account with the sender's number (and for the number itself),
 * audits it as the account holder's own act, and confirms with one urgent SMS.
 */
export function unsubscribeBySms(kernel: Kernel): InboundHandler {
  return async (sms, tx) => {
    const accounts = await kernel.notify.inbox.unsubscribeSms(tx, sms.from);
    for (const a of accounts) {
      await kernel.audit.record(tx, {
        action: 'notify.preferences.unsubscribe', actorId: a.id, actorName: a.username, orgId: a.org_id,
        targetType: 'account', targetId: a.id, details: { via: 'sms', keyword: sms.keyword },
      });
    }
    if (isMobilePhone(sms.from)) await kernel.notify.tell(tx, { event: 'notify.unsubscribed', to: { phone: sms.from } });
  };
}
