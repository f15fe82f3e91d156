CREATE TABLE "democratic_life_meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"attendees" jsonb NOT NULL,
	"criticism_items" integer NOT NULL,
	"supervisors" jsonb NOT NULL,
	"notes" text,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_ratings" (
	"evaluation_id" uuid NOT NULL,
	"rater" text NOT NULL,
	"deductions" jsonb NOT NULL,
	"comments" text,
	"rated_by_id" uuid,
	"rated_by_name" text,
	"rated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_ratings_evaluation_id_rater_pk" PRIMARY KEY("evaluation_id","rater")
);
--> statement-breakpoint
CREATE TABLE "feedbacks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"meeting_date" date NOT NULL,
	"attendees" jsonb NOT NULL,
	"speakers" jsonb NOT NULL,
	"one_to_one_on" date NOT NULL,
	"main_leader_name" text NOT NULL,
	"notes" text,
	"copies" jsonb NOT NULL,
	"assigned_matter_ids" jsonb NOT NULL,
	"recorded_by_id" uuid,
	"recorded_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finding_rectification" (
	"finding_id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"task_count" integer NOT NULL,
	"written_off_count" integer NOT NULL,
	"ongoing_open_count" integer NOT NULL,
	"state" text GENERATED ALWAYS AS (case when task_count > 0 and written_off_count = task_count then 'rectified' when ongoing_open_count > 0 then 'ongoing' else 'undone' end) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "joint_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"parties" jsonb NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"submitted_on" date NOT NULL,
	"decided_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publication_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"internal_approved_on" date,
	"internal_approved_by" text,
	"public_approved_on" date,
	"public_approved_by" text,
	"published_on" date,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publication_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"grade" text,
	"deferred" boolean DEFAULT false NOT NULL,
	"defer_reason" text,
	"deferred_from_batch" integer,
	"findings" integer DEFAULT 0 NOT NULL,
	"rectified" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publication_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"finding_id" uuid,
	"seq" integer NOT NULL,
	"text" text NOT NULL,
	"withheld" boolean DEFAULT false NOT NULL,
	"withhold_reason" text,
	"withhold_note" text
);
--> statement-breakpoint
CREATE TABLE "rechecks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"original_finding_id" uuid NOT NULL,
	"result" text NOT NULL,
	"facts" text NOT NULL,
	"checked_on" date NOT NULL,
	"new_finding_id" uuid,
	"checked_by_id" uuid,
	"checked_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_evaluations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"survey_id" uuid,
	"satisfied" integer,
	"valid" integer,
	"score_hundredths" integer,
	"grade" text,
	"veto" text,
	"evaluated_on" date,
	"concluded_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_extensions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"old_deadline" date NOT NULL,
	"new_deadline" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by_id" uuid,
	"requested_by_name" text,
	"requested_on" date NOT NULL,
	"entered_by_office" boolean DEFAULT false NOT NULL,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"decided_on" date,
	"decision_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"task_id" uuid,
	"file_version" integer DEFAULT 1 NOT NULL,
	"supersedes_id" uuid,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"kind" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"description" text,
	"uploaded_by_id" uuid,
	"uploaded_by_name" text,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_outcomes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"finding_id" uuid,
	"task_id" uuid,
	"money_fen" bigint NOT NULL,
	"money_kind" text,
	"accountable" integer NOT NULL,
	"accountable_by_form" jsonb,
	"rules_made" integer NOT NULL,
	"recorded_on" date NOT NULL,
	"note" text,
	"recorded_by_id" uuid,
	"recorded_by_name" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_round" integer DEFAULT 0 NOT NULL,
	"submitted_on" date,
	"accepted_on" date,
	"returned_comments" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"file_ids" jsonb NOT NULL,
	"status" text NOT NULL,
	"due_on" date,
	"submitted_on" date,
	"accepted_on" date,
	"entered_by_office" boolean DEFAULT false NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_settings" (
	"authority_id" uuid PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rectification_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"finding_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"measures" text NOT NULL,
	"goal" text,
	"responsible_leader" text NOT NULL,
	"responsible_dept" text NOT NULL,
	"responsible_person" text,
	"assigned_on" date NOT NULL,
	"original_deadline" date NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'undone' NOT NULL,
	"written_off" boolean DEFAULT false NOT NULL,
	"written_off_on" date,
	"write_off_note" text,
	"red_card" boolean DEFAULT false NOT NULL,
	"red_card_reason" text,
	"red_card_on" date,
	"red_card_count" integer DEFAULT 0 NOT NULL,
	"extension_count" integer DEFAULT 0 NOT NULL,
	"pending_extension" boolean DEFAULT false NOT NULL,
	"evidence_count" integer DEFAULT 0 NOT NULL,
	"last_note" text,
	"entered_by_office" boolean DEFAULT false NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"lane" text GENERATED ALWAYS AS (case when written_off then 'closed' when red_card then 'card' when status = 'done' or (kind = 'longTerm' and status = 'ongoing') then 'met' else 'open' end) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_party_members" (
	"authority_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"party_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_party_members_authority_id_user_id_pk" PRIMARY KEY("authority_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "review_ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"review_id" uuid NOT NULL,
	"party" text NOT NULL,
	"rating" text NOT NULL,
	"comments" text NOT NULL,
	"rated_by_id" uuid,
	"rated_by_name" text,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"rated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_makings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"issued_on" date NOT NULL,
	"issuing_body" text NOT NULL,
	"document_number" text,
	"finding_ids" jsonb NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_task_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text,
	"actor_id" uuid,
	"actor_name" text,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "democratic_life_meetings" ADD CONSTRAINT "democratic_life_meetings_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "democratic_life_meetings" ADD CONSTRAINT "democratic_life_meetings_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "democratic_life_meetings" ADD CONSTRAINT "democratic_life_meetings_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "democratic_life_meetings" ADD CONSTRAINT "democratic_life_meetings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_ratings" ADD CONSTRAINT "evaluation_ratings_evaluation_id_rectification_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."rectification_evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedbacks" ADD CONSTRAINT "feedbacks_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedbacks" ADD CONSTRAINT "feedbacks_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedbacks" ADD CONSTRAINT "feedbacks_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedbacks" ADD CONSTRAINT "feedbacks_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedbacks" ADD CONSTRAINT "feedbacks_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_rectification" ADD CONSTRAINT "finding_rectification_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_reviews" ADD CONSTRAINT "joint_reviews_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_reviews" ADD CONSTRAINT "joint_reviews_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_reviews" ADD CONSTRAINT "joint_reviews_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_batches" ADD CONSTRAINT "publication_batches_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_entries" ADD CONSTRAINT "publication_entries_batch_id_publication_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."publication_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_entries" ADD CONSTRAINT "publication_entries_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_entries" ADD CONSTRAINT "publication_entries_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_items" ADD CONSTRAINT "publication_items_entry_id_publication_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."publication_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_items" ADD CONSTRAINT "publication_items_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rechecks" ADD CONSTRAINT "rechecks_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rechecks" ADD CONSTRAINT "rechecks_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rechecks" ADD CONSTRAINT "rechecks_original_finding_id_findings_id_fk" FOREIGN KEY ("original_finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rechecks" ADD CONSTRAINT "rechecks_new_finding_id_findings_id_fk" FOREIGN KEY ("new_finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_evaluations" ADD CONSTRAINT "rectification_evaluations_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_evaluations" ADD CONSTRAINT "rectification_evaluations_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_evaluations" ADD CONSTRAINT "rectification_evaluations_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_evaluations" ADD CONSTRAINT "rectification_evaluations_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_evaluations" ADD CONSTRAINT "rectification_evaluations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_extensions" ADD CONSTRAINT "rectification_extensions_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_extensions" ADD CONSTRAINT "rectification_extensions_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_extensions" ADD CONSTRAINT "rectification_extensions_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_extensions" ADD CONSTRAINT "rectification_extensions_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_extensions" ADD CONSTRAINT "rectification_extensions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_extensions" ADD CONSTRAINT "rectification_extensions_task_id_rectification_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."rectification_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_files" ADD CONSTRAINT "rectification_files_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_files" ADD CONSTRAINT "rectification_files_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_files" ADD CONSTRAINT "rectification_files_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_files" ADD CONSTRAINT "rectification_files_task_id_rectification_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."rectification_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_outcomes" ADD CONSTRAINT "rectification_outcomes_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_outcomes" ADD CONSTRAINT "rectification_outcomes_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_outcomes" ADD CONSTRAINT "rectification_outcomes_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_outcomes" ADD CONSTRAINT "rectification_outcomes_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_outcomes" ADD CONSTRAINT "rectification_outcomes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_outcomes" ADD CONSTRAINT "rectification_outcomes_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_outcomes" ADD CONSTRAINT "rectification_outcomes_task_id_rectification_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."rectification_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_plans" ADD CONSTRAINT "rectification_plans_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_plans" ADD CONSTRAINT "rectification_plans_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_plans" ADD CONSTRAINT "rectification_plans_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_plans" ADD CONSTRAINT "rectification_plans_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_plans" ADD CONSTRAINT "rectification_plans_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_reports" ADD CONSTRAINT "rectification_reports_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_reports" ADD CONSTRAINT "rectification_reports_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_reports" ADD CONSTRAINT "rectification_reports_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_reports" ADD CONSTRAINT "rectification_reports_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_settings" ADD CONSTRAINT "rectification_settings_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_plan_id_rectification_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."rectification_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_party_members" ADD CONSTRAINT "review_party_members_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_party_members" ADD CONSTRAINT "review_party_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_ratings" ADD CONSTRAINT "review_ratings_review_id_joint_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."joint_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_makings" ADD CONSTRAINT "rule_makings_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_makings" ADD CONSTRAINT "rule_makings_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_makings" ADD CONSTRAINT "rule_makings_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_makings" ADD CONSTRAINT "rule_makings_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_makings" ADD CONSTRAINT "rule_makings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_task_events" ADD CONSTRAINT "rectification_task_events_task_id_rectification_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."rectification_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "democratic_life_meetings_inspection_idx" ON "democratic_life_meetings" USING btree ("inspection_id","held_on");--> statement-breakpoint
CREATE INDEX "democratic_life_meetings_term_idx" ON "democratic_life_meetings" USING btree ("term_id");--> statement-breakpoint
CREATE UNIQUE INDEX "feedbacks_inspection_org_uq" ON "feedbacks" USING btree ("inspection_id","org_id");--> statement-breakpoint
CREATE INDEX "feedbacks_org_idx" ON "feedbacks" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "finding_rectification_term_idx" ON "finding_rectification" USING btree ("term_id","state");--> statement-breakpoint
CREATE INDEX "finding_rectification_round_idx" ON "finding_rectification" USING btree ("round_id","state");--> statement-breakpoint
CREATE INDEX "finding_rectification_inspection_idx" ON "finding_rectification" USING btree ("inspection_id","org_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "joint_reviews_subject_round_uq" ON "joint_reviews" USING btree ("subject","subject_id","round");--> statement-breakpoint
CREATE INDEX "joint_reviews_authority_idx" ON "joint_reviews" USING btree ("authority_id","outcome","created_at","id");--> statement-breakpoint
CREATE INDEX "joint_reviews_inspection_idx" ON "joint_reviews" USING btree ("inspection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "publication_batches_number_uq" ON "publication_batches" USING btree ("authority_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "publication_entries_uq" ON "publication_entries" USING btree ("batch_id","inspection_id","org_id");--> statement-breakpoint
CREATE INDEX "publication_entries_inspection_idx" ON "publication_entries" USING btree ("inspection_id","org_id");--> statement-breakpoint
CREATE INDEX "publication_items_entry_idx" ON "publication_items" USING btree ("entry_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "rechecks_uq" ON "rechecks" USING btree ("inspection_id","original_finding_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rectification_evaluations_uq" ON "rectification_evaluations" USING btree ("inspection_id","org_id");--> statement-breakpoint
CREATE INDEX "rectification_evaluations_term_idx" ON "rectification_evaluations" USING btree ("term_id","grade");--> statement-breakpoint
CREATE INDEX "rectification_evaluations_round_idx" ON "rectification_evaluations" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "rectification_extensions_task_idx" ON "rectification_extensions" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "rectification_extensions_status_idx" ON "rectification_extensions" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "rectification_extensions_term_idx" ON "rectification_extensions" USING btree ("term_id","status");--> statement-breakpoint
CREATE INDEX "rectification_extensions_inspection_idx" ON "rectification_extensions" USING btree ("inspection_id","status");--> statement-breakpoint
CREATE INDEX "rectification_files_task_idx" ON "rectification_files" USING btree ("task_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "rectification_files_inspection_idx" ON "rectification_files" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "rectification_outcomes_term_idx" ON "rectification_outcomes" USING btree ("term_id");--> statement-breakpoint
CREATE INDEX "rectification_outcomes_round_idx" ON "rectification_outcomes" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "rectification_outcomes_inspection_idx" ON "rectification_outcomes" USING btree ("inspection_id","org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rectification_plans_inspection_org_uq" ON "rectification_plans" USING btree ("inspection_id","org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rectification_reports_uq" ON "rectification_reports" USING btree ("inspection_id","org_id","kind","seq");--> statement-breakpoint
CREATE INDEX "rectification_tasks_term_lane_idx" ON "rectification_tasks" USING btree ("term_id","lane","deadline","id");--> statement-breakpoint
CREATE INDEX "rectification_tasks_lane_idx" ON "rectification_tasks" USING btree ("lane","deadline","id");--> statement-breakpoint
CREATE INDEX "rectification_tasks_deadline_idx" ON "rectification_tasks" USING btree ("deadline","id");--> statement-breakpoint
CREATE INDEX "rectification_tasks_inspection_idx" ON "rectification_tasks" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "rectification_tasks_round_idx" ON "rectification_tasks" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "rectification_tasks_org_idx" ON "rectification_tasks" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "rectification_tasks_finding_idx" ON "rectification_tasks" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "review_party_members_user_idx" ON "review_party_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "review_ratings_review_idx" ON "review_ratings" USING btree ("review_id","party","rated_at");--> statement-breakpoint
CREATE INDEX "rule_makings_term_idx" ON "rule_makings" USING btree ("term_id","issued_on","id");--> statement-breakpoint
CREATE INDEX "rule_makings_round_idx" ON "rule_makings" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "rule_makings_inspection_idx" ON "rule_makings" USING btree ("inspection_id","org_id");--> statement-breakpoint
CREATE INDEX "rule_makings_authority_idx" ON "rule_makings" USING btree ("authority_id","issued_on","id");--> statement-breakpoint
CREATE INDEX "rectification_task_events_task_idx" ON "rectification_task_events" USING btree ("task_id","created_at","id");