ALTER TABLE "announcements" DROP CONSTRAINT "announcements_inspection_id_inspections_id_fk";
--> statement-breakpoint
ALTER TABLE "public_codes" DROP CONSTRAINT "public_codes_inspection_id_inspections_id_fk";
--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_codes" ADD CONSTRAINT "public_codes_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;