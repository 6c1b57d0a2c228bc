import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf, auditFrom } from '../../kernel/http/request-context.js';
import { directoryPolicies as P } from './directory.policies.js';
import { IdParams, Name, Nullable, OrgCode, OrgKindSchema, Paging, RegionCodeSchema, Uuid, Version } from './schemas.js';
import type { NewOrgInput, OrgPatch, OrgService } from './org.service.js';

export function orgRoutes(app: FastifyInstance, orgs: OrgService) {
  app.get('/api/directory/orgs/tree', {
    config: { policy: P.orgTree },
    schema: { tags: ['directory'], summary: 'The organisation tree(s) within the caller\'s scope, nested' },
  }, async (req) => ({ roots: await orgs.tree(actorOf(req)) }));

  app.get('/api/directory/orgs', {
    config: { policy: P.listOrgs },
    schema: {
      tags: ['directory'], summary: 'Search organisations within the caller\'s scope',
      querystring: Type.Object({ parentId: Type.Optional(Uuid), q: Type.Optional(Type.String({ maxLength: 100 })), kind: Type.Optional(OrgKindSchema), ...Paging }, { additionalProperties: false }),
    },
  }, async (req) => {
    const q = req.query as { parentId?: string; q?: string; kind?: string; page?: number; pageSize?: number };
    return orgs.list(actorOf(req), { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 50 });
  });

  app.get('/api/directory/orgs/:id', {
    config: { policy: P.readOrg },
    schema: { tags: ['directory'], summary: 'One organisation (404 outside the caller\'s scope)', params: IdParams },
  }, async (req) => orgs.get(actorOf(req), (req.params as { id: string }).id));

  app.post('/api/directory/orgs', {
    config: { policy: P.createOrg, auditAction: 'directory.org.create' },
    schema: {
      tags: ['directory'], summary: 'Create an organisation under a parent within the caller\'s scope',
      body: Type.Object({
        parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
        code: OrgCode,
        name: Name(100),
        shortName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
        kind: OrgKindSchema,
        regionCode: Type.Optional(Type.Union([RegionCodeSchema, Type.Null()])),
        sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000000 })),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => {
    reply.status(201);
    return orgs.create(actorOf(req), auditFrom(req), req.body as NewOrgInput);
  });

  app.patch('/api/directory/orgs/:id', {
    config: { policy: P.updateOrg, auditAction: 'directory.org.update' },
    schema: {
      tags: ['directory'], summary: 'Change or move an organisation (version required; 409 when stale)',
      params: IdParams,
      body: Type.Object({
        version: Version,
        parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
        name: Type.Optional(Name(100)),
        shortName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
        kind: Type.Optional(OrgKindSchema),
        regionCode: Type.Optional(Type.Union([RegionCodeSchema, Type.Null()])),
        sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000000 })),
        active: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
    },
  }, async (req) => orgs.update(actorOf(req), auditFrom(req), (req.params as { id: string }).id, req.body as OrgPatch));
}
