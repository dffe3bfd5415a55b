/** A page of a list read with cursors: the cursor of the page after it, null at the end. */
export type CursorPage = { nextCursor: string | null };

/**
 * The pages after `start` (null: from the top), in order (each page's cursor comes from the one
 * before), until `count` pages are read or the list ends.
 */
export async function readPages<P extends CursorPage>(
  count: number,
  readPage: (cursor: string | null) => Promise<P>,
  start: string | null = null,
): Promise<P[]> {
  const pages: P[] = [];
  let cursor = start;
  while (pages.length < count) {
    const page = await readPage(cursor);
    pages.push(page);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return pages;
}
