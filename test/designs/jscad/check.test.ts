// `npm run design -- check` on JSCAD scripts: a wrapped script and a bare one each get a finding
// per parameter that cannot be offered, naming it, with the fix; and every committed script's
// generated module is in step with the script (what runs is what was reviewed).
import { describe, expect, it } from 'vitest';
import { runDesignCli } from '../../../functions/cli/design.ts';
import { SCRIPTS_DIR, syncScripts } from '../../../functions/designs/jscad/sync-scripts.ts';
import { FIX } from '../../../functions/designs/kit/findings.ts';

const ROOT = process.cwd();

const check = async (target: string) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDesignCli(['check', target, '--n', '5'], { out: (l) => out.push(l), err: (l) => err.push(l), root: ROOT });
  return { code, text: out.join('\n'), err: err.join('\n') };
};

describe('design check on a JSCAD script', () => {
  it('reports each parameter the wrapper left unmapped, by name, with what to do', async () => {
    const { code, text, err } = await check('test/fixtures/jscad/every-param-design.ts');

    expect(err).toBe('');
    expect(code).toBe(1);
    expect(text).toContain('[jscad-param] sizes: group "sizes" cannot be offered');
    expect(text).toContain('[jscad-param] hole: float "hole" needs both min and max');
    expect(text).toContain('[jscad-param] label: text "label": say in the wrapper\'s overrides how many characters');
    expect(text).toContain('[jscad-param] tint: color "tint" cannot be offered');
    expect(text).toContain('[parameter-changes-nothing] rounded:');
    expect(text).not.toContain('"made"'); // pinned by the wrapper
    expect(text).toContain(FIX['jscad-param']);
    expect(text).toMatch(/5 random valid configurations built/);
  });

  it('checks a bare script too, saying the wrapper is still to write', async () => {
    const { code, text } = await check('test/fixtures/jscad/every-param.js');

    expect(code).toBe(1);
    expect(text).toContain('[jscad-param] made: date "made" cannot be offered');
    expect(text).toContain('[jscad-wrapper] every-param has no wrapper yet');
    expect(text).not.toContain('[size-promise]');
  });

  it('finds nothing wrong with a committed script in its wrapper', async () => {
    const { code, text } = await check('functions/designs/hex-key-holder.ts');

    expect(text).toContain('0 findings');
    expect(code).toBe(0);
  });
});

describe('generated script modules', () => {
  it.each([SCRIPTS_DIR, 'test/fixtures/jscad'])('are in step with every script in %s', async (dir) => {
    const { written, unchanged } = await syncScripts(ROOT, dir, { write: false });

    expect(written, 'run npm run design -- jscad-sync').toEqual([]);
    expect(unchanged.length).toBeGreaterThan(0);
  });
});
