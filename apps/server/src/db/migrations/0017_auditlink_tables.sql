CREATE TABLE "audit_link_datasets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"status" text NOT NULL,
	"format" text,
	"encoding" text,
	"rows" integer DEFAULT 0 NOT NULL,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"columns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"header_row" integer,
	"checksum" text,
	"storage_id" text NOT NULL,
	"key_version" integer NOT NULL,
	"invalid_id_rows" integer DEFAULT 0 NOT NULL,
	"preview_enc" text,
	"id_problems_enc" text,
	"progress_at" timestamp with time zone NOT NULL,
	"uploaded_by_id" uuid NOT NULL,
	"uploaded_by_name" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_link_hits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"keys_enc" text NOT NULL,
	"evidence_enc" text NOT NULL,
	"measures" jsonb NOT NULL,
	"key_hashes" text[] NOT NULL,
	"status" text NOT NULL,
	"dismiss_reason" text,
	"record_id" uuid,
	"decided_by_id" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_link_invalid_rows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"role" text NOT NULL,
	"dataset_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"column" text NOT NULL,
	"logical" text NOT NULL,
	"value_enc" text,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_link_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"authority_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"rule" text NOT NULL,
	"template_version" integer NOT NULL,
	"inputs" jsonb NOT NULL,
	"params" jsonb NOT NULL,
	"status" text NOT NULL,
	"phase" text,
	"progress" real DEFAULT 0 NOT NULL,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"hit_count" integer DEFAULT 0 NOT NULL,
	"invalid_count" integer DEFAULT 0 NOT NULL,
	"sql" text NOT NULL,
	"input_checksums" jsonb NOT NULL,
	"error" text,
	"created_by_id" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_link_datasets" ADD CONSTRAINT "audit_link_datasets_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_link_datasets" ADD CONSTRAINT "audit_link_datasets_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_link_hits" ADD CONSTRAINT "audit_link_hits_run_id_audit_link_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."audit_link_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_link_invalid_rows" ADD CONSTRAINT "audit_link_invalid_rows_run_id_audit_link_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."audit_link_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_link_runs" ADD CONSTRAINT "audit_link_runs_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_link_runs" ADD CONSTRAINT "audit_link_runs_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_link_datasets_inspection_idx" ON "audit_link_datasets" USING btree ("inspection_id","uploaded_at","id");--> statement-breakpoint
CREATE INDEX "audit_link_hits_run_idx" ON "audit_link_hits" USING btree ("run_id","seq");--> statement-breakpoint
CREATE INDEX "audit_link_hits_keys_idx" ON "audit_link_hits" USING gin ("key_hashes");--> statement-breakpoint
CREATE INDEX "audit_link_invalid_rows_run_idx" ON "audit_link_invalid_rows" USING btree ("run_id","seq");--> statement-breakpoint
CREATE INDEX "audit_link_runs_inspection_idx" ON "audit_link_runs" USING btree ("inspection_id","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_link_runs_status_idx" ON "audit_link_runs" USING btree ("status");