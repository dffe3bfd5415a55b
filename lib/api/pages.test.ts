import { expect, test } from "vitest";
import type { LedgerPage } from "../contracts/account";
import { readPages } from "./pages";

const page = (nextCursor: string | null): LedgerPage => ({ entries: [], nextCursor });

test("pages are read in order, each with the cursor the one before handed out", async () => {
  const asked: (string | null)[] = [];
  const pages = await readPages(3, async (cursor) => {
    asked.push(cursor);
    return page(`c${asked.length}`);
  });
  expect(asked).toEqual([null, "c1", "c2"]);
  expect(pages.map((p) => p.nextCursor)).toEqual(["c1", "c2", "c3"]);
});

test("reading stops where the list ends, however many pages were wanted", async () => {
  const asked: (string | null)[] = [];
  const pages = await readPages(5, async (cursor) => {
    asked.push(cursor);
    return page(asked.length < 2 ? `c${asked.length}` : null);
  });
  expect(asked).toEqual([null, "c1"]);
  expect(pages).toHaveLength(2);
});

test("reading can start after a page already loaded", async () => {
  const asked: (string | null)[] = [];
  const pages = await readPages(
    2,
    async (cursor) => {
      asked.push(cursor);
      return page(`c${asked.length + 1}`);
    },
    "c1",
  );
  expect(asked).toEqual(["c1", "c2"]);
  expect(pages.map((p) => p.nextCursor)).toEqual(["c2", "c3"]);
});
