import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  characterClasses,
  checkPassword,
  DEFAULT_PASSWORD_POLICY,
  normalizeUsername,
  passwordExpired,
  sessionAlive,
  type TPasswordPolicy,
  USERNAME_PATTERN,
  usernameProblem,
} from './rules.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 0, 15, 8, 0, 0);
const at = (ms: number) => new Date(ms);

const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Characters that stress folding: case, width, zero-width, combining marks, compatibility forms. */
const foldUnit = fc.oneof(
  fc.constantFrom(
    'a',
    'A',
    'z',
    '0',
    '.',
    '_',
    '-',
    ' ',
    'Ａ',
    'ａ',
    '０',
    '\u200b',
    '\u200c',
    '\u200d',
    '\u2060',
    '\ufeff',
    '\u00ad',
    '\u0301',
    '\u0307',
    '\u0308',
    '\u0345',
    'e',
    'E',
    'I',
    'İ',
    'ı',
    'Σ',
    'ſ',
    'ß',
    'ẞ',
    'K',
    'ǅ',
    'ᴬ',
    '\u00a8',
    '\u3000',
    '①',
    'ﬃ',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const foldString = fc.string({ unit: foldUnit, maxLength: 10 });

describe('normalizeUsername', () => {
  it('makes full-width, zero-width and case variants collide', () => {
    expect(normalizeUsername('ａｄｍｉｎ')).toBe('admin');
    expect(normalizeUsername('ＡＤＭＩＮ')).toBe('admin');
    expect(normalizeUsername('ad\u200Bmin')).toBe('admin');
    expect(normalizeUsername('a\u200Cd\u200Dm\u2060i\uFEFFn')).toBe('admin');
    expect(normalizeUsername('ad\u00ADmin')).toBe('admin');
    expect(normalizeUsername('Admin')).toBe('admin');
    expect(normalizeUsername(' admin\u3000')).toBe('admin');
    expect(normalizeUsername('\u212Aing')).toBe('king'); // KELVIN SIGN
  });

  it('keeps different names apart', () => {
    expect(normalizeUsername('admin')).not.toBe(normalizeUsername('admin1'));
    expect(normalizeUsername('zhang.san')).not.toBe(normalizeUsername('zhang_san'));
    expect(normalizeUsername('аdmin')).not.toBe('admin'); // Cyrillic а is not folded…
    expect(usernameProblem('аdmin')).not.toBeNull(); // …so it is refused instead.
  });

  it('composes a mark with its letter once a zero-width character between them is dropped', () => {
    const k = normalizeUsername('e\u200B\u0301');
    expect(k).toBe('\u00e9');
    expect(normalizeUsername(k)).toBe(k);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(foldString, (u) => {
        const k = normalizeUsername(u);
        expect(normalizeUsername(k)).toBe(k);
      }),
      { numRuns: 3000 },
    );
  });

  it('folds any ASCII username written in full width or with zero-width characters to the same key', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{2,12}$/), fc.nat(), (u, seed) => {
        const zw = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
        const split = [...u].map((c, i) => (i > 0 && (seed >> i) & 1 ? zw[i % zw.length] + c : c)).join('');
        expect(normalizeUsername(toFullWidth(u))).toBe(u.toLowerCase());
        expect(normalizeUsername(split)).toBe(u.toLowerCase());
        expect(normalizeUsername(u.toUpperCase())).toBe(normalizeUsername(u));
      }),
    );
  });
});

describe('usernameProblem', () => {
  const MESSAGE = '用户名须为3至32位字母、数字、点、下划线或短横线，以字母或数字开头';

  it.each(['abc', 'zhang.san', 'li_si-01', '007agent', 'a'.repeat(32), 'ＡＤＭＩＮ', 'Ad\u200Bmin'])(
    'accepts %j',
    (u) => {
      expect(usernameProblem(u)).toBeNull();
    },
  );

  it.each(['', 'ab', 'a'.repeat(33), '.abc', '_abc', '-abc', 'zhang san', '张三丰', 'abc@x', 'a\u0301bc'])(
    'refuses %j with a Chinese reason',
    (u) => {
      expect(usernameProblem(u)).toBe(MESSAGE);
    },
  );

  it('judges the normalized form, so an accepted name always has an ASCII key that matches the pattern', () => {
    fc.assert(
      fc.property(foldString, (u) => {
        if (usernameProblem(u) === null) expect(USERNAME_PATTERN.test(normalizeUsername(u))).toBe(true);
      }),
    );
  });
});

