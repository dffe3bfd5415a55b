/**
 * Signed media links change their query (`exp` and `sig`; on Supabase Storage, `token`) on every
 * read, while the file behind them never changes. A link's file is its origin and path.
 */
export function mediaFileOf(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
