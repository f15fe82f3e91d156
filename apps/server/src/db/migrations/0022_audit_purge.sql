CREATE TABLE "audit_purges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"through_seq" bigint NOT NULL,
	"through_hash" text NOT NULL,
	"purged_rows" integer NOT NULL,
	"cutoff" timestamp with time zone NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_purges_through_seq_uq" ON "audit_purges" USING btree ("through_seq");--> statement-breakpoint
-- Purging the audit log after its retention (security.md, Audit: "purge only by the 审计员 after
-- retention, itself audited"). The log stays append-only for every statement but one: the DELETE
-- inside audit_purge() below, which sets a transaction-local marker naming the last seq it may
-- remove and clears it again before it returns. On PostgreSQL the API's role has no DELETE
-- privilege on audit_log at all (db-roles.ts), so the marker alone gives it nothing; the function
-- runs as its owner (SECURITY DEFINER) and is the only way the API reaches a delete.
CREATE OR REPLACE FUNCTION audit_log_reject_change() RETURNS trigger AS $$
BEGIN
  -- Unset or cleared, the marker is null and the comparison with it is not true.
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_log'
     AND OLD.seq <= nullif(current_setting('xc.audit_purge_through', true), '')::bigint THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- The purge records are append-only too: the remaining chain starts from one of them.
CREATE TRIGGER audit_purges_no_update_delete BEFORE UPDATE OR DELETE ON audit_purges
  FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
--> statement-breakpoint
CREATE TRIGGER audit_purges_no_truncate BEFORE TRUNCATE ON audit_purges
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change();
--> statement-breakpoint
-- Deletes the contiguous prefix of the chain up to the last row older than p_cutoff (rows are
-- appended in time order, so that is every row before the cutoff) and records where it ended: the
-- first remaining row links to through_hash, so the chain still verifies. Refuses a cutoff inside
-- the retention period by the database's own clock, and a retention under the 180-day floor, so
-- that a caller with a wrong clock or setting cannot purge early. Takes the chain's lock
-- (platform/audit.ts AUDIT_LOCK) so no event is appended in between. Returns the rows removed.
CREATE OR REPLACE FUNCTION audit_purge(p_cutoff timestamptz, p_min_age_days integer, p_actor_id uuid, p_actor_name text)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_through bigint;
  v_hash text;
  v_count integer;
BEGIN
  IF p_cutoff IS NULL OR p_min_age_days IS NULL THEN
    RAISE EXCEPTION 'audit_purge: cutoff and retention are required' USING ERRCODE = '22023';
  END IF;
  IF p_min_age_days < 180 THEN
    RAISE EXCEPTION 'audit_purge: retention of % days is under the 180-day floor', p_min_age_days
      USING ERRCODE = '22023';
  END IF;
  IF p_cutoff > now() - make_interval(days => p_min_age_days) THEN
    RAISE EXCEPTION 'audit_purge: cutoff % is inside the retention period of % days', p_cutoff, p_min_age_days
      USING ERRCODE = '22023';
  END IF;
  PERFORM pg_advisory_xact_lock(72657001);
  SELECT max(seq) INTO v_through FROM audit_log WHERE at < p_cutoff;
  IF v_through IS NULL THEN
    RETURN 0;
  END IF;
  SELECT hash INTO v_hash FROM audit_log WHERE seq = v_through;
  PERFORM set_config('xc.audit_purge_through', v_through::text, true);
  DELETE FROM audit_log WHERE seq <= v_through;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  PERFORM set_config('xc.audit_purge_through', '', true);
  INSERT INTO audit_purges (id, through_seq, through_hash, purged_rows, cutoff, at, actor_id, actor_name)
    VALUES (gen_random_uuid(), v_through, v_hash, v_count, p_cutoff, now(), p_actor_id, p_actor_name);
  RETURN v_count;
END;
$$;
--> statement-breakpoint
-- Functions are executable by PUBLIC by default; this one only by its owner and the API's role
-- (granted in db-roles.ts).
REVOKE ALL ON FUNCTION audit_purge(timestamptz, integer, uuid, text) FROM PUBLIC;
