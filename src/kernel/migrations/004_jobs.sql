-- Durable jobs. A job is written in the transaction of the change that asks for it (a rollback enqueues
-- nothing); every server process claims due jobs with FOR UPDATE SKIP LOCKED and holds a lease while it
-- runs one. 'failed' is a failed attempt waiting for its retry at run_at; 'dead' has used every attempt.
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  run_at timestamptz NOT NULL DEFAULT now(),
  locked_by text,
  lease_until timestamptz,
  last_error text,
  dedupe_key text,
  schedule_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- What the workers look for: due jobs, and running jobs whose lease has run out.
CREATE INDEX jobs_due ON jobs (run_at, id) WHERE state IN ('queued', 'failed');
CREATE INDEX jobs_lease ON jobs (lease_until) WHERE state = 'running';
CREATE INDEX jobs_admin ON jobs (state, type, created_at);
-- At most one unfinished job per dedupe key.
CREATE UNIQUE INDEX jobs_dedupe ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ('queued', 'running', 'failed');

-- Recurring work: the schedule tick locks a due row, enqueues its job and advances next_run_at in one transaction.
CREATE TABLE job_schedules (
  name text PRIMARY KEY,
  cron text NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  next_run_at timestamptz NOT NULL,
  last_run_at timestamptz,
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_schedules_due ON job_schedules (next_run_at) WHERE enabled;
