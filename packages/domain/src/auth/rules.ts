/**
 * Identity rules of security.md: username normalisation and the password policy. Pure functions;
 * the server applies them with the settings in force.
 */

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/**
 * Two usernames collide when this key is equal: NFKC folds full-width forms, zero-width is dropped,
 * case is folded. Applied until stable so the key of a key is the key itself: dropping a zero-width
 * character can join a letter to a combining mark that NFKC then composes (`e\u200B\u0301`).
 */
export function normalizeUsername(u: string): string {
  let cur = u;
  for (let i = 0; i < 4; i++) {
    const next = cur.replace(ZERO_WIDTH, '').normalize('NFKC').toLowerCase().trim();
    if (next === cur) break;
    cur = next;
  }
  return cur;
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;

export function usernameProblem(u: string): string | null {
  const n = normalizeUsername(u);
  if (!USERNAME_PATTERN.test(n)) return '用户名须为3至32位字母、数字、点、下划线或短横线，以字母或数字开头';
  return null;
}

export interface TPasswordPolicy {
  minLength: number;
  minClasses: number;
  expiryDays: number;
  historyCount: number;
}

export const DEFAULT_PASSWORD_POLICY: TPasswordPolicy = {
  minLength: 8,
  minClasses: 3,
  expiryDays: 90,
  historyCount: 5,
};

/** A short list of the passwords most tried against Chinese government systems; compared case-insensitively. */
const COMMON = new Set(
  [
    'password',
    'password1',
    'password123',
    'passw0rd',
    'p@ssw0rd',
    'p@ssword1',
    'admin123',
    'admin@123',
    'admin1234',
    'qwer1234',
    'qwerty123',
    'abc12345',
    'abcd1234',
    'abc@1234',
    'a1234567',
    'a12345678',
    'aa123456',
    '1qaz2wsx',
    '1qaz@wsx',
    '1q2w3e4r',
    'zxcv1234',
    'root1234',
    'test1234',
    'welcome1',
    'iloveyou1',
    'woaini1314',
    'abc123456',
    'admin888',
    'p@ssw0rd1',
    'qwe123!@#',
    'asdf1234',
    'changeme1',
  ].map((s) => s.toLowerCase()),
);

export function characterClasses(pw: string): number {
  let n = 0;
  if (/[a-z]/.test(pw)) n++;
  if (/[A-Z]/.test(pw)) n++;
  if (/[0-9]/.test(pw)) n++;
  if (/[^A-Za-z0-9]/.test(pw)) n++;
  return n;
}

/** Chinese reasons the password breaks the policy; empty when it complies. */
export function checkPassword(pw: string, policy: TPasswordPolicy, username?: string): string[] {
  const reasons: string[] = [];
  const len = [...pw].length;
  if (len < policy.minLength) reasons.push(`密码长度至少${policy.minLength}位`);
  if (characterClasses(pw) < policy.minClasses)
    reasons.push(`密码须包含大写字母、小写字母、数字、特殊字符中的至少${policy.minClasses}类`);
  if (username) {
    const u = normalizeUsername(username);
    const p = normalizeUsername(pw);
    if (u.length > 0 && (p.includes(u) || p.includes([...u].reverse().join('')))) reasons.push('密码不能包含用户名');
  }
  // Folded like usernames, so full-width or zero-width variants of a common password are caught too.
  if (COMMON.has(pw.toLowerCase()) || COMMON.has(normalizeUsername(pw))) reasons.push('密码过于常见，请更换');
  return reasons;
}

/** True when a password last changed at `changedAt` has expired at `now` (expiryDays 0 = never). */
export function passwordExpired(changedAt: Date | null, now: Date, expiryDays: number): boolean {
  if (expiryDays <= 0 || !changedAt) return false;
  // Written as "not younger than" so an invalid date (NaN) counts as expired, not as fresh.
  return !(now.getTime() - changedAt.getTime() < expiryDays * 86_400_000);
}

export interface TLockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

/** After a failed attempt: the new failure count and, when the threshold is reached, the lock end. */
export function afterFailure(
  failures: number,
  now: Date,
  policy: TLockoutPolicy,
): { failures: number; lockedUntil: Date | null } {
  // A missing or corrupt count (NaN, negative) restarts from zero instead of never reaching the threshold.
  const n = (Number.isFinite(failures) && failures > 0 ? Math.floor(failures) : 0) + 1;
  if (n >= policy.maxFailures)
    return { failures: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
  return { failures: n, lockedUntil: null };
}

export interface TSessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

/**
 * Whether a session created at `createdAt` and last used at `lastSeenAt` is still alive at `now`.
 * A timeout of T ends the session once T has elapsed (alive while elapsed < T), the same as an
 * `expires_at > now()` check. Comparisons are written so an invalid date (NaN) ends the session.
 */
export function sessionAlive(createdAt: Date, lastSeenAt: Date, now: Date, p: TSessionPolicy): boolean {
  const t = now.getTime();
  const idleOk = t - lastSeenAt.getTime() < p.idleMinutes * 60_000;
  const absoluteOk = t - createdAt.getTime() < p.absoluteHours * 3_600_000;
  return idleOk && absoluteOk;
}
