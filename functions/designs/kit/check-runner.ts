// Runs `design check FILE --json` in a fresh child process for `design serve`, each time the
// file is saved: a fresh process imports the file as saved (no module cache to bust), and a
// design that hangs or crashes cannot take the server down. The newest run wins: starting one
// stops the one before it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { CheckReport } from './check.ts';

/** What the page shows beside the model; `revision` grows with every save. */
export type CheckState =
  | { revision: number; state: 'checking' }
  | { revision: number; state: 'done'; report: CheckReport; ms: number }
  | { revision: number; state: 'error'; message: string };

export interface CheckRunnerOptions {
  file: string;
  /** The repository root: where functions/cli/design.ts and node_modules/tsx are. */
  root: string;
  /** Random configurations per check. */
  n: number;
  onState: (state: CheckState) => void;
}

export class CheckRunner {
  private revision = 0;
  private child: ChildProcess | undefined;
  private last: CheckState = { revision: 0, state: 'checking' };

  constructor(private readonly options: CheckRunnerOptions) {}

  /** The newest state, for a page that has just loaded. */
  get current(): CheckState {
    return this.last;
  }

  /** Starts a check of the file as it is now, stopping one still running. */
  run(): void {
    this.child?.kill();
    const revision = ++this.revision;
    this.publish({ revision, state: 'checking' });
    const { file, root, n } = this.options;
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'functions/cli/design.ts'), 'check', file, '--json', '--n', String(n)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('close', (code) => {
      if (revision !== this.revision) return; // a newer save replaced this run
      this.child = undefined;
      const ms = performance.now() - started;
      if (code === 0 || code === 1) {
        try {
          this.publish({ revision, state: 'done', report: JSON.parse(out.trim().split('\n').at(-1) ?? '') as CheckReport, ms });
          return;
        } catch {
          // falls through to the error below
        }
      }
      this.publish({ revision, state: 'error', message: (err.trim() || out.trim() || `check exited with ${code}`).split('\n').slice(-8).join('\n') });
    });
  }

  stop(): void {
    this.revision++;
    this.child?.kill();
    this.child = undefined;
  }

  private publish(state: CheckState): void {
    this.last = state;
    this.options.onState(state);
  }
}
