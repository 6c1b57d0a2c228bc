import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { fieldError } from '../../kernel/http/errors.js';
import { actorOf, auditFrom } from '../../kernel/http/request-context.js';
import { t } from '../../kernel/i18n/i18n.js';
import { directoryPolicies as P } from './directory.policies.js';
import { ORG_COLUMNS, STAFF_COLUMNS } from './import-rows.js';
import type { ImportResult, ImportService } from './import.service.js';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const TEMPLATES = {
  orgs: { file: '机构导入模板.csv', columns: ORG_COLUMNS },
  staff: { file: '工作人员导入模板.csv', columns: STAFF_COLUMNS },
} as const;

/** The uploaded file of the request's `file` field. */
async function uploaded(req: FastifyRequest): Promise<{ data: Buffer; name: string }> {
  if (!req.isMultipart()) throw fieldError('file', 'directory.import.fileMissing');
  for await (const part of req.parts()) {
    if (part.type === 'file' && part.fieldname === 'file') return { data: await part.toBuffer(), name: part.filename.slice(0, 200) };
    if (part.type === 'file') part.file.resume();
  }
  throw fieldError('file', 'directory.import.fileMissing');
}

/**
 * Presents an import: the row-by-row report in the caller's language. When nothing could be imported
 * the answer is a 400 that still carries the report.
 */
function present(req: FastifyRequest, reply: FastifyReply, r: ImportResult, note?: string) {
  const errors = r.errors.map((e) => ({ row: e.row, field: e.field, message: t(req.locale, e.key, e.params) }));
  if (r.imported === 0) {
    return reply.status(400).send({
      error: { code: 'VALIDATION', message: t(req.locale, 'directory.import.nothingImported'), fields: errors.map((e) => ({ field: `row${e.row}.${e.field}`, message: e.message })) },
      imported: 0, errors,
    });
  }
  return reply.send({ imported: r.imported, errors, ...(note ? { note } : {}) });
}

export async function importRoutes(app: FastifyInstance, imports: ImportService) {
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, parts: 10 } });

  const response = {
    200: Type.Object({
      imported: Type.Integer(),
      errors: Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String() })),
      note: Type.Optional(Type.String()),
    }),
  };

  app.post('/api/directory/import/orgs', {
    config: { policy: P.importOrgs, auditAction: 'directory.import.orgs' },
    schema: { tags: ['directory'], summary: 'Import organisations from CSV or .xlsx (multipart field "file"); row-by-row report', consumes: ['multipart/form-data'], response },
  }, async (req, reply) => {
    const file = await uploaded(req);
    return present(req, reply, await imports.importOrgs(actorOf(req), auditFrom(req), file.data, file.name));
  });

  app.post('/api/directory/import/staff', {
    config: { policy: P.importStaff, auditAction: 'directory.import.staff' },
    schema: { tags: ['directory'], summary: 'Import staff from CSV or .xlsx (multipart field "file"); each gets a random, unseen initial password', consumes: ['multipart/form-data'], response },
  }, async (req, reply) => {
    const file = await uploaded(req);
    return present(req, reply, await imports.importStaff(actorOf(req), auditFrom(req), file.data, file.name), t(req.locale, 'directory.staff.importPasswordNote'));
  });

  app.get('/api/directory/import/templates/:kind', {
    config: { policy: P.importTemplate },
    schema: {
      tags: ['directory'], summary: 'Download an import template (CSV, UTF-8 with BOM so that Excel reads the Chinese headers)',
      params: Type.Object({ kind: Type.Union([Type.Literal('orgs'), Type.Literal('staff')], { 'x-message': 'directory.import.kindUnknownTemplate' }) }),
    },
  }, async (req, reply) => {
    const template = TEMPLATES[(req.params as { kind: 'orgs' | 'staff' }).kind];
    const header = template.columns.map((c) => c.names[0]).join(',');
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${(req.params as { kind: string }).kind}.csv"; filename*=UTF-8''${encodeURIComponent(template.file)}`);
    return reply.send(`\uFEFF${header}\r\n`);
  });
}
