/**
 * `npm run bench [name…]`: the measured targets of the issues, each against a baseline taken in
 * the same run. Not part of `npm test`. Names: cold-start, import, orgs-list, coverage, suggestion,
 * survey-answers, findings, auditlink, petition-search, crash (BENCH_CRASH_CYCLES, default 50), login,
 * rectification (BENCH_FINDINGS, BENCH_TASKS, BENCH_QUERIES).
 */
import { benchColdStart } from './cold-start.bench.ts';
import { benchCoverage } from './coverage.bench.ts';
import { benchImport } from './import.bench.ts';
import { benchOrgList } from './orgs-list.bench.ts';
import { benchSuggestion } from './suggestion.bench.ts';
import { benchSurveyAnswers } from './survey-answers.bench.ts';

const all: Record<string, () => Promise<Record<string, number>>> = {
  'cold-start': benchColdStart,
  import: benchImport,
  'orgs-list': benchOrgList,
  coverage: benchCoverage,
  suggestion: benchSuggestion,
  'survey-answers': benchSurveyAnswers,
  auditlink: async () => (await import('./auditlink.bench.ts')).benchAuditLink(),
  findings: async () => (await import('./findings.bench.ts')).benchFindings(),
  'petition-search': async () => (await import('./petition-search.bench.ts')).benchPetitionSearch(),
  crash: async () => (await import('./crash.bench.ts')).benchCrash(),
  login: async () => (await import('./login.bench.ts')).benchLogin(),
  rectification: async () => (await import('./rectification.bench.ts')).benchRectification(),
};
const pick = process.argv.slice(2);
const results: Record<string, Record<string, number>> = {};
for (const [name, fn] of Object.entries(all)) {
  if (pick.length && !pick.includes(name)) continue;
  results[name] = await fn();
}
console.log(`\n${JSON.stringify(results, null, 2)}`);
