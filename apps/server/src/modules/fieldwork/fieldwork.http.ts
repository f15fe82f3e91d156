import { z } from 'zod';
import { ZIdParam } from '../../platform/routes.ts';

// What the two route files share: the version path parameter, the OpenAPI tag and confidential
// route config.

export const ZVersionParam = ZIdParam.extend({
  n: z.coerce.number({ error: '版本号必须是数字' }).int('版本号必须是整数').min(1, '版本号至少为1').max(100_000),
});
export const tags = ['fieldwork'];

/** A route on a confidential object: a caller without the permission gets 404, as if it were not there. */
export const hidden = <P extends string>(permission: P) => ({ permission, hideDenied: true }) as const;
