// The governance module's front door (以巡促治: common problems, bulletins, duty reminders,
// campaigns, policy consultations, dual reports, conduct evaluation, archive). Other modules import
// this file only, never the module's tables or inner files.
import type { FastifyInstance } from 'fastify';
import { governanceArchiveRoutes } from './governance.archive.routes.ts';
import { governanceCampaignsRoutes } from './governance.campaigns.routes.ts';
import { governanceConductRoutes } from './governance.conduct.routes.ts';
import { governanceProblemsRoutes } from './governance.problems.routes.ts';
import { governanceRemindersRoutes } from './governance.reminders.routes.ts';

export { governanceSettingsOf } from './governance.settings.ts';

export async function governanceRoutes(app: FastifyInstance): Promise<void> {
  await governanceProblemsRoutes(app);
  await governanceRemindersRoutes(app);
  await governanceCampaignsRoutes(app);
  await governanceArchiveRoutes(app);
  await governanceConductRoutes(app);
}
