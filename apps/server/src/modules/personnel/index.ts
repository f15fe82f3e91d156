// The personnel module's front door: inspectors, teams and who sees which team. Other modules
// import this file only, never the module's tables or inner files.
export { personnelArchiveSources } from './personnel.documents.ts';
export {
  type ConductLinesSource,
  type InspectorTeam,
  inspectorTeams,
  registerConductLines,
} from './personnel.inspectors.ts';
export {
  affiliatedOrgIds,
  createTeam,
  deleteTeam,
  listTeams,
  seesAllTeams,
  type TeamAccess,
  type TeamBrief,
  type TeamMemberBrief,
  teamAccess,
  teamBriefs,
  teamMembersOf,
  teamNameSql,
  teamNamesByIds,
  updateTeam,
} from './personnel.teams.ts';
