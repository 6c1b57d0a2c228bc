/**
 * The seam between the notification service (what to send, to whom, when, with which retries) and the
 * delivery channels (how bytes reach an SMTP server or an SMS provider). The service owns the outbox,
 * the job queue, rate limits and quiet hours; a gateway only sends one message and reports what happened.
 */
export type Channel = 'sms' | 'email' | 'inapp';
export const CHANNELS: Channel[] = ['sms', 'email', 'inapp'];

export interface OutgoingMessage {
  /** The outbox row's id: stable across retries (email uses it for Message-ID, SMS providers as OutId). */
  id: string;
  channel: Channel;
  /** Phone number (11 digits) for SMS, address for email. */
  recipient: string;
  /** Email subject; absent for SMS. */
  subject?: string;
  /** The rendered text in the recipient's language. */
  body: string;
  /** The event or template key the text was rendered from (SMS providers map it to a registered template). */
  template: string;
  /** The template's parameters (providers with registered templates send these instead of the text). */
  params: Record<string, unknown>;
  locale: string;
}

export interface DeliveryResult {
  /** 'sent': accepted by the provider, a receipt may follow; 'delivered': final; 'failed': not sent. */
  status: 'sent' | 'delivered' | 'failed';
  /** The provider's id for the message (SMS BizId, SMTP queue id), used to match delivery receipts. */
  providerId?: string;
  /** Why it failed, in words an administrator understands (shown on the office message page). */
  error?: string;
  /**
   * A failure retrying cannot fix (bad address, template not registered, recipient refused by the
   * server with a 5xx): the message is failed at once. Otherwise a failed send is retried with back-off.
   */
  permanent?: boolean;
}

/** The seam every delivery channel implements (SMS providers, SMTP, the development gateway). */
export interface Gateway {
  readonly name: string;
  /** Sends one message. Throwing is the same as a non-permanent failure with the error's message. */
  send(msg: OutgoingMessage): Promise<DeliveryResult>;
  /** Releases pooled connections on shutdown. */
  close?(): Promise<void>;
}

/** A provider's report on a message it accepted earlier (HTTP push from the SMS provider). */
export interface DeliveryReceipt {
  gateway: string;
  providerId: string;
  status: 'delivered' | 'failed';
  /** Provider's error code and text, for failed ones. */
  error?: string;
  at: Date;
}

/** A text message sent by a member of the public to the platform's number (a reply or a keyword query). */
export interface InboundSms {
  gateway: string;
  /** Sender's phone number. */
  from: string;
  text: string;
  /** The extension / destination code the message was sent to, if the provider reports one. */
  to?: string;
  /** Provider's id of the inbound message, to ignore a push repeated by the provider. */
  providerId?: string;
  receivedAt: Date;
}

/** Development gateway: delivers nothing outside; the outbox row itself is the record of the message. */
export class DevGateway implements Gateway {
  readonly name = 'dev';
  async send(): Promise<DeliveryResult> {
    return { status: 'delivered' };
  }
}
