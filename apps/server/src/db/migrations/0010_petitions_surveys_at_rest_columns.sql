CREATE TABLE "survey_spent_tokens" (
	"token_mac" text PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "petition_events" ADD COLUMN "note_enc" text;--> statement-breakpoint
ALTER TABLE "petition_files" ADD COLUMN "name_enc" text;--> statement-breakpoint
ALTER TABLE "petition_messages" ADD COLUMN "body_enc" text;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "subject_name_enc" text;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "subject_post_enc" text;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "subject_org_enc" text;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "content_enc" text;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "search_enc" text;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "happened_when_enc" text;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "place_enc" text;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "forward_to_enc" text;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "decision_note_enc" text;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD COLUMN "texts_enc" text;--> statement-breakpoint
ALTER TABLE "survey_spent_tokens" ADD CONSTRAINT "survey_spent_tokens_batch_id_survey_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."survey_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_spent_tokens_batch_idx" ON "survey_spent_tokens" USING btree ("batch_id");--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_batch_id_survey_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."survey_batches"("id") ON DELETE no action ON UPDATE no action;