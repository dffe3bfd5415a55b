import { expect, test } from "vitest";
import { sqlArgs } from "./call";

test("each argument goes under its p_ name; undefined ones stay for the adapter to leave out", () => {
  expect(sqlArgs({ userId: "u", p256dh: "k", expiresAt: undefined, providerRequestId: null })).toStrictEqual({
    p_user_id: "u",
    p_p256dh: "k",
    p_expires_at: undefined,
    p_provider_request_id: null,
  });
});
