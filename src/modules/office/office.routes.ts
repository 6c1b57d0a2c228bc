import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Kernel } from '../../kernel/kernel.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { csrfToken } from '../../kernel/http/csrf.js';
import { officePolicies } from './office.policies.js';

/** Where bin/build-office.js puts the built app (the repository's dist/office). */
export const OFFICE_DIST = fileURLToPath(new URL('../../../dist/office/', import.meta.url));

// Hashed file names never change content: browsers may keep them for a year. index.html must be re-read.
const IMMUTABLE = 'public, max-age=31536000, immutable';

export function officeRoutes(dist: string = OFFICE_DIST) {
  return async function routes(app: FastifyInstance, kernel: Kernel) {
    const indexFile = path.join(dist, 'index.html');
    const built = () => fs.existsSync(indexFile);
    if (!built()) app.log.warn(`office app not built: ${indexFile} is missing; run npm run build:office`);

    // Only reply.sendFile: which file answers which URL is decided below, so that client routes fall back to the app.
    await app.register(fastifyStatic, { root: dist, serve: false, wildcard: false, decorateReply: true });

    const sendApp = (req: FastifyRequest, reply: FastifyReply) => {
      if (!built()) throw new AppError(503, 'OFFICE_NOT_BUILT', 'office.notBuilt');
      // The app sends this cookie back as x-csrf-token on every write; setting it here means it always has one.
      csrfToken(req, reply, kernel.config.cookieSecure);
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', dist, { cacheControl: false });
    };

    const opts = { config: { policy: officePolicies.app }, schema: { hide: true } } as const;

    // The router ignores trailing slashes, so /office and /office/ reach the same handler; only the bare one redirects,
    // because the app's relative URLs and its base path need the slash.
    app.get('/office', opts, async (req, reply) => {
      if (!req.url.split('?')[0].endsWith('/')) return reply.redirect('/office/', 301);
      return sendApp(req, reply);
    });

    app.get('/office/*', opts, async (req, reply) => {
      const rest = (req.params as { '*': string })['*'] ?? '';
      if (rest.startsWith('assets/') || rest.startsWith('pdfjs/')) {
        // A missing asset is a 404, not the app: a stale page asking for an old chunk must fail visibly.
        const file = path.resolve(dist, rest);
        if (!file.startsWith(path.resolve(dist) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) throw notFound();
        // Hashed chunks never change; the PDF viewer's character maps and fonts (pdfjs/) change with the package version.
        reply.header('cache-control', rest.startsWith('assets/') ? IMMUTABLE : 'public, max-age=86400');
        return reply.sendFile(rest, dist, { cacheControl: false });
      }
      // Any other path below /office/ is a client route (/office/directory/orgs): the app decides what to show.
      return sendApp(req, reply);
    });
  };
}
