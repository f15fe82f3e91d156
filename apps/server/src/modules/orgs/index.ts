// The orgs module's front door: what other modules may use of the registry (authorities and
// organizations). Other modules import this file only, never the module's tables or inner files.
export {
  type AuthorityBrief,
  type AuthorityTree,
  authoritiesByIds,
  authorityById,
  authorityTree,
  authorityTreeJson,
  authorityTreeOf,
  childAuthorityIds,
  findAllOrgs,
  type OrgBrief,
  orgDetailsSql,
  orgLeadersOf,
  orgNameSectorSql,
  orgsByIds,
  orgsInForceSql,
} from './orgs.repository.ts';
