import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";
import { getConfig, type LogLevel } from "../config";
import { currentRequest } from "./request-context";

/**
 * Fields that may hold personal data or secrets. Code logs ids, never these; if one slips into a
 * log call anyway, it is written as "[redacted]".
 */
const REDACTED = [
  "email",
  "prompt",
  "token",
  "password",
  "cookie",
  "authorization",
  "*.email",
  "*.prompt",
  "*.token",
  "*.cookie",
  "*.authorization",
  "headers.cookie",
  "headers.authorization",
];

/**
 * A logger writing one JSON object per line to `destination` (stdout by default). Every line
 * written while a request is answered carries that request's id, route and user id.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED, censor: "[redacted]" },
      mixin() {
        const request = currentRequest();
        return request ? { requestId: request.requestId, userId: request.userId } : {};
      },
    },
    destination,
  );
}

/** Readable, coloured lines for a person at a terminal (pino-pretty, a development dependency). */
function prettyStream(): DestinationStream {
  const require = createRequire(import.meta.url);
  const pretty: (options: object) => DestinationStream = require("pino-pretty");
  return pretty({ colorize: true, sync: true, ignore: "pid,hostname", translateTime: "HH:MM:ss.l" });
}

let shared: Logger | undefined;

/** The server's logger: JSON lines in production, pretty ones in development; level from LOG_LEVEL. */
export function logger(): Logger {
  if (shared) return shared;
  const config = getConfig();
  shared = createLogger(config.logLevel, config.nodeEnv === "development" ? prettyStream() : undefined);
  return shared;
}

/** Makes `replacement` the server's logger (route tests read its lines); undefined restores the configured one. */
export function setLogger(replacement: Logger | undefined): void {
  shared = replacement;
}
