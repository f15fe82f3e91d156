import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Seeds the demo city once for the whole e2e run: every spec then starts its own server on a copy
 * of this data folder (harness.ts startServer), as if it had seeded it itself. Seeding takes about
 * 20 s on a 2-core machine and copying the folder well under one, which keeps six or more specs
 * inside the time `npm test` has.
 */
export interface E2eTemplate {
  dataDir: string;
  keyFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTemplate: E2eTemplate;
  }
}

const root = path.resolve(import.meta.dirname, '..');

export default function setup(project: TestProject) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-e2e-template-'));
  const template: E2eTemplate = {
    dataDir: path.join(base, 'data'),
    keyFile: path.join(base, 'keys', 'field-keys.json'),
  };
  fs.mkdirSync(path.dirname(template.keyFile), { mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: template.dataDir,
    KEY_FILE: template.keyFile,
    LOG_LEVEL: 'warn',
    DEMO: '1',
  };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts'), 'seed'], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`demo seed for e2e failed (${r.status}): ${r.stderr}`);
  project.provide('e2eTemplate', template);
  return () => fs.rmSync(base, { recursive: true, force: true });
}
