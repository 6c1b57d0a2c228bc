import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../i18n/i18n.js';
import { AppError, type FieldError } from './errors.js';
import type { Kernel } from '../kernel.js';

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, any>;
  message?: string;
  parentSchema?: Record<string, any>;
}

/** Turns schema validation errors into field errors with messages the user understands. */
export function fieldErrorsFromValidation(errors: AjvError[], context: string | undefined): FieldError[] {
  // A union reports once per branch and once for itself; the user needs one message per field.
  const relevant = errors.filter((e, _i, all) => !(e.keyword === 'const' || (e.keyword === 'type' && all.some((o) => o.keyword === 'anyOf' && o.instancePath === e.instancePath))));
  const seen = new Set<string>();
  return relevant.map((e) => {
    let field = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (e.keyword === 'required') field = field ? `${field}.${e.params.missingProperty}` : e.params.missingProperty;
    if (e.keyword === 'additionalProperties') field = field ? `${field}.${e.params.additionalProperty}` : e.params.additionalProperty;
    if (!field && context && context !== 'body') field = context;
    // A schema may name its own message: { 'x-message': 'identity.idNumber.format' }.
    const custom = e.parentSchema?.['x-message'];
    const key = custom && e.keyword !== 'required' ? custom : `validation.${keywordKey(e.keyword, e.parentSchema)}`;
    return { field, key, params: { limit: e.params.limit } };
  }).filter((f) => !seen.has(f.field) && seen.add(f.field));
}

function keywordKey(keyword: string, schema?: Record<string, any>): string {
  if (keyword === 'additionalProperties') return 'additional';
  if (keyword === 'format' && schema?.format === 'date') return 'date';
  if (['required', 'type', 'minLength', 'maxLength', 'pattern', 'format', 'enum', 'minimum', 'maximum'].includes(keyword)) return keyword;
  if (keyword === 'const' || keyword === 'anyOf') return 'enum';
  return 'type';
}

/** One error format for every API operation: { error: { code, message, fields: [{ field, message }] } }. */
export function installErrorHandling(app: FastifyInstance, kernel: Kernel) {
  const send = (req: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string, fields: FieldError[] = []) => {
    const body = { error: { code, message, fields: fields.map((f) => ({ field: f.field, message: t(req.locale, f.key, f.params) })) } };
    if (!req.url.startsWith('/api') && kernel.renderErrorPage && req.method === 'GET') {
      return reply.status(status).type('text/html; charset=utf-8').send(kernel.renderErrorPage(status, message, req.locale));
    }
    return reply.status(status).send(body);
  };

  app.setErrorHandler((err: FastifyError & { validation?: AjvError[]; validationContext?: string }, req, reply) => {
    const locale = req.locale ?? 'zh-CN';
    if (err instanceof AppError) {
      return send(req, reply, err.status, err.code, t(locale, err.key, err.params), err.fields);
    }
    if (err.validation) {
      return send(req, reply, 400, 'VALIDATION', t(locale, 'error.validation'), fieldErrorsFromValidation(err.validation, err.validationContext));
    }
    if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') return send(req, reply, 413, 'TOO_LARGE', t(locale, 'error.payloadTooLarge'));
    if (err.statusCode === 429) return send(req, reply, 429, 'TOO_MANY', t(locale, 'error.tooMany'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(req, reply, err.statusCode, 'BAD_REQUEST', t(locale, 'error.badRequest'));
    }
    req.log.error({ err }, 'unhandled error');
    return send(req, reply, 500, 'INTERNAL', t(locale, 'error.internal'));
  });

  app.setNotFoundHandler((req, reply) => send(req, reply, 404, 'NOT_FOUND', t(req.locale ?? 'zh-CN', 'error.notFound')));
}
