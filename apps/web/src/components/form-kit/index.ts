/** The staff forms' kit: schema validation, server issues and saving through useMutation. */
export { Field, FieldList, FormDrawer, FormModal, RowField, RowList, SchemaForm } from './schema-form.tsx';
export { type Action, type ActionOptions, useAction, useExport } from './use-action.ts';
export { type SchemaFormKit, type SchemaFormOptions, useSchemaForm } from './use-schema-form.ts';
export { afterToday, DATE, day, iso, optional } from './values.ts';
