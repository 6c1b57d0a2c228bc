-- The search index. The application segments the text (jieba) and writes the vectors; PostgreSQL only
-- stores and matches them, with no text-search configuration and no extension, so PGlite and PostgreSQL
-- behave the same. Two tables:
--   search_documents  one row per document any module feeds (source + ref name it there): what a result
--                     shows, and `head`, the title (weight A) with 文号 and fields (B) with positions, for ranking;
--   search_index      a narrow row per document with everything a query filters on and the full vector
--                     (title, fields and body lexemes, no positions; stored out of line). Narrow rows keep the
--                     GIN index's matches on few, cached pages; the vector is read only by the recent-first scan.
CREATE TABLE search_documents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source text NOT NULL,
  ref text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  doc_number text,
  fields jsonb NOT NULL DEFAULT '{}',
  url text NOT NULL,
  -- No foreign key: orgs are never deleted, and the index must not hold up a directory change. Names and
  -- paths are read from orgs when searching, so a renamed or moved organisation is shown as it is now.
  org_id uuid,
  visibility text NOT NULL CHECK (visibility IN ('public', 'staff', 'org')),
  published_at timestamptz,
  updated_at timestamptz NOT NULL,
  -- The date shown and sorted by: publication, or the last change of something not yet published.
  sort_at timestamptz NOT NULL,
  locale text NOT NULL DEFAULT 'zh-CN',
  head tsvector NOT NULL,
  -- Which full reindex last wrote the row (null: written by the module's own change), and when.
  reindex_run uuid,
  indexed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT search_documents_source_ref UNIQUE (source, ref)
);

CREATE TABLE search_index (
  doc_id bigint PRIMARY KEY REFERENCES search_documents (id) ON DELETE CASCADE,
  source text NOT NULL,
  org_id uuid,
  visibility text NOT NULL,
  published_at timestamptz,
  sort_at timestamptz NOT NULL,
  -- China calendar year of sort_at, for the year facet.
  year smallint NOT NULL,
  -- Every lexeme of title, fields and body, plus one for the month of sort_at ('@m202603'): a query for
  -- a common word asks the GIN index for the recent months only, so it never reads most of the table.
  tsv tsvector NOT NULL
);
-- Most-common-lexeme statistics decide between the GIN index and the recent-first scan.
ALTER TABLE search_index ALTER COLUMN tsv SET STATISTICS 1000;
-- A fine date histogram sizes the window of recent months a common word is looked for in.
ALTER TABLE search_index ALTER COLUMN sort_at SET STATISTICS 1000;
CREATE INDEX search_index_tsv ON search_index USING gin (tsv);
CREATE INDEX search_index_sort ON search_index (sort_at DESC, doc_id DESC);
CREATE INDEX search_index_org ON search_index (org_id, sort_at DESC);
CREATE INDEX search_index_source ON search_index (source, sort_at DESC);

-- Synonyms administrators edit: a query word and the words it also finds (社保 → 社会保障).
CREATE TABLE search_synonyms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  term text NOT NULL,
  synonyms text[] NOT NULL CHECK (cardinality(synonyms) BETWEEN 1 AND 20),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  CONSTRAINT search_synonyms_term UNIQUE (term)
);

-- Bumped in the transaction of every synonym change: each process compares it with the version of the
-- synonyms it holds in memory, so a change made on one server is used by all of them at their next query.
CREATE TABLE search_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  synonyms_version bigint NOT NULL DEFAULT 0
);
INSERT INTO search_state (id) VALUES (true);
