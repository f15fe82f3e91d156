export * from './orgs.ts';
export * from './planning.ts';
export * from './platform.ts';
