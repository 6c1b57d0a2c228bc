import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { ModuleDefinition } from '../module.js';
import type { Kernel } from '../kernel.js';
import { definePolicies, signedIn } from '../auth/policy.js';
import { fieldError, forbidden, notFound } from '../http/errors.js';
import { actorOf, auditFrom } from '../http/request-context.js';
import { filesMessages } from './files.messages.js';

export const filesPolicies = definePolicies('files', {
  upload: signedIn(),
  // Whether the caller may read this file is the use's canRead for the record that owns it (checked in the handler).
  download: signedIn(),
});

/** The largest upload any use may declare; each use's own limit is applied per request. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
const PREVIEWABLE = /^(image\/(png|jpeg|gif|webp)|application\/pdf)$/;

/** `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 / RFC 5987). */
export function contentDisposition(name: string, inline = false): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

async function readUpload(req: FastifyRequest, kernel: Kernel, use: string, maxBytes: number): Promise<{ data: Buffer; name: string }> {
  if (!req.isMultipart()) throw fieldError('file', 'files.file.missing');
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });
  if (!part || part.fieldname !== 'file') {
    part?.file.resume();
    throw fieldError('file', 'files.file.missing');
  }
  try {
    return { data: await part.toBuffer(), name: part.filename };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw kernel.files.tooLarge(use);
    throw err;
  }
}

async function routes(app: FastifyInstance, kernel: Kernel) {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 } });

  app.post('/api/files', {
    config: { policy: filesPolicies.upload },
    schema: {
      tags: ['files'], summary: 'Upload a file for a use (multipart field "file"); type checked by content, size by the use',
      consumes: ['multipart/form-data'],
      querystring: Type.Object({ use: Type.String({ minLength: 3, maxLength: 100, pattern: '^[a-z][a-zA-Z0-9]*(\\.[a-zA-Z0-9]+)+$' }) }),
      response: { 201: Type.Object({ id: Type.String(), size: Type.Integer(), type: Type.String(), name: Type.String() }) },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const useName = (req.query as { use: string }).use;
    const use = kernel.files.useOf(useName);
    if (!use) throw fieldError('use', 'files.use.unknown');
    if (use.canUpload && !use.canUpload(actor)) throw forbidden('files.upload.notAllowed');
    const upload = await readUpload(req, kernel, useName, use.maxBytes);
    const file = await kernel.db.tx(async (tx) => {
      const f = await kernel.files.save(tx, { use: useName, data: upload.data, name: upload.name, uploadedBy: actor.accountId, orgId: actor.orgId });
      await kernel.audit.record(tx, { ...auditFrom(req), action: 'files.upload', targetType: 'file', targetId: f.id, details: { use: f.use, size: f.size, type: f.type } });
      return f;
    });
    return reply.status(201).send({ id: file.id, size: file.size, type: file.type, name: file.name });
  });

  app.get('/api/files/:id/info', {
    config: { policy: filesPolicies.download },
    schema: {
      tags: ['files'], summary: 'What a file is (name, type, size, whether it can be previewed); same rule as the download, 404 otherwise',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      response: {
        200: Type.Object({
          id: Type.String(), name: Type.String(), type: Type.String(), size: Type.Integer(), use: Type.String(),
          createdAt: Type.String(), previewable: Type.Union([Type.Literal('image'), Type.Literal('pdf'), Type.Null()]),
        }),
      },
    },
  }, async (req) => {
    const file = await kernel.files.find(kernel.db, (req.params as { id: string }).id);
    if (!file || !(await kernel.files.mayRead(actorOf(req), file))) throw notFound();
    return {
      id: file.id, name: file.name, type: file.type, size: file.size, use: file.use, createdAt: new Date(file.createdAt).toISOString(),
      previewable: !PREVIEWABLE.test(file.type) ? null : file.type === 'application/pdf' ? 'pdf' as const : 'image' as const,
    };
  });

  app.get('/api/files/:id', {
    config: { policy: filesPolicies.download },
    schema: {
      tags: ['files'], summary: 'Download a file the caller may read (the owning record decides; 404 otherwise). Reads of personal files are audited',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      querystring: Type.Object({ inline: Type.Optional(Type.Boolean()) }),
    },
  }, async (req, reply: FastifyReply) => {
    const actor = actorOf(req);
    const file = await kernel.files.find(kernel.db, (req.params as { id: string }).id);
    if (!file) throw notFound();
    if (!(await kernel.files.mayRead(actor, file))) {
      // The same answer as a missing file, so that existence is not revealed; a refused read of personal data is recorded.
      if (file.personal) await kernel.audit.recordNow({ ...auditFrom(req), action: 'files.download', outcome: 'denied', targetType: 'file', targetId: file.id, details: { use: file.use } });
      throw notFound();
    }
    let stream;
    try {
      stream = await kernel.files.open(file);
    } catch (err) {
      req.log.error({ err, fileId: file.id, hash: file.hash }, 'file row without its blob');
      throw notFound();
    }
    if (file.personal) {
      await kernel.audit.recordNow({ ...auditFrom(req), action: 'files.download', targetType: 'file', targetId: file.id, details: { use: file.use, ownerRef: file.ownerRef } });
    }
    const inline = (req.query as { inline?: boolean }).inline === true && PREVIEWABLE.test(file.type);
    reply.header('content-type', file.type.startsWith('text/') ? `${file.type}; charset=utf-8` : file.type);
    reply.header('content-length', String(file.size));
    reply.header('content-disposition', contentDisposition(file.name, inline));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', 'private, no-store');
    return reply.send(stream);
  });
}

/** The file service's API (the service itself is `kernel.files`). */
export const filesDefinition: ModuleDefinition = {
  name: 'files',
  messages: filesMessages,
  routes,
};
