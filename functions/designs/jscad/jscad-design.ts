// Turns a committed JSCAD script into a catalogue Design. The schema comes from the script's
// getParameterDefinitions() (param-map.ts) with the wrapper's overrides; what the script cannot
// say is the wrapper's to declare: id, version, the rules in the customer's words, the size it
// promises (design check and the catalogue test hold it to 0.01 mm) and the budget. build()
// calls the script's main() with our modeling shim, so its booleans become a Solid tree.
import type { Finding } from '../kit/findings.ts';
import type { Design, Params, Rule } from '../types.ts';
import type { Vec3 } from '../../mesh/types.ts';
import { resultToSolid } from './deferred-solid.ts';
import { atelierModeling } from './modeling-shim.ts';
import { mapParameters, type ParamOverride } from './param-map.ts';
import { runScript, type ScriptFactory } from './script-factory.ts';

export interface JscadDesignOptions {
  id: string;
  version: number;
  name: string;
  description: string;
  /** The generated module's factory (functions/designs/jscad-scripts/<file>.script.ts). */
  script: ScriptFactory;
  /** Changes to mapped parameters: labels, help lines, units, narrower ranges, text room. */
  overrides?: Record<string, ParamOverride>;
  /** Parameters the customer never sees, pinned to the value main() gets. */
  fixed?: Record<string, unknown>;
  rules?: Rule<Params>[];
  budget: Design['budget'];
  size: (params: Params) => Vec3;
}

/** A design made from a JSCAD script, with what `design check` reports about its parameters. */
export interface JscadDesign extends Design<Params> {
  jscad: {
    findings: Finding[];
    /** The script itself, to run with another @jscad/modeling (JSCAD's own, in the comparison tests). */
    script: ScriptFactory;
    /** Validated params → the values the script's main() receives. */
    toScript: (params: Params) => Record<string, unknown>;
    /** A script checked without a wrapper: it has no size promise, budget or rules to hold it to. */
    unwrapped?: boolean;
  };
}

export const isJscadDesign = (design: object): design is JscadDesign => 'jscad' in design;

/**
 * @example export const spacer = jscadDesign({ id: 'spacer', version: 1, ..., script: spacerScript, size: (p) => [p.outer, p.outer, p.thickness] });
 */
export const jscadDesign = (options: JscadDesignOptions): JscadDesign => {
  const script = runScript(options.script, atelierModeling);
  const mapping = mapParameters(script.getParameterDefinitions(), options.overrides, options.fixed);
  return {
    id: options.id,
    version: options.version,
    name: options.name,
    description: options.description,
    params: mapping.params,
    rules: options.rules ?? [],
    budget: options.budget,
    size: options.size,
    build: (params) => resultToSolid(script.main(mapping.toScript(params))),
    jscad: { findings: mapping.findings, script: options.script, toScript: mapping.toScript },
  };
};

/**
 * A script on its own, as `design check FILE.js` sees it before anyone wrote its wrapper: the
 * parameters as they map, the verifier over them, and a finding saying what the wrapper must add.
 */
export const unwrappedJscadDesign = (id: string, script: ScriptFactory): JscadDesign => {
  const design = jscadDesign({
    id,
    version: 0,
    name: id,
    description: `The JSCAD script ${id}, without a wrapper`,
    script,
    budget: { maxTriangles: Number.POSITIVE_INFINITY, maxSegments: Number.POSITIVE_INFINITY },
    size: () => [Number.NaN, Number.NaN, Number.NaN],
  });
  design.jscad.unwrapped = true;
  design.jscad.findings.push({
    kind: 'jscad-wrapper',
    message: `${id} has no wrapper yet, so its size promise, triangle budget, help lines and rules in the customer's words were not checked`,
  });
  return design;
};
