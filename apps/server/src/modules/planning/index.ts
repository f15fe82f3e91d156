// The planning module's front door: terms, rounds, inspections and their stage machine, the holiday
// calendar and the deadline settings, as other modules may use them. Other modules import this
// file only, never the module's tables or inner files.
export { calendarFor, deadlinesFor } from './planning.calendar.ts';
export { planningArchiveSources } from './planning.documents.ts';
export {
  assertNotArchived,
  authorityOfPlanned,
  authorizedInspections,
  type InspectionLabel,
  type InspectionRow,
  inspectionLabels,
  inspectionsById,
  inspectionsInScopeSql,
  inspectionsOfTeams,
  inspectionsOfTeamsSql,
  inspectionsTargetingSql,
  loadInspection,
  loadInspectionRow,
  loadVisibleInspection,
  planningObject,
  targetsOf,
  teamsInStagesSql,
  teamsThatInspected,
  visibleInspectionIds,
} from './planning.inspections.ts';
export { loadRound, type RoundBrief, roundIdsOfTerm, roundsByIds } from './planning.rounds.ts';
export { prepareTransition, transitionInspection } from './planning.stages.ts';
export { loadTerm, type TermRow } from './planning.terms.ts';
export { visibleRecordsSql } from './planning.visibility.ts';