describe('characterClasses', () => {
  it('counts lower, upper, digit and other', () => {
    expect(characterClasses('')).toBe(0);
    expect(characterClasses('abc')).toBe(1);
    expect(characterClasses('abcABC')).toBe(2);
    expect(characterClasses('abcABC123')).toBe(3);
    expect(characterClasses('abcABC123!')).toBe(4);
    expect(characterClasses('巡察')).toBe(1);
  });
});

describe('checkPassword', () => {
  const P = DEFAULT_PASSWORD_POLICY;
  const LENGTH = '密码长度至少8位';
  const CLASSES = '密码须包含大写字母、小写字母、数字、特殊字符中的至少3类';
  const USERNAME = '密码不能包含用户名';
  const COMMON = '密码过于常见，请更换';

  it('accepts a good password', () => {
    expect(checkPassword('Xunch@2025', P, 'zhangsan')).toEqual([]);
    expect(checkPassword('Gz#巡察7办x', P)).toEqual([]);
  });

  it('requires the minimum length, counted in code points', () => {
    expect(checkPassword('Ab1!xyz', P)).toEqual([LENGTH]);
    expect(checkPassword('Ab1!xyzw', P)).toEqual([]);
    // Seven code points although fourteen UTF-16 units.
    expect(checkPassword('Ab1!𠀀𠀀𠀀', P)).toEqual([LENGTH]);
    expect(checkPassword('x', { ...P, minLength: 12 })).toContain('密码长度至少12位');
  });

  it('requires the minimum number of character classes', () => {
    expect(checkPassword('abcdefgh', P)).toEqual([CLASSES]);
    expect(checkPassword('abcdefgH', P)).toEqual([CLASSES]);
    expect(checkPassword('abcdefH1', P)).toEqual([]);
    expect(checkPassword('abcdef!1', P)).toEqual([]);
    expect(checkPassword('abcdef!1', { ...P, minClasses: 4 })).toEqual([
      '密码须包含大写字母、小写字母、数字、特殊字符中的至少4类',
    ]);
  });

  it('refuses the username, inside the password, in any case or width', () => {
    expect(checkPassword('Zhangsan1!', P, 'zhangsan')).toEqual([USERNAME]);
    expect(checkPassword('x!1ZHANGSANx', P, 'zhangsan')).toEqual([USERNAME]);
    expect(checkPassword('Ｚｈａｎｇｓａｎ1!', P, 'zhangsan')).toContain(USERNAME);
    expect(checkPassword('Zhang\u200Bsan1!', P, 'zhangsan')).toEqual([USERNAME]);
    expect(checkPassword('Abcdef1!zhangsan', P, 'ZhangSan')).toEqual([USERNAME]);
  });

  it('refuses the reversed username, alone or inside the password', () => {
    expect(checkPassword('nasgnahz', { ...P, minClasses: 1 }, 'zhangsan')).toEqual([USERNAME]);
    expect(checkPassword('Nasgnahz1!', P, 'zhangsan')).toEqual([USERNAME]);
    expect(checkPassword('2025!NASGNAHZ', P, 'zhangsan')).toEqual([USERNAME]);
  });

  it('ignores the username check when there is no username', () => {
    expect(checkPassword('Zhangsan1!', P)).toEqual([]);
    expect(checkPassword('Zhangsan1!', P, '')).toEqual([]);
    expect(checkPassword('Zhangsan1!', P, '\u200B')).toEqual([]);
  });

  it('refuses common passwords in any case or width', () => {
    expect(checkPassword('P@ssw0rd', P)).toEqual([COMMON]);
    expect(checkPassword('Admin@123', P)).toEqual([COMMON]);
    expect(checkPassword('ADMIN@123', P)).toEqual([COMMON]);
    expect(checkPassword('Ａｄｍｉｎ＠１２３', P)).toContain(COMMON);
    expect(checkPassword('1qaz@WSX', P)).toEqual([COMMON]);
    expect(checkPassword('Woaini1314', { ...P, minClasses: 2 })).toEqual([COMMON]);
  });

  it('gives every reason at once', () => {
    expect(checkPassword('admin', P, 'admin')).toEqual([LENGTH, CLASSES, USERNAME]);
    expect(checkPassword('password', P)).toEqual([CLASSES, COMMON]);
  });

  it('accepts any long enough password with all four classes that does not contain the username, unless common', () => {
    const lower = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');
    const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    const digit = fc.constantFrom(...'0123456789');
    const special = fc.constantFrom(...'!@#$%^&*()-_=+[]{};:,.?/~巡察');
    const policy = fc.record({
      minLength: fc.integer({ min: 8, max: 24 }),
      minClasses: fc.integer({ min: 1, max: 4 }),
      expiryDays: fc.constant(90),
      historyCount: fc.constant(5),
    });
    fc.assert(
      fc.property(
        policy,
        fc.tuple(lower, upper, digit, special),
        fc.array(fc.oneof(lower, upper, digit, special), { maxLength: 30 }),
        fc.stringMatching(/^[a-z][a-z0-9._-]{2,12}$/),
        (pol: TPasswordPolicy, required, rest, username) => {
          const chars = [...required, ...rest];
          while (chars.length < pol.minLength) chars.push('x');
          const pw = chars.join('');
          const key = normalizeUsername(pw);
          fc.pre(!key.includes(username) && !key.includes([...username].reverse().join('')));
          expect(checkPassword(pw, pol, username).filter((r) => r !== COMMON)).toEqual([]);
        },
      ),
    );
  });

  it('refuses any password that contains the username or its reverse', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9._-]{2,12}$/),
        fc.string({ maxLength: 6 }),
        fc.string({ maxLength: 6 }),
        fc.boolean(),
        (username, before, after, reversed) => {
          const inner = reversed ? [...username].reverse().join('') : username.toUpperCase();
          expect(checkPassword(`${before}${inner}${after}`, DEFAULT_PASSWORD_POLICY, username)).toContain(USERNAME);
        },
      ),
    );
  });

  it('only ever gives the known Chinese reasons', () => {
    const known = new Set([LENGTH, CLASSES, USERNAME, COMMON]);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), fc.option(foldString, { nil: undefined }), (pw, u) => {
        for (const r of checkPassword(pw, P, u)) expect(known.has(r)).toBe(true);
      }),
    );
  });
});

