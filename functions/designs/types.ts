// What a catalogue entry is: a parameter schema, rules a customer can understand, a promise
// about the finished size, a budget, and a pure build() returning a Solid tree, or several
// bodies (base, letters) for an item printed in more than one filament.
import type { Body } from '../mesh/bodies.ts';
import type { Solid } from '../mesh/solid.ts';
import type { Vec3 } from '../mesh/types.ts';

export type { Body } from '../mesh/bodies.ts';

export type ParamValue = number | string;
export type Params = Record<string, ParamValue>;

interface ParamBase {
  key: string;
  label: string;
  /** One line shown under the control. */
  help: string;
}

export interface NumberParam extends ParamBase {
  type: 'number';
  unit: 'mm' | 'deg' | 'count';
  min: number;
  max: number;
  step: number;
  default: number;
}

export interface TextParam extends ParamBase {
  type: 'text';
  unit: 'text';
  minLength: number;
  maxLength: number;
  default: string;
  /** Set when the text is lettered: the key of the choice naming its typeface, whose character map decides what is accepted. */
  letteredIn?: string;
}

export interface ChoiceParam extends ParamBase {
  type: 'choice';
  unit: 'choice';
  options: { value: string; label: string }[];
  default: string;
}

export type ParamSpec = NumberParam | TextParam | ChoiceParam;

/** A cross-parameter rule: returns a customer-readable message when broken, else null. */
export interface Rule<P> {
  /** The fields the message is about; the first is where a form shows it. */
  fields: string[];
  check: (params: P) => string | null;
}

export interface Design<P extends Params = Params> {
  id: string;
  /** Bumped whenever build() gives different geometry for the same params. */
  version: number;
  name: string;
  /** One line on what it is for. */
  description: string;
  params: ParamSpec[];
  rules: Rule<P>[];
  /** Upper bounds the schema ranges guarantee; tests check them at the extremes. */
  budget: { maxTriangles: number; maxSegments: number };
  /** The bounding-box size [x, y, z] in mm the finished mesh will have. */
  size: (params: P) => Vec3;
  /**
   * The geometry: one Solid for a single-part item, or bodies that touch but never overlap,
   * each with a role, a label and a colour slot (0 = the first filament).
   */
  build: (params: P) => Solid | Body[];
  /**
   * Loads what rules and build() read but cannot fetch themselves (a typeface), for the raw,
   * not yet validated params. Every host awaits it before validateParams and build().
   */
  prepare?: (rawParams: unknown) => Promise<void>;
}

/**
 * Runs a design's preload for every option of each of its choices, so any valid params can
 * be validated and built afterwards: for tools that try many configurations (the design kit,
 * benchmarks, tests).
 */
export const prepareEveryOption = async (design: Design<any>): Promise<void> => {
  if (!design.prepare) return;
  await design.prepare({});
  for (const spec of design.params) {
    if (spec.type === 'choice') for (const option of spec.options) await design.prepare({ [spec.key]: option.value });
  }
};

/**
 * The preload step of a design: a no-op for designs without one.
 * @example await prepareDesign(nameTag, body.params); const result = validateParams(nameTag, body.params);
 */
export const prepareDesign = async (design: Design<any>, rawParams: unknown): Promise<void> => {
  await design.prepare?.(rawParams);
};

/** Helps TypeScript check a design against its own params type. */
export const defineDesign = <P extends Params>(design: Design<P>): Design<P> => design;

/** A design with its params type erased, as the catalogue and the API hold it. */
export type AnyDesign = Design<any>;
