/**
 * What the admin commands call: health counts for /stats and a reload of CONTENT_DIR for
 * /reload. The admin check itself stays in the bot feature; this service never sees a user.
 */
import type { IngestReport, IngestService } from "../ingest/ingest-service.js";
import type { MetaRepo, StoreMeta } from "../store/meta-repo.js";

/** Delivery counts for one UTC day (the subscriptions service's `stats`). */
export interface DeliveryStats {
  subscribers: number;
  active: number;
  paused: number;
  sentToday: number;
  lateToday: number;
  failedToday: number;
  skippedToday: number;
}

/** Everything /stats shows. */
export interface AdminStats extends DeliveryStats {
  articles: number;
  lastIngest: StoreMeta["lastIngest"];
  /** The instant the figures were taken (ISO); "today" is its UTC day. */
  at: string;
}

/** The outcome of /reload: the ingest report, or "busy" when a reload is already running. */
export type ReloadResult = { kind: "done"; report: IngestReport } | { kind: "busy" };

/** Admin operations. */
export interface AdminService {
  stats(): Promise<AdminStats>;
  /** Re-ingest CONTENT_DIR (unchanged files are recognised and skipped by the ingest service). */
  reload(): Promise<ReloadResult>;
}

/** Dependencies of {@link createAdminService}. */
export interface AdminServiceDeps {
  deliveryStats: (now: Date) => Promise<DeliveryStats>;
  meta: Pick<MetaRepo, "get">;
  ingest: Pick<IngestService, "ingestPaths">;
  contentDir: string;
  clock: () => Date;
}

/** Create the service. One reload at a time: a second /reload while one runs gets "busy". */
export function createAdminService(deps: AdminServiceDeps): AdminService {
  let reloading = false;
  return {
    async stats() {
      const now = deps.clock();
      const [delivery, meta] = await Promise.all([deps.deliveryStats(now), deps.meta.get()]);
      return { ...delivery, articles: meta.articleCount, lastIngest: meta.lastIngest, at: now.toISOString() };
    },
    async reload() {
      if (reloading) return { kind: "busy" };
      reloading = true;
      try {
        return { kind: "done", report: await deps.ingest.ingestPaths([deps.contentDir]) };
      } finally {
        reloading = false;
      }
    },
  };
}
