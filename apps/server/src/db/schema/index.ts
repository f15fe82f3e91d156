export * from './orgs.ts';
export * from './platform.ts';
