import type { TQuestion, TSurveyAnswers } from '@xc/domain';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, day, id, refersTo, version } from './columns.ts';
import { authorities } from './orgs.ts';
import { teams } from './personnel.ts';
import { inspections, rounds } from './planning.ts';

/** A questionnaire about an inspection, a round or a team, answered by the public through QR codes. */
export const surveys = pgTable(
  'surveys',
  {
    id: id(),
    authorityId: refersTo('authority_id', () => authorities.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    intro: text('intro'),
    status: text('status').notNull().default('draft'),
    targetType: text('target_type').notNull(),
    inspectionId: uuid('inspection_id').references(() => inspections.id),
    roundId: uuid('round_id').references(() => rounds.id),
    teamId: uuid('team_id').references(() => teams.id),
    questions: jsonb('questions').$type<TQuestion[]>().notNull(),
    keyQuestionId: text('key_question_id'),
    /** The open QR code's short code; answers through it are unverified and capped per client. */
    openCode: text('open_code').notNull(),
    openCap: integer('open_cap').notNull().default(2),
    createdAt: createdAt(),
    createdByName: text('created_by_name'),
    version: version(),
  },
  (t) => [
    uniqueIndex('surveys_open_code_uq').on(t.openCode),
    index('surveys_authority_idx').on(t.authorityId, t.createdAt),
    index('surveys_inspection_idx').on(t.inspectionId),
  ],
);

/** A batch of signed single-use links: the tokens themselves are never stored, only their use. */
export const surveyBatches = pgTable(
  'survey_batches',
  {
    id: id(),
    surveyId: refersTo('survey_id', () => surveys.id),
    count: integer('count').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    createdByName: text('created_by_name'),
  },
  (t) => [index('survey_batches_idx').on(t.surveyId)],
);

/**
 * One answer sheet: no IP, no User-Agent, the day only, a random (v4) id, and nothing that names
 * the single-use link it came through — only its batch (verified answers) or none (the open code,
 * unverified). Choice answers stay in `answers` for the tallies; free-text answers are a sealed
 * JSON object in `texts_enc` (AAD survey_answers|id|texts|keyVersion).
 */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    id: id(),
    surveyId: refersTo('survey_id', () => surveys.id),
    batchId: uuid('batch_id').references(() => surveyBatches.id),
    textsEnc: text('texts_enc'),
    verified: boolean('verified').notNull(),
    answeredOn: day('answered_on').notNull(),
    answers: jsonb('answers').$type<TSurveyAnswers>().notNull(),
  },
  (t) => [index('survey_answers_survey_idx').on(t.surveyId)],
);

/**
 * The single-use links already used, apart from the answers: a keyed MAC of batch and index
 * (HMAC-SM3 under a key derived from the link-signing key, so the table alone does not say which
 * numbered slip was used), with no time and no reference to the answer written with it. Its
 * primary key is what accepts a link once under any concurrency; the spent row and the answer are
 * written in one statement.
 */
export const surveySpentTokens = pgTable(
  'survey_spent_tokens',
  {
    tokenMac: text('token_mac').primaryKey(),
    batchId: refersTo('batch_id', () => surveyBatches.id),
  },
  (t) => [index('survey_spent_tokens_batch_idx').on(t.batchId)],
);
