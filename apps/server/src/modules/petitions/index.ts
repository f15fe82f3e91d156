// The petitions module's front door. Other modules (and the demo seed) import this file only,
// never the module's tables or inner files.
export { sealPendingPetitions } from './petitions.at-rest.ts';
export {
  eventColumns,
  fileColumns,
  messageColumns,
  reportColumns,
  triageColumns,
} from './petitions.sealed.ts';
export { countPetitions } from './petitions.service.ts';
