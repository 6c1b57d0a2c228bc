import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { anyone, definePolicies, permittedAtRoot } from '../auth/policy.js';
import { auditFrom } from '../http/request-context.js';
import type { Kernel } from '../kernel.js';

export const SYNONYM_MANAGE = 'search.synonym.manage';

export const searchPolicies = definePolicies('search', {
  // Public: what a caller sees depends on who they are (the session, if any, widens it), decided in SQL.
  query: anyone(),
  // Synonyms change every department's results: only a whole-tree system administrator edits them.
  listSynonyms: permittedAtRoot(SYNONYM_MANAGE),
  createSynonym: permittedAtRoot(SYNONYM_MANAGE),
  updateSynonym: permittedAtRoot(SYNONYM_MANAGE),
  deleteSynonym: permittedAtRoot(SYNONYM_MANAGE),
});

const SOURCE = '^[a-z][a-zA-Z0-9]*(\\.[a-zA-Z0-9]+)+$';
const Day = Type.String({ format: 'date', 'x-message': 'search.date.invalid' });
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const SynonymBody = {
  term: Type.String({ minLength: 1, maxLength: 20, 'x-message': 'search.synonym.term.invalid' }),
  synonyms: Type.Array(Type.String({ minLength: 1, maxLength: 30, 'x-message': 'search.synonym.synonyms.invalid' }), { minItems: 1, maxItems: 20, 'x-message': 'search.synonym.synonyms.required' }),
};

export async function searchRoutes(app: FastifyInstance, kernel: Kernel) {
  app.get('/api/search', {
    config: { policy: searchPolicies.query },
    schema: {
      tags: ['search'],
      summary: 'Full-text search over everything the caller may see: total, ranked items with highlighted snippets, facets',
      querystring: Type.Object({
        q: Type.String({ minLength: 1, maxLength: 100, 'x-message': 'search.q.length' }),
        source: Type.Optional(Type.String({ maxLength: 100, pattern: SOURCE, 'x-message': 'search.source.invalid' })),
        org: Type.Optional(Type.String({ format: 'uuid' })),
        from: Type.Optional(Day),
        to: Type.Optional(Day),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
      }),
    },
  }, async (req) => {
    const q = req.query as { q: string; source?: string; org?: string; from?: string; to?: string; page?: number; pageSize?: number };
    // A sign-in still waiting for its second factor sees what the public sees.
    const actor = req.sessionStage === 'full' ? req.actor : null;
    return kernel.search.query(actor, {
      q: q.q, source: q.source, orgId: q.org, from: q.from, to: q.to, page: q.page ?? 1, pageSize: q.pageSize ?? 10, locale: req.locale,
    });
  });

  app.get('/api/search/synonyms', {
    config: { policy: searchPolicies.listSynonyms },
    schema: {
      tags: ['search'], summary: 'Synonyms used to widen queries (社保 → 社会保障)',
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 30 })),
        page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
      }, { additionalProperties: false }),
    },
  }, async (req) => {
    const q = req.query as { q?: string; page?: number; pageSize?: number };
    return kernel.search.synonyms.list({ q: q.q?.trim() || undefined, page: q.page ?? 1, pageSize: q.pageSize ?? 50 });
  });

  app.post('/api/search/synonyms', {
    config: { policy: searchPolicies.createSynonym },
    schema: { tags: ['search'], summary: 'Add a word and its synonyms (audited)', body: Type.Object(SynonymBody, { additionalProperties: false }) },
  }, async (req, reply) => {
    const body = req.body as { term: string; synonyms: string[] };
    return reply.status(201).send(await kernel.search.synonyms.create(auditFrom(req), body));
  });

  app.put('/api/search/synonyms/:id', {
    config: { policy: searchPolicies.updateSynonym },
    schema: {
      tags: ['search'], summary: 'Change a word\'s synonyms; `version` must be the current one (audited)', params: IdParams,
      body: Type.Object({ ...SynonymBody, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
    },
  }, async (req) => {
    const body = req.body as { term: string; synonyms: string[]; version: number };
    return kernel.search.synonyms.update(auditFrom(req), (req.params as { id: string }).id, body);
  });

  app.delete('/api/search/synonyms/:id', {
    config: { policy: searchPolicies.deleteSynonym },
    schema: { tags: ['search'], summary: 'Remove a word\'s synonyms (audited)', params: IdParams },
  }, async (req, reply) => {
    await kernel.search.synonyms.remove(auditFrom(req), (req.params as { id: string }).id);
    return reply.status(204).send();
  });
}
