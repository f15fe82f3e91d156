// Every table, for Drizzle's typed client (platform/db.ts), migrations (drizzle-kit), the seed and
// backup. Modules never import this file: a module imports only its own `./<module>.ts`
// (scripts/check-boundaries.mjs, run by `npm run lint`, fails the build otherwise).
export * from './auditlink.ts';
export * from './auth.ts';
export * from './fieldwork.ts';
export * from './governance.ts';
export * from './orgs.ts';
export * from './personnel.ts';
export * from './petitions.ts';
export * from './planning.ts';
export * from './platform.ts';
export * from './rectification.ts';
export * from './surveys.ts';
