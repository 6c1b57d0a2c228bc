import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf, auditFrom } from '../../kernel/http/request-context.js';
import { directoryPolicies as P } from './directory.policies.js';
import { IdParams, Name, Paging, Uuid, Version } from './schemas.js';
import type { RoleService } from './role.service.js';
import type { GrantService } from './grant.service.js';

const Permissions = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 });

export function roleRoutes(app: FastifyInstance, roles: RoleService, grants: GrantService) {
  app.get('/api/directory/roles', {
    config: { policy: P.listRoles },
    schema: { tags: ['directory'], summary: 'Roles with their permissions and administrator kind' },
  }, async () => ({ items: await roles.list() }));

  app.get('/api/directory/permissions', {
    config: { policy: P.listPermissions },
    schema: { tags: ['directory'], summary: 'The permission catalogue with domains (system, security, audit, business)' },
  }, async (req) => ({ items: roles.permissions(req.locale) }));

  app.post('/api/directory/roles', {
    config: { policy: P.createRole, auditAction: 'directory.role.create' },
    schema: {
      tags: ['directory'], summary: 'Create a role (permissions all of one administrator domain, or all business)',
      body: Type.Object({
        code: Type.String({ pattern: '^[a-z][a-zA-Z0-9]{1,39}$', 'x-message': 'directory.validation.roleCode' }),
        name: Name(50),
        description: Type.Optional(Type.String({ maxLength: 500 })),
        permissions: Permissions,
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => {
    reply.status(201);
    return roles.create(auditFrom(req), req.body as { code: string; name: string; description?: string; permissions: string[] });
  });

  app.patch('/api/directory/roles/:id', {
    config: { policy: P.updateRole, auditAction: 'directory.role.update' },
    schema: {
      tags: ['directory'], summary: 'Change a role (not a built-in one; version required)',
      params: IdParams,
      body: Type.Object({ version: Version, name: Type.Optional(Name(50)), description: Type.Optional(Type.String({ maxLength: 500 })), permissions: Type.Optional(Permissions) }, { additionalProperties: false }),
    },
  }, async (req) => roles.update(auditFrom(req), (req.params as { id: string }).id, req.body as { version: number; name?: string; description?: string; permissions?: string[] }));

  app.delete('/api/directory/roles/:id', {
    config: { policy: P.deleteRole, auditAction: 'directory.role.delete' },
    schema: { tags: ['directory'], summary: 'Delete a role that is not built in and not granted', params: IdParams },
  }, async (req, reply) => {
    await roles.delete(auditFrom(req), (req.params as { id: string }).id);
    return reply.status(204).send();
  });

  app.get('/api/directory/grants', {
    config: { policy: P.listGrants },
    schema: {
      tags: ['directory'], summary: 'Grants within the caller\'s granting scope',
      querystring: Type.Object({ accountId: Type.Optional(Uuid), orgId: Type.Optional(Uuid), roleId: Type.Optional(Uuid), ...Paging }, { additionalProperties: false }),
    },
  }, async (req) => {
    const q = req.query as { accountId?: string; orgId?: string; roleId?: string; page?: number; pageSize?: number };
    return grants.list(actorOf(req), { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 50 });
  });

  app.post('/api/directory/grants', {
    config: { policy: P.createGrant, auditAction: 'directory.grant.create' },
    schema: {
      tags: ['directory'], summary: 'Grant a role to a staff member within an organisation subtree',
      body: Type.Object({ accountId: Uuid, roleId: Uuid, orgId: Uuid }, { additionalProperties: false }),
    },
  }, async (req, reply) => {
    reply.status(201);
    return grants.create(actorOf(req), auditFrom(req), req.body as { accountId: string; roleId: string; orgId: string });
  });

  app.delete('/api/directory/grants/:id', {
    config: { policy: P.deleteGrant, auditAction: 'directory.grant.revoke' },
    schema: { tags: ['directory'], summary: 'Revoke a grant', params: IdParams },
  }, async (req, reply) => {
    await grants.revoke(actorOf(req), auditFrom(req), (req.params as { id: string }).id);
    return reply.status(204).send();
  });
}
