import dayjs, { type Dayjs } from 'dayjs';

/**
 * Between antd's controls and the schemas' values: dates as 'YYYY-MM-DD' strings, optional text
 * left out of the body when blank.
 */

export const DATE = 'YYYY-MM-DD';

/** A stored date as a DatePicker's value. */
export const day = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s) : null);

/** A DatePicker's value as the schemas' date; undefined when empty, so an optional date stays out. */
export const iso = (d: Dayjs | null | undefined): string | undefined => (d ? d.format(DATE) : undefined);

/** disabledDate of a day that cannot lie ahead (a letter received, a training held). */
export const afterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** Optional text: blank stays out of the body, so the schema's optional field stays absent. */
export const optional = (s: string | null | undefined): string | undefined => (s?.trim() ? s : undefined);