describe('passwordExpired', () => {
  const changed = at(T0);

  it('expires exactly at expiryDays, not one millisecond before', () => {
    expect(passwordExpired(changed, at(T0 + 90 * DAY - 1), 90)).toBe(false);
    expect(passwordExpired(changed, at(T0 + 90 * DAY), 90)).toBe(true);
    expect(passwordExpired(changed, at(T0 + 90 * DAY + 1), 90)).toBe(true);
    expect(passwordExpired(changed, at(T0), 90)).toBe(false);
  });

  it('never expires when expiryDays is 0 (or negative)', () => {
    expect(passwordExpired(changed, at(T0 + 10_000 * DAY), 0)).toBe(false);
    expect(passwordExpired(changed, at(T0 + 10_000 * DAY), -1)).toBe(false);
  });

  it('does not expire a password with no change time (first-login change is enforced elsewhere)', () => {
    expect(passwordExpired(null, at(T0), 90)).toBe(false);
  });

  it('counts an invalid change time as expired rather than fresh', () => {
    expect(passwordExpired(new Date(Number.NaN), at(T0), 90)).toBe(true);
    expect(passwordExpired(changed, new Date(Number.NaN), 90)).toBe(true);
  });

  it('is expired exactly when at least expiryDays have passed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3650 }), fc.integer({ min: -DAY, max: 4000 * DAY }), (days, elapsed) => {
        expect(passwordExpired(changed, at(T0 + elapsed), days)).toBe(elapsed >= days * DAY);
      }),
    );
  });
});

