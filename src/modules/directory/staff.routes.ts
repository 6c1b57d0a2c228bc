import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf, auditFrom } from '../../kernel/http/request-context.js';
import { directoryPolicies as P } from './directory.policies.js';
import { Email, IdParams, Name, Nullable, Paging, Phone, Username, Uuid, Version } from './schemas.js';
import type { NewStaffInput, StaffPatch, StaffService } from './staff.service.js';

const Status = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);

export function staffRoutes(app: FastifyInstance, staff: StaffService) {
  app.get('/api/directory/staff', {
    config: { policy: P.listStaff },
    schema: {
      tags: ['directory'], summary: 'Search staff within the caller\'s scope (phone and email masked)',
      querystring: Type.Object({ orgId: Type.Optional(Uuid), q: Type.Optional(Type.String({ maxLength: 100 })), status: Type.Optional(Status), ...Paging }, { additionalProperties: false }),
    },
  }, async (req) => {
    const q = req.query as { orgId?: string; q?: string; status?: string; page?: number; pageSize?: number };
    return staff.list(actorOf(req), { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 50 });
  });

  app.get('/api/directory/staff/:id', {
    config: { policy: P.readStaff },
    schema: { tags: ['directory'], summary: 'A staff member with contact details and roles (the read is audited)', params: IdParams },
  }, async (req) => staff.get(actorOf(req), auditFrom(req), (req.params as { id: string }).id));

  app.post('/api/directory/staff', {
    config: { policy: P.createStaff, auditAction: 'directory.staff.create' },
    schema: {
      tags: ['directory'], summary: 'Create a staff account in an organisation within the caller\'s scope',
      body: Type.Object({
        username: Username,
        displayName: Name(50),
        orgId: Uuid,
        position: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
        phone: Type.Optional(Nullable(Phone)),
        email: Type.Optional(Nullable(Email)),
        initialPassword: Type.String({ minLength: 1, maxLength: 128 }),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => {
    reply.status(201);
    return staff.create(actorOf(req), auditFrom(req), req.body as NewStaffInput);
  });

  app.patch('/api/directory/staff/:id', {
    config: { policy: P.updateStaff, auditAction: 'directory.staff.update' },
    schema: {
      tags: ['directory'], summary: 'Change a staff account; disabling it ends its sessions (version required)',
      params: IdParams,
      body: Type.Object({
        version: Version,
        displayName: Type.Optional(Name(50)),
        position: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
        orgId: Type.Optional(Uuid),
        phone: Type.Optional(Nullable(Phone)),
        email: Type.Optional(Nullable(Email)),
        status: Type.Optional(Status),
      }, { additionalProperties: false }),
    },
  }, async (req) => staff.update(actorOf(req), auditFrom(req), (req.params as { id: string }).id, req.body as StaffPatch));
}
