import path from "node:path";
import { pino } from "pino";
import { openServices, type Services } from "../../src/services/container.js";
import { tmpDir } from "./tmp.js";

/** Real services on a fresh embedded store in a temp folder. */
export async function openTestServices(options: { contentDir?: string; now?: Date } = {}): Promise<{
  services: Services;
  dataDir: string;
  cleanup: () => Promise<void>;
}> {
  const { dir, cleanup } = tmpDir();
  const dataDir = path.join(dir, "data");
  const now = options.now ?? new Date("2025-11-10T12:00:00Z");
  const services = await openServices(
    { dataDir, storeUrl: undefined, contentDir: options.contentDir ?? path.resolve("content") },
    { logger: pino({ level: "silent" }), clock: () => now },
  );
  return {
    services,
    dataDir,
    cleanup: async () => {
      await services.close();
      cleanup();
    },
  };
}

/** Absolute path of the shipped seed dump. */
export const SEED_FILE = path.resolve("content/asharq-al-awsat-2025-11-09.txt");
