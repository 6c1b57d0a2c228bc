import type { Config } from '../../config.js';
import type { Channel, Gateway } from '../gateway.js';

/**
 * The delivery gateways the configuration asks for; a channel not configured keeps the development gateway.
 * (SMTP and the SMS provider adapters are added here.)
 */
export function gatewaysFromConfig(_config: Config): Partial<Record<Channel, Gateway>> {
  return {};
}
