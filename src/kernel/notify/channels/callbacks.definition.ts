import crypto from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ModuleDefinition } from '../../module.js';
import type { Kernel } from '../../kernel.js';
import { anyone, definePolicies } from '../../auth/policy.js';
import { AppError, notFound } from '../../http/errors.js';
import { inboundFromUp, receiptsFromReport, smsReportSchema, smsUpSchema, type SmsReport, type SmsUp } from './aliyun-sms.callbacks.js';
import { callbackMessages } from './channels.messages.js';

export const callbackPolicies = definePolicies('notifyCallbacks', {
  // The SMS provider calls these, with no account: the secret path token (SMS_CALLBACK_TOKEN) is what
  // keeps anyone else from forging receipts or inbound messages.
  aliyunReport: anyone(),
  aliyunUp: anyone(),
});

/** Aliyun's expected answer: HTTP 200 with a numeric code; anything else is pushed again later. */
const ACK = { code: 0, msg: '成功' };
const params = Type.Object({ token: Type.String({ maxLength: 200 }) });
const ack = Type.Object({ code: Type.Integer(), msg: Type.String() });

/** A wrong or missing token answers like an unknown address, before the body is even looked at. */
function requireToken(kernel: Kernel) {
  return async (req: FastifyRequest) => {
    const expected = kernel.config.smsCallbackToken;
    const given = (req.params as { token?: string }).token ?? '';
    const a = crypto.createHash('sha256').update(given).digest();
    const b = crypto.createHash('sha256').update(expected ?? '').digest();
    if (!expected || !crypto.timingSafeEqual(a, b)) throw notFound();
  };
}

/** The core failed to take the push (database down): 503, so that Aliyun pushes it again. */
async function handOver(work: () => Promise<void>): Promise<typeof ACK> {
  try {
    await work();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(503, 'UNAVAILABLE', 'notifyCallbacks.unavailable');
  }
  return ACK;
}

async function routes(app: FastifyInstance, kernel: Kernel) {
  const preValidation = requireToken(kernel);

  app.post('/api/notify/callbacks/aliyun/:token/report', {
    config: { policy: callbackPolicies.aliyunReport },
    preValidation,
    schema: {
      tags: ['notify'], summary: 'Aliyun SMS delivery reports (SmsReport HTTP push); the path carries SMS_CALLBACK_TOKEN',
      params, body: smsReportSchema, response: { 200: ack },
    },
  }, async (req) => handOver(async () => {
    for (const receipt of receiptsFromReport(req.body as SmsReport)) await kernel.notify.recordReceipt(receipt);
  }));

  app.post('/api/notify/callbacks/aliyun/:token/up', {
    config: { policy: callbackPolicies.aliyunUp },
    preValidation,
    schema: {
      tags: ['notify'], summary: 'Aliyun SMS inbound messages (SmsUp HTTP push); the path carries SMS_CALLBACK_TOKEN',
      params, body: smsUpSchema, response: { 200: ack },
    },
  }, async (req) => handOver(async () => {
    for (const sms of inboundFromUp(req.body as SmsUp)) await kernel.notify.receiveInbound(sms);
  }));
}

/** The provider callback routes: a definition of their own, listed after the notification service's. */
export const notifyCallbacksDefinition: ModuleDefinition = {
  name: 'notify-callbacks',
  messages: callbackMessages,
  routes,
};
