ALTER TABLE "petitions" ADD COLUMN "search_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Rows from before: lower() is as near to searchKey (NFKC, case, zero-width) as SQL gets; rows
-- written from now on carry the application's key.
UPDATE "petitions" SET "search_key" = lower(concat_ws(E'\n', "content", "subject_name", "subject_post", "subject_org"));
