/**
 * node-cron's distributed mode on Redis: every instance schedules the digest tick, and for each
 * fire node-cron asks `shouldRun("<task name>:<slot ISO>", ttlMs)`; the first instance to
 * `SET <prefix>:<key> <owner> NX PX ttlMs` runs it, the others skip ("not-elected").
 *
 * The key names one slot, so it is left to expire rather than deleted on completion: deleting it
 * would let an instance whose timer fires a little late (a busy event loop, a slow clock) win the
 * same slot again. The digest tick is idempotent anyway (the ledger knows what is final); this
 * only saves the duplicate work. Runs that outlast a tick are covered by the per-digest claims.
 */
import { randomUUID } from "node:crypto";
import { type Logger as CronLogger, createTask, type RunCoordinator, type ScheduledTask } from "node-cron";
import type { RedisClient } from "../store/redis-client.js";

/** Options of {@link createRedisRunCoordinator}. */
export interface RedisRunCoordinatorOptions {
  /** Stored as the key's value, for debugging ("who ran 06:30?"); default a random id. */
  owner?: string;
}

/** A node-cron RunCoordinator whose election keys are `<prefix>:<task name>:<slot ISO>`. */
export function createRedisRunCoordinator(
  client: RedisClient,
  prefix: string,
  options: RedisRunCoordinatorOptions = {},
): RunCoordinator {
  const owner = options.owner ?? `cron-${process.pid}-${randomUUID().slice(0, 8)}`;
  return {
    async shouldRun(key, ttlMs) {
      const taken = await client.set(`${prefix}:${key}`, owner, {
        condition: "NX",
        expiration: { type: "PX", value: Math.max(1000, Math.ceil(ttlMs)) },
      });
      return taken === "OK";
    },
  };
}

/** Options of {@link distributedTaskFactory}. */
export interface DistributedTaskOptions {
  coordinator: RunCoordinator;
  /** The task name, shared by every instance (it is part of the election key); default "digest-tick". */
  name?: string;
  /** How long an election key lives, in ms; default 60,000 (longer than any clock skew we expect). */
  leaseMs?: number;
  /** node-cron's own messages (see scheduler.ts for the adapter the app already uses). */
  logger?: CronLogger;
}

/**
 * A `createTask` for `startDigestScheduler({ createTask })` that makes the tick distributed: same
 * cron expression on every instance, one run per fire across all of them.
 */
export function distributedTaskFactory(
  options: DistributedTaskOptions,
): (cron: string, run: () => Promise<void>) => Pick<ScheduledTask, "start" | "stop" | "destroy"> {
  return (cron, run) =>
    createTask(cron, run, {
      name: options.name ?? "digest-tick",
      noOverlap: true,
      distributed: true,
      runCoordinator: options.coordinator,
      distributedLease: options.leaseMs ?? 60_000,
      ...(options.logger ? { logger: options.logger } : {}),
    });
}
