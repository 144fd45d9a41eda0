// What the agent remembers on disk, in the download folder: for each held job, how far it got
// (downloaded, sliced, uploaded, started, printing), which G-code (sha256) went to which
// printer under which name, and a problem that waits for the shop. Written atomically (temp
// file + rename), so a crash leaves the old state or the new one, never half of either. A
// restarted agent reads it and follows the print it started instead of starting another.
// `agent retry ID` leaves a request file beside it, which the running agent takes up.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProductionStage, SlicedFigures } from '../domain/production.ts';
import type { PrinterKind, PrinterPhase } from './printers/printer.ts';
import { filamentCount } from '../domain/colours.ts';

export const STATE_FILE = '.atelier-agent-state.json';
const RETRY_PREFIX = '.atelier-agent-retry-';

/** How far a job got at this shop, in order. */
export type JobStage = 'claimed' | 'downloaded' | 'sliced' | 'uploaded' | 'started' | 'printing' | 'printed';

export interface FileRecord {
  path: string;
  sha256: string;
  bytes: number;
}

export interface JobRecord {
  id: string;
  designId: string;
  /** Filaments the job loads (distinct colours; absent on jobs from before colours: one). */
  filaments?: number;
  stage: JobStage;
  stl?: FileRecord;
  threeMf?: FileRecord;
  /** The G-code the slicer made, and its figures. */
  gcode?: FileRecord & { figures: SlicedFigures };
  /** The figures reached Atelier (they go with the first heartbeat after slicing). */
  figuresReported?: boolean;
  /** Which printer holds the G-code (sha256) under which name. */
  upload?: { kind: PrinterKind; url: string; name: string; sha256: string; at: number };
  /** What the printer showed just before our upload or start: an old finished or cancelled print of the same name is not ours. */
  baseline?: { phase: PrinterPhase; file: string | null };
  /** The printer showed our file printing at least once since the upload. */
  sawPrinting?: boolean;
  /** Start requests sent since the upload. */
  starts?: number;
  /** PRINTING / PRINTED reached Atelier. */
  reported?: { printing?: boolean; printed?: boolean };
  /** Waits for the shop: `agent retry ID` (or the print started again on the printer) clears it. */
  problem?: { stage: ProductionStage; message: string; at: number };
  /** Reported PRINTING by someone else before the agent handed it off: followed only if the printer shows it. */
  adopted?: boolean;
  /** Set by a retry: what the printer shows at the next look is the old state, not news. */
  retried?: boolean;
  /** The last line printed for this job, so a waiting job does not repeat itself every round. */
  lastNote?: string;
  updatedAt: number;
}

export interface AgentStateFile {
  version: 1;
  jobs: Record<string, JobRecord>;
}

/** A job id as a file name part (ids are base64url already; anything else is replaced). */
const safeId = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');

export class StateStore {
  readonly path: string;
  private jobs: Record<string, JobRecord> | null = null;

  constructor(readonly dir: string) {
    this.path = join(dir, STATE_FILE);
  }

  /** The records, read from disk on first use. A missing file is an empty state; an unreadable one is an error (never silently forgotten). */
  async load(): Promise<Record<string, JobRecord>> {
    if (this.jobs) return this.jobs;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      this.jobs = {};
      return this.jobs;
    }
    const data = JSON.parse(text) as Partial<AgentStateFile>;
    if (data.version !== 1 || typeof data.jobs !== 'object' || data.jobs === null) throw new Error(`${this.path} is not an agent state file (version 1)`);
    this.jobs = data.jobs;
    return this.jobs;
  }

  async get(id: string): Promise<JobRecord | undefined> {
    return (await this.load())[id];
  }

  /** The record of a job, created at stage claimed when new. */
  async ensure(job: { id: string; designId: string; colours?: readonly string[] }, now: number): Promise<JobRecord> {
    const jobs = await this.load();
    const filaments = job.colours ? filamentCount(job.colours) : 1;
    jobs[job.id] ??= { id: job.id, designId: job.designId, ...(filaments > 1 ? { filaments } : {}), stage: 'claimed', updatedAt: now };
    return jobs[job.id];
  }

  /** Forgets jobs that are no longer this shop's open work. */
  async keepOnly(ids: readonly string[]): Promise<string[]> {
    const jobs = await this.load();
    const gone = Object.keys(jobs).filter((id) => !ids.includes(id));
    for (const id of gone) delete jobs[id];
    return gone;
  }

  /** Writes the whole state: temp file in the same folder, then rename over the old one. */
  async save(): Promise<void> {
    const jobs = await this.load();
    await mkdir(this.dir, { recursive: true });
    const temp = `${this.path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    const body: AgentStateFile = { version: 1, jobs };
    try {
      await writeFile(temp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /** Leaves a retry request for the running agent (or the next one to start). */
  async requestRetry(id: string, now: number): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, `${RETRY_PREFIX}${safeId(id)}`);
    await writeFile(path, `${JSON.stringify({ id, at: now })}\n`, { mode: 0o600 });
    return path;
  }

  /** The retry requests waiting, removed as they are read: [job id]. */
  async takeRetries(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const ids: string[] = [];
    for (const name of names.filter((n) => n.startsWith(RETRY_PREFIX))) {
      const path = join(this.dir, name);
      try {
        const { id } = JSON.parse(await readFile(path, 'utf8')) as { id?: unknown };
        if (typeof id === 'string') ids.push(id);
      } catch {
        // unreadable request: dropped below
      }
      await rm(path, { force: true });
    }
    return ids;
  }
}

/**
 * Sets a held job back so the next round starts it again (with --start): the G-code already
 * on the printer is started again when the record says it is there (same sha256); otherwise
 * it is uploaded again; a job whose slicing failed is sliced again.
 */
export function resetForRetry(record: JobRecord, now: number): void {
  const resliced = record.problem?.stage === 'slicing' || !record.gcode;
  const onPrinter = !resliced && record.upload !== undefined && record.upload.sha256 === record.gcode?.sha256;
  record.stage = onPrinter ? 'uploaded' : !resliced ? 'sliced' : record.threeMf ? 'downloaded' : 'claimed';
  for (const key of ['problem', 'baseline', 'sawPrinting', 'starts', 'lastNote', 'adopted'] as const) delete record[key];
  if (!onPrinter) delete record.upload;
  if (resliced) delete record.gcode;
  record.retried = true;
  record.updatedAt = now;
}
