export * from './orgs.ts';
export * from './personnel.ts';
export * from './planning.ts';
export * from './platform.ts';
