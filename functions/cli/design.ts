// `npm run design`: the design kit for people adding to the catalogue.
//   check FILE|ID [--n 200] [--seed S] [--max-p95 MS] [--json]  everything the catalogue test enforces, on one design
//   new ID                                                       scaffold functions/designs/ID.ts and its test
//   jscad-sync [DIR]                                             regenerate the modules of the JSCAD scripts in DIR
//   serve FILE [--port 5173] [--n 50]                            the configurator for that one file, rebuilt on save
// Exit codes: 0 clean, 1 findings, 2 usage or load error.
import { pathToFileURL } from 'node:url';
import { SCRIPTS_DIR, syncScripts } from '../designs/jscad/sync-scripts.ts';
import { checkDesign, DEFAULT_RUNS, DEFAULT_SEED } from '../designs/kit/check.ts';
import { loadDesign } from '../designs/kit/load.ts';
import { formatReport } from '../designs/kit/report.ts';
import { scaffoldDesign } from '../designs/kit/scaffold.ts';

export const HELP = `Usage:
  npm run design -- check FILE|ID [--n ${DEFAULT_RUNS}] [--seed ${DEFAULT_SEED}] [--max-p95 MS]
  npm run design -- new ID
  npm run design -- jscad-sync [DIR]
  npm run design -- serve FILE [--port 5173] [--n 50]

check   builds N random valid configurations (fixed seed) through the mesh verifier, checks the
        size promise (0.01 mm), the triangle budget at every range end, rules that refuse
        everything, values no valid configuration reaches, parameters that change nothing,
        determinism and STL/3MF round trips; prints build time p50/p95 and, per finding, the
        fastest route to fix it. --max-p95 makes a slow build at the largest params a finding.
        --json prints the report as JSON. FILE may be a JSCAD script (.js): its parameters as
        they map, each one that cannot be offered as a finding, before it has a wrapper.
new     writes functions/designs/ID.ts and test/designs/ID.test.ts from a template that checks clean.
jscad-sync  writes NAME.script.ts beside every JSCAD script NAME.js in DIR (default ${SCRIPTS_DIR}):
        the script's text unchanged inside a function, which a design wraps with jscadDesign().
serve   opens the configurator for FILE alone (Vite dev server, no API, no ordering): the preview
        rebuilds and \`check\` runs again (N configurations) each time the file is saved, with its
        findings beside the model. Prints the URL; Ctrl-C stops it.
Exit codes: 0 no findings, 1 findings, 2 usage or load error.`;

export interface DesignCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  root: string;
}

const numberFlag = (args: string[], name: string): number | undefined => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = Number(args[at + 1]);
  if (!Number.isFinite(value) || args[at + 1] === undefined) throw new Error(`${name} needs a number`);
  args.splice(at, 2);
  return value;
};

const flag = (args: string[], name: string): boolean => {
  const at = args.indexOf(name);
  if (at >= 0) args.splice(at, 1);
  return at >= 0;
};

export const runDesignCli = async (argv: string[], io: DesignCliIo): Promise<number> => {
  const [command, ...rest] = argv;
  const args = [...rest];
  try {
    if (command === 'check') {
      const n = numberFlag(args, '--n');
      const seed = numberFlag(args, '--seed');
      const maxP95Ms = numberFlag(args, '--max-p95');
      const json = flag(args, '--json');
      if (args.length !== 1 || (n !== undefined && !(Number.isInteger(n) && n > 0))) throw new Error('check needs one FILE or ID and an optional whole --n');
      const design = await loadDesign(args[0]);
      const report = await checkDesign(design, { n, seed, maxP95Ms });
      io.out(json ? JSON.stringify(report) : formatReport(report));
      return report.findings.length ? 1 : 0;
    }
    if (command === 'new') {
      if (args.length !== 1) throw new Error('new needs one ID');
      const files = await scaffoldDesign(io.root, args[0]);
      io.out(`wrote ${files.designFile}\nwrote ${files.testFile}\nnext: npm run design -- check ${files.designFile}, then add it to functions/designs/catalogue.ts`);
      return 0;
    }
    if (command === 'jscad-sync') {
      if (args.length > 1) throw new Error('jscad-sync takes at most one DIR');
      const { written, unchanged } = await syncScripts(io.root, args[0]);
      io.out([...written.map((f) => `wrote ${f}`), `${unchanged.length} unchanged`].join('\n'));
      return 0;
    }
    if (command === 'serve') {
      const port = numberFlag(args, '--port');
      const n = numberFlag(args, '--n');
      if (args.length !== 1) throw new Error('serve needs one FILE');
      const { serveDesign } = await import('../designs/kit/serve.ts'); // loads Vite only for serve
      const served = await serveDesign({ file: args[0], root: io.root, port, n });
      process.once('SIGINT', () => void served.close());
      io.out(`serving ${served.designIds.join(', ')} from ${args[0]} at ${served.url}\nsave the file to rebuild the preview and check it again; Ctrl-C stops`);
      await served.closed;
      return 0;
    }
    io.err(HELP);
    return command === '--help' || command === '-h' ? 0 : 2;
  } catch (error) {
    io.err(`error: ${(error as Error).message}`);
    return 2;
  }
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runDesignCli(process.argv.slice(2), { out: console.log, err: console.error, root: process.cwd() });
}
