// The 巡审贯通 module's front door (issue 14): its routes for app.ts, and for the demo seed the
// operations a team performs, run as the services run them (a dataset read in, a run queued and
// finished, hits made into a working paper draft). Other modules import this file only, never the
// module's tables or inner files.
export { ingestDataset } from './auditlink.datasets.ts';
export { hitsToPaper } from './auditlink.hits.ts';
export { auditlinkRoutes } from './auditlink.routes.ts';
export { createRun } from './auditlink.runs.ts';
export { closeRuntime as closeAuditLink, runtimeOf } from './auditlink.runtime.ts';
