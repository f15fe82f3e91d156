DROP INDEX "paper_reviews_idx";--> statement-breakpoint
ALTER TABLE "paper_reviews" ADD COLUMN "seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "paper_reviews_idx" ON "paper_reviews" USING btree ("paper_id","seq");