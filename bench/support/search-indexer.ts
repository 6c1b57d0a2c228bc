// One indexing process of the search bench: feeds documents [from, to) of the generated corpus through
// kernel.search.indexMany, one transaction per batch, as a module's import would, then reports to the parent.
import { openPostgres } from '../../src/kernel/db/postgres.js';
import { AuditService } from '../../src/kernel/audit/audit.service.js';
import { SearchService } from '../../src/kernel/search/search.service.js';
import { benchDocument } from './search-corpus.js';

const [url, fromArg, toArg, orgsJson, batchArg] = process.argv.slice(2);
const [from, to, batch] = [Number(fromArg), Number(toArg), Number(batchArg)];
const orgIds = JSON.parse(orgsJson) as string[];
const db = await openPostgres(url, 2);
const search = new SearchService(db, new AuditService(db, 1, Buffer.alloc(16)));
for (let i = from; i < to; i += batch) {
  const docs: ReturnType<typeof benchDocument>[] = [];
  for (let k = i; k < Math.min(to, i + batch); k++) docs.push(benchDocument(k, orgIds));
  await db.tx((tx) => search.indexMany(tx, docs));
  if (process.send && (i - from) % (batch * 20) === 0) process.send({ progress: Math.min(to, i + batch) - from });
}
await db.close();
process.send?.({ done: to - from });
