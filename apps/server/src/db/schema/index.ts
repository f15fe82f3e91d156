export * from './orgs.ts';
export * from './personnel.ts';
export * from './petitions.ts';
export * from './planning.ts';
export * from './platform.ts';
export * from './surveys.ts';
