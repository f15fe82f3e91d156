CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"subject" text,
	"note" text,
	"attendees" jsonb NOT NULL,
	"inspector_ids" jsonb NOT NULL,
	"status" text NOT NULL,
	"approved_by_name" text,
	"approved_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assigned_matters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"authority_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"what" text NOT NULL,
	"assignee" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closing_note" text,
	"closed_on" date,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clue_subjects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clue_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"name_enc" text NOT NULL,
	"post_enc" text NOT NULL,
	"level" text NOT NULL,
	"name_hash" text NOT NULL,
	"person_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clue_transfer_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"receiver" text NOT NULL,
	"receiver_org_id" uuid NOT NULL,
	"transferred_on" date NOT NULL,
	"letter_number" text,
	"clue_count" integer NOT NULL,
	"person_count" integer NOT NULL,
	"idempotency_key" text,
	"fingerprint" text,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clues" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"discipline" text NOT NULL,
	"facts_enc" text NOT NULL,
	"source" text,
	"source_ref_id" uuid,
	"evidence" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"receiver" text,
	"receiver_org_id" uuid,
	"transfer_batch_id" uuid,
	"transferred_on" date,
	"disposal" text,
	"disposed_on" date,
	"disposal_note" text,
	"result" jsonb,
	"result_on" date,
	"written_off_on" date,
	"write_off_note" text,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fieldwork_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"kind" text NOT NULL,
	"size" integer NOT NULL,
	"data_enc" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fieldwork_settings" (
	"authority_id" uuid PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"libraries_seeded_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid,
	"sector" text,
	"title" text NOT NULL,
	"facts" text NOT NULL,
	"search_key" text NOT NULL,
	"source" text NOT NULL,
	"working_paper_id" uuid,
	"taxonomy_node_id" uuid,
	"severity" text,
	"common" boolean DEFAULT false NOT NULL,
	"immediate" boolean DEFAULT false NOT NULL,
	"immediate_fixed_on" date,
	"immediate_action" text,
	"regulation_ids" jsonb NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid,
	"interviewee_name" text NOT NULL,
	"interviewee_post" text NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"place" text,
	"inspector_ids" jsonb NOT NULL,
	"notes_enc" text,
	"signed_record_file_id" uuid,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_inspections" (
	"meeting_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	CONSTRAINT "meeting_inspections_meeting_id_inspection_id_pk" PRIMARY KEY("meeting_id","inspection_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"title" text NOT NULL,
	"attendees" jsonb NOT NULL,
	"decisions" text NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_counters" (
	"scope_key" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"paper_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"by_id" uuid,
	"by_name" text,
	"team_role" text,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"paper_id" uuid NOT NULL,
	"paper_version" integer NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"facts" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"regulation_ids" jsonb NOT NULL,
	"responsibility" text NOT NULL,
	"found_on" date NOT NULL,
	"saved_by_name" text,
	"saved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phrases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"taxonomy_node_id" uuid,
	"text" text NOT NULL,
	"search_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regulations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"article" text NOT NULL,
	"text" text NOT NULL,
	"search_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"overview" text NOT NULL,
	"suggestions" jsonb NOT NULL,
	"topic_reports" jsonb NOT NULL,
	"note" text,
	"saved_by_id" uuid,
	"saved_by_name" text,
	"saved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxonomy_nodes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"parent_id" uuid,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"seed_key" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "working_papers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"team_id" uuid,
	"org_id" uuid,
	"number" text NOT NULL,
	"seq" integer NOT NULL,
	"scope_key" text NOT NULL,
	"title" text NOT NULL,
	"facts" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"regulation_ids" jsonb NOT NULL,
	"responsibility" text NOT NULL,
	"found_on" date NOT NULL,
	"found_by_ids" jsonb NOT NULL,
	"author_id" uuid,
	"author_name" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"finding_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assigned_matters" ADD CONSTRAINT "assigned_matters_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assigned_matters" ADD CONSTRAINT "assigned_matters_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_subjects" ADD CONSTRAINT "clue_subjects_clue_id_clues_id_fk" FOREIGN KEY ("clue_id") REFERENCES "public"."clues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_subjects" ADD CONSTRAINT "clue_subjects_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_subjects" ADD CONSTRAINT "clue_subjects_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_transfer_batches" ADD CONSTRAINT "clue_transfer_batches_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_transfer_batches" ADD CONSTRAINT "clue_transfer_batches_receiver_org_id_organizations_id_fk" FOREIGN KEY ("receiver_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_receiver_org_id_organizations_id_fk" FOREIGN KEY ("receiver_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clues" ADD CONSTRAINT "clues_transfer_batch_id_clue_transfer_batches_id_fk" FOREIGN KEY ("transfer_batch_id") REFERENCES "public"."clue_transfer_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fieldwork_files" ADD CONSTRAINT "fieldwork_files_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fieldwork_files" ADD CONSTRAINT "fieldwork_files_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fieldwork_settings" ADD CONSTRAINT "fieldwork_settings_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_working_paper_id_working_papers_id_fk" FOREIGN KEY ("working_paper_id") REFERENCES "public"."working_papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_taxonomy_node_id_taxonomy_nodes_id_fk" FOREIGN KEY ("taxonomy_node_id") REFERENCES "public"."taxonomy_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_signed_record_file_id_fieldwork_files_id_fk" FOREIGN KEY ("signed_record_file_id") REFERENCES "public"."fieldwork_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_inspections" ADD CONSTRAINT "meeting_inspections_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_inspections" ADD CONSTRAINT "meeting_inspections_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_reviews" ADD CONSTRAINT "paper_reviews_paper_id_working_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."working_papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_versions" ADD CONSTRAINT "paper_versions_paper_id_working_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."working_papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phrases" ADD CONSTRAINT "phrases_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phrases" ADD CONSTRAINT "phrases_taxonomy_node_id_taxonomy_nodes_id_fk" FOREIGN KEY ("taxonomy_node_id") REFERENCES "public"."taxonomy_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regulations" ADD CONSTRAINT "regulations_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_nodes" ADD CONSTRAINT "taxonomy_nodes_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_nodes" ADD CONSTRAINT "taxonomy_nodes_parent_id_taxonomy_nodes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."taxonomy_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_papers" ADD CONSTRAINT "working_papers_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_papers" ADD CONSTRAINT "working_papers_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_papers" ADD CONSTRAINT "working_papers_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_papers" ADD CONSTRAINT "working_papers_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_papers" ADD CONSTRAINT "working_papers_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_papers" ADD CONSTRAINT "working_papers_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_inspection_idx" ON "activities" USING btree ("inspection_id","date","id");--> statement-breakpoint
CREATE INDEX "assigned_matters_meeting_idx" ON "assigned_matters" USING btree ("meeting_id","seq");--> statement-breakpoint
CREATE INDEX "assigned_matters_authority_idx" ON "assigned_matters" USING btree ("authority_id","status","due_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "clue_subjects_seq_uq" ON "clue_subjects" USING btree ("clue_id","seq");--> statement-breakpoint
CREATE INDEX "clue_subjects_term_idx" ON "clue_subjects" USING btree ("term_id","person_hash","clue_id");--> statement-breakpoint
CREATE INDEX "clue_subjects_inspection_idx" ON "clue_subjects" USING btree ("inspection_id","person_hash");--> statement-breakpoint
CREATE INDEX "clue_subjects_name_idx" ON "clue_subjects" USING btree ("name_hash");--> statement-breakpoint
CREATE INDEX "clue_transfer_batches_idx" ON "clue_transfer_batches" USING btree ("authority_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "clue_transfer_batches_key_uq" ON "clue_transfer_batches" USING btree ("created_by_id","idempotency_key") WHERE idempotency_key is not null;--> statement-breakpoint
CREATE INDEX "clues_term_idx" ON "clues" USING btree ("term_id","created_at","id");--> statement-breakpoint
CREATE INDEX "clues_inspection_idx" ON "clues" USING btree ("inspection_id","created_at","id");--> statement-breakpoint
CREATE INDEX "clues_authority_idx" ON "clues" USING btree ("authority_id","created_at","id");--> statement-breakpoint
CREATE INDEX "clues_receiver_idx" ON "clues" USING btree ("receiver_org_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "clues_batch_idx" ON "clues" USING btree ("transfer_batch_id");--> statement-breakpoint
CREATE INDEX "fieldwork_files_inspection_idx" ON "fieldwork_files" USING btree ("inspection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_paper_uq" ON "findings" USING btree ("working_paper_id");--> statement-breakpoint
CREATE INDEX "findings_created_idx" ON "findings" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "findings_term_idx" ON "findings" USING btree ("term_id","created_at","id");--> statement-breakpoint
CREATE INDEX "findings_round_idx" ON "findings" USING btree ("round_id","created_at","id");--> statement-breakpoint
CREATE INDEX "findings_inspection_idx" ON "findings" USING btree ("inspection_id","created_at","id");--> statement-breakpoint
CREATE INDEX "findings_authority_idx" ON "findings" USING btree ("authority_id","created_at","id");--> statement-breakpoint
CREATE INDEX "findings_taxonomy_idx" ON "findings" USING btree ("taxonomy_node_id","created_at","id");--> statement-breakpoint
CREATE INDEX "findings_sector_idx" ON "findings" USING btree ("sector","created_at","id");--> statement-breakpoint
CREATE INDEX "interviews_inspection_idx" ON "interviews" USING btree ("inspection_id","date","id");--> statement-breakpoint
CREATE INDEX "meeting_inspections_inspection_idx" ON "meeting_inspections" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "meetings_authority_idx" ON "meetings" USING btree ("authority_id","date","id");--> statement-breakpoint
CREATE INDEX "meetings_term_idx" ON "meetings" USING btree ("term_id","kind","date");--> statement-breakpoint
CREATE INDEX "paper_reviews_idx" ON "paper_reviews" USING btree ("paper_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "paper_versions_uq" ON "paper_versions" USING btree ("paper_id","paper_version");--> statement-breakpoint
CREATE INDEX "phrases_authority_idx" ON "phrases" USING btree ("authority_id","kind","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "regulations_code_uq" ON "regulations" USING btree ("authority_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "report_versions_uq" ON "report_versions" USING btree ("inspection_id","number");--> statement-breakpoint
CREATE INDEX "taxonomy_nodes_authority_idx" ON "taxonomy_nodes" USING btree ("authority_id","parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "working_papers_seq_uq" ON "working_papers" USING btree ("scope_key","seq");--> statement-breakpoint
CREATE INDEX "working_papers_inspection_idx" ON "working_papers" USING btree ("inspection_id","created_at","id");--> statement-breakpoint
CREATE INDEX "working_papers_status_idx" ON "working_papers" USING btree ("status","inspection_id");