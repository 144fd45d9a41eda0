// Runs the JSCAD reference in a child process with a hard time limit per configuration.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Params } from '../../functions/designs/types.ts';
import type { JscadReply, JscadRequest } from './jscad-child.ts';
import { percentile } from './stats.ts';

export type JscadResult = { ok: true; p50: number; runs: number; openEdges: number; volume: number } | { ok: false; reason: string };

const CHILD = fileURLToPath(new URL('./jscad-child.ts', import.meta.url));

export const timeJscad = (designId: string, params: Params, { maxRuns = 3, budgetMs = 20_000, timeoutMs = 90_000 } = {}): Promise<JscadResult> =>
  new Promise((resolve) => {
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    const settle = (result: JscadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      resolve(result);
    };
    const timer = setTimeout(() => settle({ ok: false, reason: `timed out after ${timeoutMs / 1000} s` }), timeoutMs);
    child.on('message', (reply: JscadReply) =>
      settle(
        reply.ok
          ? { ok: true, p50: percentile(reply.samples, 50), runs: reply.samples.length, openEdges: reply.openEdges, volume: reply.volume }
          : { ok: false, reason: reply.error },
      ),
    );
    child.on('exit', (code) => settle({ ok: false, reason: `child exited with code ${code}` }));
    child.on('error', (error) => settle({ ok: false, reason: error.message }));
    child.send({ designId, params, maxRuns, budgetMs } satisfies JscadRequest);
  });
