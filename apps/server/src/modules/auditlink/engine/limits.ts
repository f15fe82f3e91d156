/** Hits kept from one run; a rule that finds more is set too loosely to be worked hit by hit (hitCount says how many). */
export const MAX_HITS = 20_000;

/** Invalid rows listed per run (invalidRowCount is exact). */
export const MAX_INVALID_LISTED = 5_000;

/** Invalid rows kept per prepared table. */
export const MAX_INVALID_KEPT = 1_000;

/** Evidence rows per role and hit of the aggregate rules: an item billed ten thousand times a month is one finding. */
export const MAX_EVIDENCE_PER_ROLE = 200;
