// The orgs module's front door: what other modules may use of the registry (authorities and
// organizations). Other modules import this file only, never the module's tables or inner files.
export {
  type AuthorityBrief,
  authoritiesByIds,
  authorityById,
  authorityTree,
  childAuthorityIds,
  findAllOrgs,
  type OrgBrief,
  orgDetailsSql,
  orgLeadersOf,
  orgsByIds,
  orgsInForceSql,
} from './orgs.repository.ts';
