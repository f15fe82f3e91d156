/** 2025-03-01 → 2025年3月1日; anything else is shown as it came. */
export function chineseDate(s: string | null | undefined): string {
  if (!s) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return s;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Codes are short letters and digits; anything else is not worth asking the server about. */
export function plausibleCode(s: string | undefined): s is string {
  return !!s && /^[A-Za-z0-9]{4,16}$/.test(s);
}

/** Survey open codes and signed single-use tokens (base64url). */
export function plausibleSurveyKey(s: string | undefined): s is string {
  return !!s && /^[A-Za-z0-9._~-]{4,200}$/.test(s);
}
