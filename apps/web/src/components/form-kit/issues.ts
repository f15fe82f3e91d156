/**
 * From validation issues (the domain schema's, or a 400 answer's details.issues) to the antd form
 * fields that show them. Pure, so the mapping is tested without rendering a form.
 */

export type NamePath = (string | number)[];

/** One message for one place in the form. */
export interface FormIssue {
  path: NamePath;
  message: string;
  /** zod's issue code; 'server' for a 400 answer's issue. */
  code: string;
  /** The value the schema complained about was left empty (known for the schema's own issues only). */
  blank?: boolean;
}

/**
 * Schema keys the form names differently (startDate and endDate are both the range picker `span`).
 * A key is renamed wherever it stands in a path, so a nested key (leaders.0.since → term) renames too;
 * a key renamed to '' drops out (a body that wraps the form's values: award.batch → batch).
 */
export type Rename = Readonly<Record<string, string>>;

const renamed = (path: readonly PropertyKey[], rename: Rename): NamePath =>
  path.map((seg) => (typeof seg === 'number' ? seg : (rename[String(seg)] ?? String(seg)))).filter((seg) => seg !== '');

/** The value at `path` inside `body`, or undefined. */
function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let cur = body;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

/** zod issues, as schema.safeParse reports them for `body`. */
export function schemaIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string; code: string }[],
  body: unknown,
  rename: Rename = {},
): FormIssue[] {
  return issues.map((i) => ({
    path: renamed(i.path, rename),
    message: i.message,
    code: i.code,
    blank: isBlank(valueAt(body, i.path)),
  }));
}

/** details.issues of a 400 answer: paths are dotted strings ('leaders.0.name'). */
export function serverIssues(details: unknown, rename: Rename = {}): FormIssue[] {
  const raw = (details as { issues?: unknown } | null | undefined)?.issues;
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(
      (i): i is { path: string; message: string } => typeof i?.path === 'string' && typeof i?.message === 'string',
    )
    .map((i) => ({
      path: renamed(
        i.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
        rename,
      ),
      message: i.message,
      code: 'server',
    }));
}

const samePrefix = (prefix: NamePath, path: NamePath) =>
  prefix.length <= path.length && prefix.every((seg, i) => String(seg) === String(path[i]));

/**
 * The field that shows an issue: the deepest registered field its path starts with (the name input
 * of leaders[0] rather than the whole list), or null when no field of the form holds that value.
 */
export function ownerOf(path: NamePath, registered: readonly NamePath[]): NamePath | null {
  let best: NamePath | null = null;
  for (const f of registered) if (samePrefix(f, path) && (!best || f.length > best.length)) best = f;
  return best;
}

/** Issues grouped by the field that shows them; `rest` are those no field can show. */
export function groupByField(
  issues: readonly FormIssue[],
  registered: readonly NamePath[],
): { fields: { name: NamePath; issues: FormIssue[] }[]; rest: FormIssue[] } {
  const byKey = new Map<string, { name: NamePath; issues: FormIssue[] }>();
  const rest: FormIssue[] = [];
  for (const issue of issues) {
    const owner = ownerOf(issue.path, registered);
    if (!owner) {
      rest.push(issue);
      continue;
    }
    const key = owner.join('\u0000');
    const entry = byKey.get(key) ?? { name: owner, issues: [] };
    entry.issues.push(issue);
    byKey.set(key, entry);
  }
  return { fields: [...byKey.values()], rest };
}

/** Nothing chosen or typed: undefined, null, blank text, an empty list, a range with neither end. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0 || value.every((v) => v === null || v === undefined);
  return false;
}

/**
 * Codes by which a schema says "not an id", "not a date", "not one of the kinds": true of an empty
 * value, but not what the user needs to read under an empty select.
 */
const SHAPE_CODES = new Set(['invalid_type', 'invalid_format', 'invalid_value', 'invalid_union']);

/**
 * The messages a field shows, each once. A value left empty of which the schema complains only
 * about the shape says that it must be filled, in the words of the form's label; every other
 * message is the schema's own (which names the field, e.g. 届次名称不能超过40个字).
 */
export function fieldMessages(issues: readonly FormIssue[], label: string | undefined): string[] {
  const out: string[] = [];
  for (const i of issues) {
    const text = label && i.blank && SHAPE_CODES.has(i.code) ? `${label}不能为空` : i.message;
    if (!out.includes(text)) out.push(text);
  }
  return out;
}
