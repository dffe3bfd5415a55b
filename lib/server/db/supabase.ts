import type { z } from "zod";
import { AppError } from "../../errors";
import { adminClient } from "../supabase/clients";
import { definedArgs, parseResult, type Rpc, toAppError } from "./rpc";

export type SupabaseRpcOptions = {
  url: string;
  secretKey: string;
};

/** The Rpc port over Supabase: `supabase.rpc` with the server-held secret key (service_role). */
export function supabaseRpc(options: SupabaseRpcOptions): Rpc {
  const client = adminClient(options);
  return {
    async call<S extends z.ZodType>(fn: string, args: Record<string, unknown>, schema: S) {
      const { data, error, status } = await client.rpc(fn, Object.fromEntries(definedArgs(args)));
      if (error) {
        const mapped = toAppError(
          {
            sqlState: error.code,
            message: error.message,
            detail: error.details,
            network: status === 0 || (status >= 500 && !error.code),
          },
          error,
        );
        if (mapped) throw mapped;
        const bug = new AppError("internal", { message: `rpc ${fn} failed: ${error.code} ${error.message}` });
        bug.cause = error;
        throw bug;
      }
      return parseResult(fn, schema, data);
    },
    close: async () => {
      await client.removeAllChannels();
    },
  };
}