describe('afterFailure', () => {
  const policy = { maxFailures: 5, lockMinutes: 30 };
  const now = at(T0);

  it('counts failures below the threshold without locking', () => {
    expect(afterFailure(0, now, policy)).toEqual({ failures: 1, lockedUntil: null });
    expect(afterFailure(3, now, policy)).toEqual({ failures: 4, lockedUntil: null });
  });

  it('locks on the Nth consecutive failure for lockMinutes and resets the count', () => {
    expect(afterFailure(4, now, policy)).toEqual({ failures: 0, lockedUntil: at(T0 + 30 * MINUTE) });
  });

  it('locks after exactly maxFailures calls starting from zero, for any policy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 1440 }), (maxFailures, lockMinutes) => {
        let failures = 0;
        for (let i = 1; i < maxFailures; i++) {
          const r = afterFailure(failures, now, { maxFailures, lockMinutes });
          expect(r).toEqual({ failures: i, lockedUntil: null });
          failures = r.failures;
        }
        const last = afterFailure(failures, now, { maxFailures, lockMinutes });
        expect(last).toEqual({ failures: 0, lockedUntil: at(T0 + lockMinutes * MINUTE) });
      }),
    );
  });

  it('still locks when the stored count is already over the threshold', () => {
    expect(afterFailure(9, now, policy).lockedUntil).toEqual(at(T0 + 30 * MINUTE));
  });

  it('restarts a corrupt count from zero instead of never locking', () => {
    expect(afterFailure(Number.NaN, now, policy)).toEqual({ failures: 1, lockedUntil: null });
    expect(afterFailure(-3, now, policy)).toEqual({ failures: 1, lockedUntil: null });
    expect(afterFailure(Number.NaN, now, { maxFailures: 1, lockMinutes: 5 }).lockedUntil).toEqual(at(T0 + 5 * MINUTE));
  });
});

describe('sessionAlive', () => {
  const policy = { idleMinutes: 30, absoluteHours: 12 };
  const created = at(T0);

  it('ends at the idle timeout: alive one millisecond before, dead at it', () => {
    const last = at(T0 + HOUR);
    expect(sessionAlive(created, last, at(T0 + HOUR + 30 * MINUTE - 1), policy)).toBe(true);
    expect(sessionAlive(created, last, at(T0 + HOUR + 30 * MINUTE), policy)).toBe(false);
  });

  it('ends at the absolute lifetime even when used a moment ago', () => {
    const end = T0 + 12 * HOUR;
    expect(sessionAlive(created, at(end - 2), at(end - 1), policy)).toBe(true);
    expect(sessionAlive(created, at(end - 1), at(end), policy)).toBe(false);
    expect(sessionAlive(created, at(end), at(end + MINUTE), policy)).toBe(false);
  });

  it('is alive right after creation', () => {
    expect(sessionAlive(created, created, created, policy)).toBe(true);
  });

  it('ends when any time is invalid', () => {
    const bad = new Date(Number.NaN);
    expect(sessionAlive(bad, created, created, policy)).toBe(false);
    expect(sessionAlive(created, bad, created, policy)).toBe(false);
    expect(sessionAlive(created, created, bad, policy)).toBe(false);
  });

  it('is alive exactly when both the idle and the absolute limits have not been reached', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 240 }),
        fc.integer({ min: 1, max: 72 }),
        fc.integer({ min: 0, max: 80 * HOUR }),
        fc.integer({ min: 0, max: 5 * HOUR }),
        (idleMinutes, absoluteHours, sinceCreated, sinceSeen) => {
          fc.pre(sinceSeen <= sinceCreated);
          const now = T0 + sinceCreated;
          const alive = sessionAlive(created, at(now - sinceSeen), at(now), { idleMinutes, absoluteHours });
          expect(alive).toBe(sinceSeen < idleMinutes * MINUTE && sinceCreated < absoluteHours * HOUR);
        },
      ),
    );
  });

  it('is monotone: once dead without activity, a later time is dead too', () => {
    fc.assert(
      fc.property(fc.nat(20 * HOUR), fc.nat(HOUR), fc.nat(20 * HOUR), (seenAfter, gap, later) => {
        const last = at(T0 + seenAfter);
        const now = T0 + seenAfter + gap;
        if (!sessionAlive(created, last, at(now), policy))
          expect(sessionAlive(created, last, at(now + later), policy)).toBe(false);
      }),
    );
  });
});
