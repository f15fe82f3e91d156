DROP INDEX "survey_answers_token_uq";--> statement-breakpoint
ALTER TABLE "petition_events" DROP COLUMN "note";--> statement-breakpoint
ALTER TABLE "petition_files" DROP COLUMN "name";--> statement-breakpoint
ALTER TABLE "petition_messages" DROP COLUMN "body";--> statement-breakpoint
ALTER TABLE "petitions" DROP COLUMN "subject_name";--> statement-breakpoint
ALTER TABLE "petitions" DROP COLUMN "subject_post";--> statement-breakpoint
ALTER TABLE "petitions" DROP COLUMN "subject_org";--> statement-breakpoint
ALTER TABLE "petitions" DROP COLUMN "content";--> statement-breakpoint
ALTER TABLE "petitions" DROP COLUMN "search_key";--> statement-breakpoint
ALTER TABLE "petitions" DROP COLUMN "happened_when";--> statement-breakpoint
ALTER TABLE "petitions" DROP COLUMN "place";--> statement-breakpoint
ALTER TABLE "petitions" DROP COLUMN "forward_to";--> statement-breakpoint
ALTER TABLE "petitions" DROP COLUMN "decision_note";--> statement-breakpoint
ALTER TABLE "survey_answers" DROP COLUMN "token_key";