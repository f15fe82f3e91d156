CREATE TABLE "archive_borrows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"item_ids" jsonb NOT NULL,
	"reason" text NOT NULL,
	"until" date NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_by_id" uuid,
	"requested_by_name" text,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"comment" text,
	"returned_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "archive_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"archive_class" text NOT NULL,
	"title" text NOT NULL,
	"file_id" uuid,
	"source_ref" text,
	"doc_date" date NOT NULL,
	"retention" text NOT NULL,
	"fonds" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"catalogue_number" text NOT NULL,
	"pages" integer,
	"filed_on" date NOT NULL,
	"filed_by_id" uuid,
	"filed_by_name" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulletin_problems" (
	"bulletin_id" uuid NOT NULL,
	"common_problem_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "bulletin_problems_bulletin_id_common_problem_id_pk" PRIMARY KEY("bulletin_id","common_problem_id")
);
--> statement-breakpoint
CREATE TABLE "bulletin_recipients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bulletin_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"org_id" uuid,
	"user_id" uuid,
	"read_at" timestamp with time zone,
	"read_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "bulletins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"sector" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"number" text,
	"year" integer,
	"seq" integer,
	"intro" text,
	"requested_actions" text NOT NULL,
	"name_organizations" boolean DEFAULT false NOT NULL,
	"approved_on" date,
	"approved_by_id" uuid,
	"approved_by_name" text,
	"sent_on" date,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_authorities" (
	"campaign_id" uuid NOT NULL,
	"authority_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "campaign_authorities_campaign_id_authority_id_pk" PRIMARY KEY("campaign_id","authority_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_orgs" (
	"campaign_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	CONSTRAINT "campaign_orgs_campaign_id_org_id_pk" PRIMARY KEY("campaign_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_problems" (
	"campaign_id" uuid NOT NULL,
	"common_problem_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "campaign_problems_campaign_id_common_problem_id_pk" PRIMARY KEY("campaign_id","common_problem_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_authority_id" uuid NOT NULL,
	"common_problem_id" uuid,
	"reported_on" date NOT NULL,
	"found_items" integer NOT NULL,
	"rectified_items" integer NOT NULL,
	"rules_made" integer NOT NULL,
	"money_recovered_fen" bigint NOT NULL,
	"note" text,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"from_bulletin_id" uuid,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "common_problem_findings" (
	"common_problem_id" uuid NOT NULL,
	"finding_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	CONSTRAINT "common_problem_findings_common_problem_id_finding_id_pk" PRIMARY KEY("common_problem_id","finding_id")
);
--> statement-breakpoint
CREATE TABLE "common_problems" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"sector" text NOT NULL,
	"taxonomy_type_id" uuid,
	"confirmed_on" date NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conduct_evaluations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"survey_id" uuid,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"links" integer DEFAULT 0 NOT NULL,
	"satisfied" integer,
	"valid" integer,
	"closed_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dual_reports" (
	"inspection_id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"records" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_reminder_answers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reminder_id" uuid NOT NULL,
	"what_was_done" text NOT NULL,
	"file_ids" jsonb NOT NULL,
	"answered_on" date NOT NULL,
	"answered_by_id" uuid,
	"answered_by_name" text,
	"answered_at" timestamp with time zone NOT NULL,
	"judgement" text,
	"judged_on" date,
	"judged_by_id" uuid,
	"judged_by_name" text,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "duty_reminders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"recipient_kind" text NOT NULL,
	"recipient_name" text NOT NULL,
	"recipient_org_id" uuid,
	"recipient_user_id" uuid,
	"read_at" timestamp with time zone,
	"sector" text,
	"common_problem_ids" jsonb NOT NULL,
	"finding_ids" jsonb NOT NULL,
	"content" text NOT NULL,
	"sent_on" date NOT NULL,
	"due_on" date NOT NULL,
	"answered_on" date,
	"judgement" text,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "governance_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"inspection_id" uuid,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"kind" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by_id" uuid,
	"uploaded_by_name" text,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "governance_settings" (
	"authority_id" uuid PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "policy_consultations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"departments" jsonb NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_problems" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consultation_id" uuid NOT NULL,
	"authority_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"finding_id" uuid,
	"common_problem_id" uuid,
	"summary" text NOT NULL,
	"conclusion" text NOT NULL,
	"lead_dept" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"progress_note" text,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "archive_borrows" ADD CONSTRAINT "archive_borrows_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_items" ADD CONSTRAINT "archive_items_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_items" ADD CONSTRAINT "archive_items_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_items" ADD CONSTRAINT "archive_items_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_items" ADD CONSTRAINT "archive_items_file_id_governance_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."governance_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_problems" ADD CONSTRAINT "bulletin_problems_bulletin_id_bulletins_id_fk" FOREIGN KEY ("bulletin_id") REFERENCES "public"."bulletins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_problems" ADD CONSTRAINT "bulletin_problems_common_problem_id_common_problems_id_fk" FOREIGN KEY ("common_problem_id") REFERENCES "public"."common_problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_recipients" ADD CONSTRAINT "bulletin_recipients_bulletin_id_bulletins_id_fk" FOREIGN KEY ("bulletin_id") REFERENCES "public"."bulletins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_recipients" ADD CONSTRAINT "bulletin_recipients_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_recipients" ADD CONSTRAINT "bulletin_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_authorities" ADD CONSTRAINT "campaign_authorities_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_authorities" ADD CONSTRAINT "campaign_authorities_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_orgs" ADD CONSTRAINT "campaign_orgs_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_orgs" ADD CONSTRAINT "campaign_orgs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_problems" ADD CONSTRAINT "campaign_problems_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_problems" ADD CONSTRAINT "campaign_problems_common_problem_id_common_problems_id_fk" FOREIGN KEY ("common_problem_id") REFERENCES "public"."common_problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_reports" ADD CONSTRAINT "campaign_reports_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_reports" ADD CONSTRAINT "campaign_reports_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_reports" ADD CONSTRAINT "campaign_reports_org_authority_id_authorities_id_fk" FOREIGN KEY ("org_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_reports" ADD CONSTRAINT "campaign_reports_common_problem_id_common_problems_id_fk" FOREIGN KEY ("common_problem_id") REFERENCES "public"."common_problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_from_bulletin_id_bulletins_id_fk" FOREIGN KEY ("from_bulletin_id") REFERENCES "public"."bulletins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "common_problem_findings" ADD CONSTRAINT "common_problem_findings_common_problem_id_common_problems_id_fk" FOREIGN KEY ("common_problem_id") REFERENCES "public"."common_problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "common_problem_findings" ADD CONSTRAINT "common_problem_findings_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "common_problem_findings" ADD CONSTRAINT "common_problem_findings_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "common_problem_findings" ADD CONSTRAINT "common_problem_findings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "common_problems" ADD CONSTRAINT "common_problems_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "common_problems" ADD CONSTRAINT "common_problems_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_evaluations" ADD CONSTRAINT "conduct_evaluations_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_evaluations" ADD CONSTRAINT "conduct_evaluations_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_evaluations" ADD CONSTRAINT "conduct_evaluations_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_evaluations" ADD CONSTRAINT "conduct_evaluations_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_evaluations" ADD CONSTRAINT "conduct_evaluations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_evaluations" ADD CONSTRAINT "conduct_evaluations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_evaluations" ADD CONSTRAINT "conduct_evaluations_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dual_reports" ADD CONSTRAINT "dual_reports_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dual_reports" ADD CONSTRAINT "dual_reports_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_reminder_answers" ADD CONSTRAINT "duty_reminder_answers_reminder_id_duty_reminders_id_fk" FOREIGN KEY ("reminder_id") REFERENCES "public"."duty_reminders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_reminders" ADD CONSTRAINT "duty_reminders_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_reminders" ADD CONSTRAINT "duty_reminders_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_reminders" ADD CONSTRAINT "duty_reminders_recipient_org_id_organizations_id_fk" FOREIGN KEY ("recipient_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_reminders" ADD CONSTRAINT "duty_reminders_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_files" ADD CONSTRAINT "governance_files_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_files" ADD CONSTRAINT "governance_files_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_settings" ADD CONSTRAINT "governance_settings_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_consultations" ADD CONSTRAINT "policy_consultations_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_consultations" ADD CONSTRAINT "policy_consultations_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_problems" ADD CONSTRAINT "policy_problems_consultation_id_policy_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."policy_consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_problems" ADD CONSTRAINT "policy_problems_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_problems" ADD CONSTRAINT "policy_problems_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_problems" ADD CONSTRAINT "policy_problems_common_problem_id_common_problems_id_fk" FOREIGN KEY ("common_problem_id") REFERENCES "public"."common_problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_borrows_authority_idx" ON "archive_borrows" USING btree ("authority_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "archive_borrows_requester_idx" ON "archive_borrows" USING btree ("requested_by_id");--> statement-breakpoint
CREATE UNIQUE INDEX "archive_items_number_uq" ON "archive_items" USING btree ("authority_id","fonds","year","archive_class","seq");--> statement-breakpoint
CREATE INDEX "archive_items_inspection_idx" ON "archive_items" USING btree ("inspection_id","archive_class","seq");--> statement-breakpoint
CREATE INDEX "archive_items_term_idx" ON "archive_items" USING btree ("term_id","year","archive_class","seq");--> statement-breakpoint
CREATE INDEX "bulletin_problems_problem_idx" ON "bulletin_problems" USING btree ("common_problem_id");--> statement-breakpoint
CREATE INDEX "bulletin_recipients_bulletin_idx" ON "bulletin_recipients" USING btree ("bulletin_id","position");--> statement-breakpoint
CREATE INDEX "bulletin_recipients_user_idx" ON "bulletin_recipients" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "bulletin_recipients_org_idx" ON "bulletin_recipients" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "bulletins_term_idx" ON "bulletins" USING btree ("term_id","created_at","id");--> statement-breakpoint
CREATE INDEX "bulletins_authority_idx" ON "bulletins" USING btree ("authority_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "bulletins_number_uq" ON "bulletins" USING btree ("authority_id","year","seq");--> statement-breakpoint
CREATE INDEX "campaign_authorities_authority_idx" ON "campaign_authorities" USING btree ("authority_id");--> statement-breakpoint
CREATE INDEX "campaign_orgs_org_idx" ON "campaign_orgs" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "campaign_problems_problem_idx" ON "campaign_problems" USING btree ("common_problem_id");--> statement-breakpoint
CREATE INDEX "campaign_reports_campaign_idx" ON "campaign_reports" USING btree ("campaign_id","reported_on","id");--> statement-breakpoint
CREATE INDEX "campaign_reports_org_idx" ON "campaign_reports" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "campaign_reports_problem_idx" ON "campaign_reports" USING btree ("common_problem_id");--> statement-breakpoint
CREATE INDEX "campaigns_term_idx" ON "campaigns" USING btree ("term_id","start_on","id");--> statement-breakpoint
CREATE INDEX "campaigns_authority_idx" ON "campaigns" USING btree ("authority_id","start_on","id");--> statement-breakpoint
CREATE UNIQUE INDEX "common_problem_findings_finding_uq" ON "common_problem_findings" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "common_problems_term_idx" ON "common_problems" USING btree ("term_id","sector","id");--> statement-breakpoint
CREATE INDEX "common_problems_authority_idx" ON "common_problems" USING btree ("authority_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "conduct_evaluations_uq" ON "conduct_evaluations" USING btree ("inspection_id","org_id","stage");--> statement-breakpoint
CREATE INDEX "conduct_evaluations_round_idx" ON "conduct_evaluations" USING btree ("round_id","team_id");--> statement-breakpoint
CREATE INDEX "conduct_evaluations_term_idx" ON "conduct_evaluations" USING btree ("term_id");--> statement-breakpoint
CREATE INDEX "dual_reports_authority_idx" ON "dual_reports" USING btree ("authority_id");--> statement-breakpoint
CREATE INDEX "duty_reminder_answers_reminder_idx" ON "duty_reminder_answers" USING btree ("reminder_id","answered_at");--> statement-breakpoint
CREATE INDEX "duty_reminders_term_idx" ON "duty_reminders" USING btree ("term_id","sent_on","id");--> statement-breakpoint
CREATE INDEX "duty_reminders_authority_idx" ON "duty_reminders" USING btree ("authority_id","sent_on","id");--> statement-breakpoint
CREATE INDEX "duty_reminders_user_idx" ON "duty_reminders" USING btree ("recipient_user_id");--> statement-breakpoint
CREATE INDEX "duty_reminders_org_idx" ON "duty_reminders" USING btree ("recipient_org_id");--> statement-breakpoint
CREATE INDEX "governance_files_authority_idx" ON "governance_files" USING btree ("authority_id","purpose");--> statement-breakpoint
CREATE INDEX "governance_files_inspection_idx" ON "governance_files" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "policy_consultations_term_idx" ON "policy_consultations" USING btree ("term_id","held_on","id");--> statement-breakpoint
CREATE INDEX "policy_consultations_authority_idx" ON "policy_consultations" USING btree ("authority_id","held_on","id");--> statement-breakpoint
CREATE INDEX "policy_problems_consultation_idx" ON "policy_problems" USING btree ("consultation_id","position");--> statement-breakpoint
CREATE INDEX "policy_problems_status_idx" ON "policy_problems" USING btree ("authority_id","status","due_on");