CREATE TABLE "appraisals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspector_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"grade" text NOT NULL,
	"comment" text NOT NULL,
	"appraised_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "authorizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"doc_number" text NOT NULL,
	"decided_on" date NOT NULL,
	"task_division" text NOT NULL,
	"leaders" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "awards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"batch" text NOT NULL,
	"category" text,
	"title" text,
	"inspector_ids" jsonb NOT NULL,
	"awarded_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspector_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspector_id" uuid NOT NULL,
	"org_id" uuid,
	"unit_name" text NOT NULL,
	"post" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date
);
--> statement-breakpoint
CREATE TABLE "inspector_pools" (
	"inspector_id" uuid NOT NULL,
	"pool" text NOT NULL,
	"status" text NOT NULL,
	"since" date NOT NULL,
	"until" date,
	CONSTRAINT "inspector_pools_inspector_id_pool_pk" PRIMARY KEY("inspector_id","pool")
);
--> statement-breakpoint
CREATE TABLE "inspector_relatives" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspector_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"org_id" uuid,
	"unit_name" text NOT NULL,
	"post" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspector_work_relations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspector_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"relation" text NOT NULL,
	"org_id" uuid,
	"from_date" date NOT NULL,
	"to_date" date
);
--> statement-breakpoint
CREATE TABLE "inspectors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"name" text NOT NULL,
	"search_key" text NOT NULL,
	"gender" text NOT NULL,
	"birth_year" integer,
	"home_org_id" uuid,
	"home_unit_name" text NOT NULL,
	"post" text NOT NULL,
	"rank" text NOT NULL,
	"political_status" text NOT NULL,
	"expertise" jsonb NOT NULL,
	"home_authority_id" uuid,
	"user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "personnel_settings" (
	"authority_id" uuid PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "recusal_declarations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspection_id" uuid NOT NULL,
	"inspector_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"has_conflict" boolean NOT NULL,
	"detail" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secondments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inspector_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"host_name" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"inspector_id" uuid NOT NULL,
	"role" text NOT NULL,
	"override_reason" text,
	"override_by" text,
	"override_at" timestamp with time zone,
	"override_conflicts" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_attendances" (
	"training_id" uuid NOT NULL,
	"inspector_id" uuid NOT NULL,
	CONSTRAINT "training_attendances_training_id_inspector_id_pk" PRIMARY KEY("training_id","inspector_id")
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"hours" double precision NOT NULL,
	"mode" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appraisals" ADD CONSTRAINT "appraisals_inspector_id_inspectors_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."inspectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisals" ADD CONSTRAINT "appraisals_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_history" ADD CONSTRAINT "inspector_history_inspector_id_inspectors_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."inspectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_history" ADD CONSTRAINT "inspector_history_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_pools" ADD CONSTRAINT "inspector_pools_inspector_id_inspectors_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."inspectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_relatives" ADD CONSTRAINT "inspector_relatives_inspector_id_inspectors_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."inspectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_relatives" ADD CONSTRAINT "inspector_relatives_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_work_relations" ADD CONSTRAINT "inspector_work_relations_inspector_id_inspectors_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."inspectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_work_relations" ADD CONSTRAINT "inspector_work_relations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspectors" ADD CONSTRAINT "inspectors_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspectors" ADD CONSTRAINT "inspectors_home_org_id_organizations_id_fk" FOREIGN KEY ("home_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspectors" ADD CONSTRAINT "inspectors_home_authority_id_authorities_id_fk" FOREIGN KEY ("home_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personnel_settings" ADD CONSTRAINT "personnel_settings_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recusal_declarations" ADD CONSTRAINT "recusal_declarations_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recusal_declarations" ADD CONSTRAINT "recusal_declarations_inspector_id_inspectors_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."inspectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondments" ADD CONSTRAINT "secondments_inspector_id_inspectors_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."inspectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_inspector_id_inspectors_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."inspectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendances" ADD CONSTRAINT "training_attendances_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendances" ADD CONSTRAINT "training_attendances_inspector_id_inspectors_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."inspectors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appraisals_uq" ON "appraisals" USING btree ("inspector_id","team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "authorizations_round_uq" ON "authorizations" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "inspector_history_idx" ON "inspector_history" USING btree ("inspector_id");--> statement-breakpoint
CREATE INDEX "inspector_history_org_idx" ON "inspector_history" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "inspector_relatives_idx" ON "inspector_relatives" USING btree ("inspector_id");--> statement-breakpoint
CREATE INDEX "inspector_relatives_org_idx" ON "inspector_relatives" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "inspector_work_relations_idx" ON "inspector_work_relations" USING btree ("inspector_id");--> statement-breakpoint
CREATE INDEX "inspectors_authority_idx" ON "inspectors" USING btree ("authority_id","name","id");--> statement-breakpoint
CREATE INDEX "recusal_declarations_idx" ON "recusal_declarations" USING btree ("inspection_id","inspector_id");--> statement-breakpoint
CREATE INDEX "secondments_inspector_idx" ON "secondments" USING btree ("inspector_id");--> statement-breakpoint
CREATE UNIQUE INDEX "team_members_uq" ON "team_members" USING btree ("team_id","inspector_id");--> statement-breakpoint
CREATE INDEX "team_members_inspector_idx" ON "team_members" USING btree ("inspector_id");--> statement-breakpoint
CREATE INDEX "training_attendances_inspector_idx" ON "training_attendances" USING btree ("inspector_id");