export interface OutgoingMessage {
  id: string;
  channel: 'sms' | 'email' | 'inapp';
  recipient: string;
  body: string;
}

export interface DeliveryResult {
  status: 'sent' | 'delivered' | 'failed';
  error?: string;
}

/** The seam every delivery channel implements (SMS providers, SMTP, in-app). */
export interface Gateway {
  readonly name: string;
  send(msg: OutgoingMessage): Promise<DeliveryResult>;
}

/** Development gateway: delivers nothing outside; the outbox row itself is the record of the message. */
export class DevGateway implements Gateway {
  readonly name = 'dev';
  async send(): Promise<DeliveryResult> {
    return { status: 'delivered' };
  }
}
