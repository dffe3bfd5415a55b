import { describe, expect, test } from "vitest";
import { pushMessageSchema } from "./push";
import {
  isAppPath,
  jobApiPath,
  jobIdFromApiPath,
  jobNotificationTag,
  parseJobFinishedPush,
  parsePageMessage,
  parseWorkerMessage,
} from "./worker-messages";

const ID = "6f1d6c2e-0000-4000-8000-000000000001";
const texts = {
  completed: { title: "Your video is ready", body: "Tap to watch it." },
  failed: { title: "Your video could not be made", body: "Your credits were refunded." },
};

describe("parsePageMessage", () => {
  test("reads watch-job and unwatch-job", () => {
    expect(parsePageMessage({ type: "watch-job", jobId: ID, notification: texts, extra: 1 })).toEqual({
      type: "watch-job",
      jobId: ID,
      shownHere: false,
      notification: texts,
    });
    // Only a real `true` makes the worker stand by; anything else means nobody reads the job.
    for (const shownHere of [true, "true", 1]) {
      expect(
        parsePageMessage({ type: "watch-job", jobId: ID, shownHere, notification: texts }),
      ).toMatchObject({
        shownHere: shownHere === true,
      });
    }
    expect(parsePageMessage({ type: "unwatch-job", jobId: ID })).toEqual({ type: "unwatch-job", jobId: ID });
  });

  test("refuses other messages, bad ids and missing or empty texts", () => {
    for (const data of [
      null,
      "watch-job",
      { type: "SKIP_WAITING" },
      { type: "watch-job", jobId: "../me", notification: texts },
      { type: "watch-job", jobId: ID },
      { type: "watch-job", jobId: ID, notification: { completed: texts.completed } },
      { type: "watch-job", jobId: ID, notification: { ...texts, failed: { title: " ", body: "x" } } },
      {
        type: "watch-job",
        jobId: ID,
        notification: { ...texts, failed: { title: "x".repeat(501), body: "x" } },
      },
    ]) {
      expect(parsePageMessage(data), JSON.stringify(data)).toBeNull();
    }
  });
});

describe("parseWorkerMessage", () => {
  test("reads job-update and job-hint, nothing else", () => {
    expect(parseWorkerMessage({ type: "job-update", job: { id: ID } })).toEqual({
      type: "job-update",
      job: { id: ID },
    });
    expect(parseWorkerMessage({ type: "job-hint", jobId: ID, status: "failed" })).toEqual({
      type: "job-hint",
      jobId: ID,
      status: "failed",
    });
    expect(parseWorkerMessage({ type: "job-update", job: null })).toBeNull();
    expect(parseWorkerMessage({ type: "job-hint", jobId: ID, status: "processing" })).toBeNull();
    expect(parseWorkerMessage({ type: "SKIP_WAITING" })).toBeNull();
    expect(parseWorkerMessage(undefined)).toBeNull();
  });
});

describe("parseJobFinishedPush", () => {
  const payload = {
    type: "job-finished",
    jobId: ID,
    status: "completed",
    title: "Your video is ready",
    body: "“Paper boat” is ready to watch.",
    url: `/jobs/${ID}`,
  };

  test("reads the server's payload", () => {
    expect(pushMessageSchema.parse(payload)).toEqual(payload);
    expect(parseJobFinishedPush(payload)).toEqual(payload);
    expect(parseJobFinishedPush({ ...payload, status: "failed" })?.status).toBe("failed");
  });

  test("refuses a payload that would open another site or lacks a field", () => {
    for (const bad of [
      { ...payload, url: "https://evil.example/jobs/1" },
      { ...payload, url: "//evil.example" },
      { ...payload, url: "/\\evil.example" },
      { ...payload, status: "processing" },
      { ...payload, type: "other" },
      { ...payload, title: "" },
      { ...payload, jobId: "1" },
      [payload],
    ]) {
      expect(parseJobFinishedPush(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});

describe("paths", () => {
  test("only GET /api/jobs/<uuid> is a single job", () => {
    expect(jobIdFromApiPath(jobApiPath(ID))).toBe(ID);
    expect(jobIdFromApiPath("/api/jobs")).toBeNull();
    expect(jobIdFromApiPath("/api/jobs/not-a-uuid")).toBeNull();
    expect(jobIdFromApiPath(`/api/jobs/${ID}/x`)).toBeNull();
    expect(jobIdFromApiPath(`/jobs/${ID}`)).toBeNull();
  });

  test("in-app paths and the notification tag", () => {
    expect(isAppPath(`/jobs/${ID}`)).toBe(true);
    expect(isAppPath("/")).toBe(true);
    expect(isAppPath("jobs")).toBe(false);
    expect(isAppPath(42)).toBe(false);
    expect(jobNotificationTag(ID)).toBe(`job-${ID}`);
  });
});
