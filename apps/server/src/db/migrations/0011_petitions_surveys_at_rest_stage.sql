-- Issue 10: report texts, messages, file names, event notes and free-text survey answers move to
-- SM4-GCM columns, and survey answers lose the token key that tied them to a printed slip. SQL
-- cannot encrypt (the keys live in the key file, outside the database), so the clear values wait
-- in at_rest_pending until the server's first start seals them (ops/rotate-keys.ts
-- sealPendingFields: each row's values are encrypted into its *_enc columns and its pending rows
-- deleted in one transaction, so the work is idempotent and resumes after an interruption). The
-- next migration drops the clear columns.
CREATE TABLE IF NOT EXISTS "at_rest_pending" (
	"tbl" text NOT NULL,
	"row_id" uuid NOT NULL,
	"col" text NOT NULL,
	"value" text NOT NULL,
	PRIMARY KEY ("tbl", "row_id", "col")
);--> statement-breakpoint
INSERT INTO "at_rest_pending" ("tbl", "row_id", "col", "value")
SELECT 'petitions', p."id", c."col", c."value"
FROM "petitions" p,
	LATERAL (VALUES
		('content', p."content"),
		('subject_name', p."subject_name"),
		('subject_post', p."subject_post"),
		('subject_org', p."subject_org"),
		('happened_when', p."happened_when"),
		('place', p."place"),
		('forward_to', p."forward_to"),
		('decision_note', p."decision_note")
	) AS c("col", "value")
WHERE c."value" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "at_rest_pending" ("tbl", "row_id", "col", "value")
SELECT 'petition_messages', "id", 'body', "body" FROM "petition_messages"
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "at_rest_pending" ("tbl", "row_id", "col", "value")
SELECT 'petition_files', "id", 'name', "name" FROM "petition_files"
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "at_rest_pending" ("tbl", "row_id", "col", "value")
SELECT 'petition_events', "id", 'note', "note" FROM "petition_events" WHERE "note" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "at_rest_pending" ("tbl", "row_id", "col", "value")
SELECT 'survey_answers', a."id", 'texts', t."texts"::text
FROM "survey_answers" a,
	LATERAL (SELECT jsonb_object_agg(e."key", e."value") AS "texts" FROM jsonb_each(a."answers") e WHERE jsonb_typeof(e."value") = 'string') t
WHERE t."texts" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "at_rest_pending" ("tbl", "row_id", "col", "value")
SELECT 'survey_answers', "id", 'token_key', "token_key" FROM "survey_answers" WHERE "token_key" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "survey_answers" SET "batch_id" = split_part("token_key", ':', 1)::uuid WHERE "token_key" IS NOT NULL;--> statement-breakpoint
UPDATE "survey_answers" a
SET "answers" = a."answers" - ARRAY(SELECT e."key" FROM jsonb_each(a."answers") e WHERE jsonb_typeof(e."value") = 'string')
WHERE EXISTS (SELECT 1 FROM jsonb_each(a."answers") e WHERE jsonb_typeof(e."value") = 'string');
