// The petitions module's front door. Other modules (and the demo seed) import this file only,
// never the module's tables or inner files.
export { reportColumns } from './petitions.service.ts';
