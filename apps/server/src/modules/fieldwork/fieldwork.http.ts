import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { sendDownload } from '../../platform/spreadsheets.ts';

// What the two route files share: path parameters, the OpenAPI tag, confidential route config and
// how files leave.

export const ZIdParam = z.strictObject({ id: z.uuid({ message: '编号格式不正确' }) });
export const ZVersionParam = z.strictObject({
  id: z.uuid({ message: '编号格式不正确' }),
  n: z.coerce.number({ error: '版本号必须是数字' }).int('版本号必须是整数').min(1, '版本号至少为1').max(100_000),
});
export const tags = ['fieldwork'];

/** A route on a confidential object: a caller without the permission gets 404, as if it were not there. */
export const hidden = <P extends string>(permission: P) => ({ permission, hideDenied: true }) as const;

/** Uploaded files and generated documents leave as attachments the browser never renders in place. */
export function sendFile(reply: FastifyReply, f: { mime: string; name: string; data: Buffer }) {
  return sendDownload(reply, f.mime, f.name, f.data)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store');
}
