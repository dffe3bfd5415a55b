import { json } from "@/lib/server/http";
import { route } from "@/lib/server/route";
import { otherMethods } from "@/lib/server/route-methods";
import { listProducts } from "@/lib/server/services/credits";

export const dynamic = "force-dynamic";

/** The credit packs on sale, labels in the caller's language. */
export const GET = route({}, async ({ locale }) => json({ products: await listProducts(locale) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
