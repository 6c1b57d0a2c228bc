import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { auditFrom } from '../../kernel/http/request-context.js';
import { directoryPolicies as P } from './directory.policies.js';
import { Name, RegionCodeSchema } from './schemas.js';
import type { RegionService } from './region.service.js';

export function regionRoutes(app: FastifyInstance, regions: RegionService) {
  app.get('/api/directory/regions', {
    config: { policy: P.listRegions },
    schema: {
      tags: ['directory'], summary: 'Child regions of a region (provinces when no parent is given)',
      querystring: Type.Object({ parent: Type.Optional(Type.String({ maxLength: 12 })) }, { additionalProperties: false }),
    },
  }, async (req) => ({ items: await regions.children((req.query as { parent?: string }).parent) }));

  app.get('/api/directory/regions/:code', {
    config: { policy: P.readRegion },
    schema: { tags: ['directory'], summary: 'A region with its ancestors', params: Type.Object({ code: Type.String({ maxLength: 12 }) }) },
  }, async (req) => regions.get((req.params as { code: string }).code));

  app.post('/api/directory/regions', {
    config: { policy: P.createRegion, auditAction: 'directory.region.create' },
    schema: {
      tags: ['directory'], summary: 'Add a region (GB/T 2260 code; its parent is given by the leading digits)',
      body: Type.Object({
        code: RegionCodeSchema,
        name: Name(100),
        parentCode: Type.Optional(Type.Union([RegionCodeSchema, Type.Null()])),
        sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000000 })),
      }, { additionalProperties: false }),
    },
  }, async (req, reply) => {
    reply.status(201);
    return regions.create(auditFrom(req), req.body as { code: string; name: string; parentCode?: string | null; sort?: number });
  });

  app.patch('/api/directory/regions/:code', {
    config: { policy: P.updateRegion, auditAction: 'directory.region.update' },
    schema: {
      tags: ['directory'], summary: 'Rename a region',
      params: Type.Object({ code: Type.String({ maxLength: 12 }) }),
      body: Type.Object({
        name: Type.Optional(Name(100)),
        sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000000 })),
        // Required, like every other update: two administrators renaming at once must not overwrite each other silently.
        version: Type.Integer({ minimum: 1 }),
      }, { additionalProperties: false }),
    },
  }, async (req) => regions.update(auditFrom(req), (req.params as { code: string }).code, req.body as { name?: string; sort?: number; version: number }));
}
