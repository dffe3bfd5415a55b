import { z } from "zod";
import { emailSchema } from "@/lib/contracts/auth";
import { json, parseWith } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { readOutbox } from "@/lib/server/services/auth";

export const dynamic = "force-dynamic";

const query = z.object({ email: emailSchema.nullable() });

/** The local mailer's messages, newest first (404 in supabase mode, where real mail is sent). */
export const GET = route({}, async ({ request }) => {
  const { email } = parseWith(query, { email: new URL(request.url).searchParams.get("email") });
  return json({ messages: await readOutbox(email) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
