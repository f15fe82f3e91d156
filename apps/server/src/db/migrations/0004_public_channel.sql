CREATE TABLE "announcements" (
	"inspection_id" uuid PRIMARY KEY NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"scope" text NOT NULL,
	"phone" text NOT NULL,
	"mailbox" text NOT NULL,
	"email" text,
	"hours" text,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"petition_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"note" text,
	"actor_name" text
);
--> statement-breakpoint
CREATE TABLE "petition_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"petition_id" uuid NOT NULL,
	"message_id" uuid,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"kind" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"petition_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"sender" text NOT NULL,
	"body" text NOT NULL,
	"on_date" date NOT NULL,
	"by_user_id" uuid,
	"by_name" text
);
--> statement-breakpoint
CREATE TABLE "petitions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"anonymous" boolean NOT NULL,
	"reporter_name_enc" text,
	"reporter_phone_enc" text,
	"subject_name" text,
	"subject_post" text,
	"subject_org" text,
	"content" text NOT NULL,
	"happened_when" text,
	"place" text,
	"received_on" date NOT NULL,
	"receipt_hash" text,
	"status" text DEFAULT 'received' NOT NULL,
	"discipline" text,
	"key_post" boolean,
	"forward_to" text,
	"decision_note" text,
	"registered_by_id" uuid,
	"registered_by_name" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"authority_id" uuid NOT NULL,
	"role" text NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_answers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survey_id" uuid NOT NULL,
	"token_key" text,
	"verified" boolean NOT NULL,
	"answered_on" date NOT NULL,
	"answers" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survey_id" uuid NOT NULL,
	"count" integer NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_name" text
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"intro" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"target_type" text NOT NULL,
	"inspection_id" uuid,
	"round_id" uuid,
	"team_id" uuid,
	"questions" jsonb NOT NULL,
	"key_question_id" text,
	"open_code" text NOT NULL,
	"open_cap" integer DEFAULT 2 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_name" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_events" ADD CONSTRAINT "petition_events_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_files" ADD CONSTRAINT "petition_files_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_files" ADD CONSTRAINT "petition_files_message_id_petition_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."petition_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_messages" ADD CONSTRAINT "petition_messages_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_codes" ADD CONSTRAINT "public_codes_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_codes" ADD CONSTRAINT "public_codes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_codes" ADD CONSTRAINT "public_codes_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_batches" ADD CONSTRAINT "survey_batches_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "petition_events_idx" ON "petition_events" USING btree ("petition_id","at");--> statement-breakpoint
CREATE INDEX "petition_files_idx" ON "petition_files" USING btree ("petition_id");--> statement-breakpoint
CREATE UNIQUE INDEX "petition_messages_seq_uq" ON "petition_messages" USING btree ("petition_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "petitions_receipt_uq" ON "petitions" USING btree ("receipt_hash");--> statement-breakpoint
CREATE INDEX "petitions_inspection_idx" ON "petitions" USING btree ("inspection_id","received_on","id");--> statement-breakpoint
CREATE INDEX "petitions_authority_idx" ON "petitions" USING btree ("authority_id","received_on","id");--> statement-breakpoint
CREATE UNIQUE INDEX "public_codes_target_uq" ON "public_codes" USING btree ("inspection_id","org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_answers_token_uq" ON "survey_answers" USING btree ("token_key");--> statement-breakpoint
CREATE INDEX "survey_answers_survey_idx" ON "survey_answers" USING btree ("survey_id");--> statement-breakpoint
CREATE INDEX "survey_batches_idx" ON "survey_batches" USING btree ("survey_id");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_open_code_uq" ON "surveys" USING btree ("open_code");--> statement-breakpoint
CREATE INDEX "surveys_authority_idx" ON "surveys" USING btree ("authority_id","created_at");--> statement-breakpoint
CREATE INDEX "surveys_inspection_idx" ON "surveys" USING btree ("inspection_id");