/**
 * Sidecar metadata: `<file>.meta.json` beside an article file says what the file itself cannot,
 * e.g. `{"source": "Asharq Al-Awsat", "date": "2025-11-09"}` for a plain-text dump.
 */
import fs from "node:fs/promises";
import { z } from "zod";

const sidecarSchema = z
  .object({
    source: z.string().trim().min(1).optional(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
      .optional(),
  })
  .strict();

export type Sidecar = z.infer<typeof sidecarSchema>;

/** Read the sidecar of `file`, if there is one. Throws an Error naming the sidecar when it is invalid. */
export async function readSidecar(file: string): Promise<Sidecar | undefined> {
  const sidecarPath = `${file}.meta.json`;
  let text: string;
  try {
    text = await fs.readFile(sidecarPath, "utf8");
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`sidecar ${sidecarPath} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = sidecarSchema.safeParse(json);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`sidecar ${sidecarPath} is invalid: ${why}`);
  }
  return parsed.data;
}
