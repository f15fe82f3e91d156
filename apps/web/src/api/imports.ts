import { ZImportResult } from '@xc/domain';
import { type UploadOptions, upload } from './client.ts';

export type ImportProgress = Pick<UploadOptions, 'onProgress' | 'onUploaded'>;

/**
 * Sends a filled-in import template (.xlsx) to an import route, for one authority: all rows are
 * imported or none, and a 422 IMPORT_INVALID carries the row-by-row report.
 */
export function importXlsx(path: string, authorityId: string, file: File, on: ImportProgress) {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload(path, form, ZImportResult, { query: { authorityId }, ...on });
}
