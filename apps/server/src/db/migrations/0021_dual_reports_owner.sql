-- 双报告一报备 gets one owner, the governance module's dual_reports. Planning kept the three dates
-- on the inspection (written by its PUT /api/inspections/:id/dual-report, since removed); the
-- governance view fell back to them while an inspection had no dual_reports row. Those dates move
-- into dual_reports first — one row per authorized inspection with any date and no row yet, kept by
-- the county that carried it out (authorized_authority_id, else authority_id, as the service's
-- countyOf), one record per present date with no document and no check, version 1 — and only then
-- are the columns dropped. An inspection that already has a row keeps it: the governance writes
-- superseded the planning dates the moment the first one was made.
INSERT INTO "dual_reports" ("inspection_id", "authority_id", "records", "updated_at", "version")
SELECT i."id",
	coalesce(i."authorized_authority_id", i."authority_id"),
	CASE WHEN i."county_committee_report_on" IS NULL THEN '{}'::jsonb
		ELSE jsonb_build_object('countyCommittee', jsonb_build_object(
			'on', to_char(i."county_committee_report_on", 'YYYY-MM-DD'), 'docTitle', NULL::text, 'fileId', NULL::text,
			'checkedOn', NULL::text, 'checkedById', NULL::text, 'checkedByName', NULL::text)) END
	|| CASE WHEN i."sector_department_report_on" IS NULL THEN '{}'::jsonb
		ELSE jsonb_build_object('sectorDepartment', jsonb_build_object(
			'on', to_char(i."sector_department_report_on", 'YYYY-MM-DD'), 'docTitle', NULL::text, 'fileId', NULL::text,
			'checkedOn', NULL::text, 'checkedById', NULL::text, 'checkedByName', NULL::text)) END
	|| CASE WHEN i."city_office_filed_on" IS NULL THEN '{}'::jsonb
		ELSE jsonb_build_object('cityOffice', jsonb_build_object(
			'on', to_char(i."city_office_filed_on", 'YYYY-MM-DD'), 'docTitle', NULL::text, 'fileId', NULL::text,
			'checkedOn', NULL::text, 'checkedById', NULL::text, 'checkedByName', NULL::text)) END,
	now(),
	1
FROM "inspections" i
WHERE i."mode" = 'authorized'
	AND (i."county_committee_report_on" IS NOT NULL OR i."sector_department_report_on" IS NOT NULL OR i."city_office_filed_on" IS NOT NULL)
	AND NOT EXISTS (SELECT 1 FROM "dual_reports" d WHERE d."inspection_id" = i."id")
ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "inspections" DROP COLUMN "county_committee_report_on";--> statement-breakpoint
ALTER TABLE "inspections" DROP COLUMN "sector_department_report_on";--> statement-breakpoint
ALTER TABLE "inspections" DROP COLUMN "city_office_filed_on";
