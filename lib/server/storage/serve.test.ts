import { expect, test } from "vitest";
import { contentDisposition, parseRange } from "./serve";

test("single byte ranges", () => {
  expect(parseRange("bytes=0-1", 100)).toEqual([0, 1]);
  expect(parseRange("bytes=10-", 100)).toEqual([10, 99]);
  expect(parseRange("bytes=-10", 100)).toEqual([90, 99]);
  expect(parseRange("bytes=-1000", 100)).toEqual([0, 99]);
  expect(parseRange("bytes=50-5000", 100)).toEqual([50, 99]);
  expect(parseRange("Bytes = 3 - 4", 100)).toEqual([3, 4]);
  expect(parseRange("bytes=99-99", 100)).toEqual([99, 99]);
});

test("unsatisfiable ranges", () => {
  expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
  expect(parseRange("bytes=100-200", 100)).toBe("unsatisfiable");
  expect(parseRange("bytes=-0", 100)).toBe("unsatisfiable");
  expect(parseRange("bytes=0-", 0)).toBe("unsatisfiable");
  expect(parseRange("bytes=-5", 0)).toBe("unsatisfiable");
});

test("headers a server may ignore serve the whole file", () => {
  for (const header of [
    null,
    "",
    "bytes=",
    "bytes=-",
    "bytes=5-1",
    "bytes=0-1,4-5",
    "items=0-1",
    "bytes=a-b",
    "bytes=99999999999999999999-",
  ]) {
    expect(parseRange(header, 100), String(header)).toBe("full");
  }
});

test("content disposition", () => {
  expect(contentDisposition("rendio.mp4")).toBe('attachment; filename="rendio.mp4"');
  expect(contentDisposition("video ñ.mp4")).toBe(
    "attachment; filename=\"video n.mp4\"; filename*=UTF-8''video%20%C3%B1.mp4",
  );
  expect(contentDisposition('x"; evil=1.mp4')).toBe(
    "attachment; filename=\"x_ evil_1.mp4\"; filename*=UTF-8''x_%3B%20evil%3D1.mp4",
  );
  expect(contentDisposition("\ud800")).toBe("attachment; filename=\"download\"; filename*=UTF-8''_");
});
