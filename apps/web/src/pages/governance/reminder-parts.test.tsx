import { screen } from '@testing-library/react';
import type { TDutyReminder } from '@xc/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { fakeServer, meFixture, ok } from '../account/testing.ts';
import { ReminderBody } from './reminder-parts.tsx';

const FILE = '0190a0a0-0000-7000-8000-0000000000f9';
const FINDINGS = ['0190a0a0-0000-7000-8000-0000000000a1', '0190a0a0-0000-7000-8000-0000000000a2'];

const reminder: TDutyReminder = {
  id: '0190a0a0-0000-7000-8000-0000000000b1',
  authorityId: meFixture().user.authorityId ?? '',
  termId: '0190a0a0-0000-7000-8000-0000000000c1',
  recipient: {
    kind: 'sectorLeader',
    name: '张副市长',
    orgId: null,
    userId: '0190a0a0-0000-7000-8000-0000000000e1',
    readAt: '2026-03-06T02:15:00.000Z',
  },
  sector: '交通',
  commonProblems: [{ id: '0190a0a0-0000-7000-8000-0000000000d1', name: '黑车非法营运' }],
  findingIds: FINDINGS,
  content: '请督促交通运输部门开展黑车整治。',
  sentOn: '2026-03-06',
  dueOn: '2026-03-20',
  status: 'submitted',
  colour: 'done',
  answers: [
    {
      id: '0190a0a0-0000-7000-8000-0000000000b2',
      whatWasDone: '已联合公安交警开展专项整治。',
      fileIds: [FILE],
      files: [{ id: FILE, name: '整治情况报告.pdf' }],
      answeredOn: '2026-03-12',
      answeredByName: '张副市长',
      judgement: null,
      judgedOn: null,
      comment: null,
    },
  ],
  version: 2,
};

let server: ReturnType<typeof fakeServer> | null = null;
afterEach(() => server?.restore());

const findingReads = () => (server?.sent ?? []).filter((s) => s.path === '/api/governance/findings');

describe('ReminderBody', () => {
  it('shows the office the findings named and each attachment by its own name', async () => {
    server = fakeServer({
      'GET /api/governance/findings': () =>
        ok({
          items: FINDINGS.map((id, i) => ({
            id,
            title: `黑车问题${i + 1}`,
            common: false,
            orgId: '0190a0a0-0000-7000-8000-000000000011',
            orgName: '某县交通运输局',
            inspectionId: '0190a0a0-0000-7000-8000-000000000012',
            inspectionName: '第一轮 · 某县交通运输局',
            sector: '交通',
            rectified: false,
          })),
        }),
    });
    renderApp(<ReminderBody r={reminder} />);
    expect(await screen.findByRole('button', { name: /整治情况报告\.pdf/ })).toBeTruthy();
    expect(screen.queryByText(/附件1/)).toBeNull();
    expect(await screen.findByText('涉及的问题（2）')).toBeTruthy();
    expect(findingReads()).toHaveLength(1);
  });

  it('tells a recipient how many findings, without reading them (the office’s route answers it 403)', async () => {
    server = fakeServer({});
    renderApp(<ReminderBody r={reminder} findings={false} />);
    expect(await screen.findByText('巡察发现的问题 2 个')).toBeTruthy();
    expect(screen.getByRole('button', { name: /整治情况报告\.pdf/ })).toBeTruthy();
    expect(screen.queryByText('涉及的问题（2）')).toBeNull();
    expect(findingReads()).toHaveLength(0);
  });
});
