/** The context type every feature receives. */
import type { Context } from "grammy";
import type { Logger } from "pino";

/** Adds a per-update child logger (bound to `update_id`) to grammY's context. */
export interface LoggerFlavor {
  /** Logger for this update; every line carries the update id. */
  logger: Logger;
}

/** grammY's context plus the flavors createBot installs. */
export type BotContext = Context & LoggerFlavor;
