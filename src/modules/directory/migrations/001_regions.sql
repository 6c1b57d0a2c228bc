-- Administrative regions (行政区划), GB/T 2260 down to counties and the 12-digit statistical code below:
-- 2 digits province, 4 prefecture, 6 county, 9 town, 12 village. The code carries its own parent.
CREATE TABLE regions (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$'),
  name text NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  parent_code text REFERENCES regions(code),
  sort integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((level = 1) = (parent_code IS NULL))
);
CREATE INDEX regions_parent ON regions (parent_code, code);
CREATE INDEX orgs_region ON orgs (region_code);
