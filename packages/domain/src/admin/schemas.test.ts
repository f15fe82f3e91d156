import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY } from '../auth/rules.ts';
import { ZLoginRequest, ZPasswordChange } from '../auth/schemas.ts';
import {
  AUDIT_ACTION_LABELS,
  DEFAULT_SETTINGS,
  latestPurgeBefore,
  SETTING_LABELS,
  ZAuditPurge,
  ZGrantCreate,
  ZSettings,
  ZUserCreate,
} from './schemas.ts';

describe('settings', () => {
  it('defaults to the values of security.md and passes its own schema', () => {
    expect(ZSettings.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({
      passwordMinLength: 8,
      passwordMinClasses: 3,
      passwordExpiryDays: 90,
      passwordHistoryCount: 5,
      lockoutMaxFailures: 5,
      lockoutMinutes: 30,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
    });
    expect(DEFAULT_SETTINGS.auditRetentionDays).toBeGreaterThanOrEqual(180);
  });

  it('agrees with the default password policy of the rules', () => {
    expect(DEFAULT_PASSWORD_POLICY).toEqual({
      minLength: DEFAULT_SETTINGS.passwordMinLength,
      minClasses: DEFAULT_SETTINGS.passwordMinClasses,
      expiryDays: DEFAULT_SETTINGS.passwordExpiryDays,
      historyCount: DEFAULT_SETTINGS.passwordHistoryCount,
    });
  });

  it('labels every setting', () => {
    expect(Object.keys(SETTING_LABELS).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });

  it('refuses settings weaker than the floor, in Chinese', () => {
    const msg = (patch: Partial<typeof DEFAULT_SETTINGS>) =>
      ZSettings.safeParse({ ...DEFAULT_SETTINGS, ...patch }).error?.issues.map((i) => i.message);
    expect(msg({ passwordMinLength: 7 })).toEqual(['密码最短长度不能少于8位']);
    expect(msg({ lockoutMaxFailures: 2 })).toEqual(['连续失败次数不能少于3次']);
    expect(msg({ auditRetentionDays: 179 })).toEqual(['审计日志至少保存180天']);
    expect(msg({ sessionIdleMinutes: 4 })).toEqual(['空闲超时不能少于5分钟']);
  });
});

describe('strict request schemas', () => {
  it('reject unknown fields', () => {
    expect(ZLoginRequest.safeParse({ username: 'a', password: 'b', remember: true }).success).toBe(false);
    expect(ZPasswordChange.safeParse({ currentPassword: 'a', newPassword: 'b', username: 'c' }).success).toBe(false);
    expect(ZUserCreate.safeParse({ username: 'zhangsan', displayName: '张三', roles: ['sysAdmin'] }).success).toBe(
      false,
    );
    expect(ZGrantCreate.safeParse({ role: 'reviewer', scopeType: 'authority', userId: 'x' }).success).toBe(false);
  });

  it('give Chinese messages for empty credentials', () => {
    expect(ZLoginRequest.safeParse({ username: '', password: '' }).error?.issues.map((i) => i.message)).toEqual([
      '请输入用户名',
      '请输入密码',
    ]);
  });

  it('default a grant to not include children', () => {
    const scopeId = '0190c3c5-1111-7000-8000-000000000001';
    expect(ZGrantCreate.parse({ role: 'reviewer', scopeType: 'authority', scopeId }).includeChildren).toBe(false);
  });

  it('ties each role to its kind of scope, with a scope object except for the whole system', () => {
    const id = '0190c3c5-1111-7000-8000-000000000001';
    expect(ZGrantCreate.safeParse({ role: 'reviewer', scopeType: 'authority' }).error?.issues[0]?.message).toBe(
      '请选择授权范围',
    );
    expect(ZGrantCreate.safeParse({ role: 'sysAdmin', scopeType: 'system', scopeId: id }).success).toBe(false);
    expect(ZGrantCreate.safeParse({ role: 'targetLiaison', scopeType: 'authority', scopeId: id }).success).toBe(false);
    expect(ZGrantCreate.safeParse({ role: 'sysAdmin', scopeType: 'system' }).success).toBe(true);
  });
});

describe('purging the audit log', () => {
  it('allows dates up to today minus the retention, across month and leap-year ends', () => {
    expect(latestPurgeBefore('2026-03-02', 180)).toBe('2025-09-03');
    expect(latestPurgeBefore('2028-03-01', 1095)).toBe('2025-03-02');
    expect(latestPurgeBefore('2026-01-01', 180)).toBe('2025-07-05');
  });

  it('takes a real date and nothing else, in Chinese', () => {
    expect(ZAuditPurge.parse({ before: '2025-01-31' })).toEqual({ before: '2025-01-31' });
    for (const bad of [{}, { before: '2025-02-30' }, { before: '2025/01/31' }, { before: 20250131 }])
      expect(ZAuditPurge.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(ZAuditPurge.safeParse({ before: '2025-01-31', cutoff: '2025-12-31' }).success).toBe(false);
    const r = ZAuditPurge.safeParse({ before: '2025-13-01' });
    expect(r.error?.issues[0]?.message).toMatch(/清理截止日期/);
    expect(AUDIT_ACTION_LABELS['audit.purge']).toBe('清理过期审计日志');
  });
});
