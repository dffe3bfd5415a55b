export const COMPILE_HINT: string;
export function startupChunks(nextDir: string): string[];
export function markStartupChunks(nextDir: string): { chunks: number; marked: number };
