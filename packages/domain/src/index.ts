import { z } from 'zod';

// Validation messages that the schemas do not spell out themselves (unknown keys, wrong types)
// come out in Chinese on both server and web.
z.config(z.locales.zhCN());

export * from './access/roles.ts';
export * from './admin/schemas.ts';
export * from './auth/rules.ts';
export * from './auth/schemas.ts';
export * from './common/text.ts';
export * from './errors.ts';
export * from './orgs/rules.ts';
export * from './orgs/schemas.ts';
export * from './personnel/recusal.ts';
export * from './personnel/schemas.ts';
export * from './personnel/team.ts';
export * from './petitions/files.ts';
export * from './petitions/schemas.ts';
export * from './planning/calendar.ts';
export * from './planning/coverage.ts';
export * from './planning/deadlines.ts';
export * from './planning/schemas.ts';
export * from './planning/stages.ts';
export * from './surveys/rules.ts';
export * from './surveys/schemas.ts';
