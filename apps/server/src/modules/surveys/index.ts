// The surveys module's front door: what other modules may use of questionnaires. Other modules
// import this file only, never the module's tables or inner files.
export { openSurveysFor } from './surveys.public.ts';
