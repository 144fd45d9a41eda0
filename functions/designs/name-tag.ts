// A name tag / keychain: a rounded plate with a key-ring hole and raised or engraved text, in
// one colour or with the letters in a second one (raised letters on the plate, or an inlay
// filling the engraving flush with the top).
import { extrusions, primitives } from '../mesh/jscad.ts';
import { difference, fromGeom3, translate, union } from '../mesh/solid.ts';
import type { Vec3 } from '../mesh/types.ts';
import { fontParam, measureText, prepareText, strokeRule, textSolid } from './text.ts';
import { COLOURS_PARAM, twoColourBodies } from './two-colour.ts';
import { defineDesign, type NumberParam } from './types.ts';

type NameTagParams = { text: string; letterHeight: number; thickness: number; style: string; font: string; colours: string };

const MARGIN = 3; // mm of plate around the text
const HOLE_ZONE = 9; // mm at the left end reserved for the key-ring hole
const HOLE_RADIUS = 2.5;
const RELIEF = 1; // mm that raised text stands up or engraved text goes down
const MAX_LENGTH = 120;
const SEGMENTS = 32;

const LETTER_HEIGHT: NumberParam = {
  key: 'letterHeight', type: 'number', unit: 'mm', label: 'Letter height', help: 'Height of capital letters', min: 5, max: 12, step: 0.5, default: 8,
};

const textExtent = (p: NameTagParams) => measureText(p.text, { font: p.font, height: p.letterHeight });
const textWidth = (p: NameTagParams): number => textExtent(p).width;
const plateLength = (p: NameTagParams): number => HOLE_ZONE + textWidth(p) + 2 * MARGIN;
// Descenders, accents and symbols such as "#" or "(" reach past the cap height; the plate grows to hold them.
const plateWidth = (p: NameTagParams): number => Math.max(p.letterHeight, textExtent(p).height) + 2 * MARGIN;

export const nameTag = defineDesign<NameTagParams>({
  id: 'name-tag',
  // 3: outline typefaces with kerning replace the single-stroke font.
  version: 3,
  name: 'Name tag',
  description: 'A keychain or bag tag with your name in raised or engraved letters.',
  params: [
    {
      key: 'text', type: 'text', unit: 'text', label: 'Text', help: 'Letters in Latin, Greek or Cyrillic script, digits and punctuation',
      minLength: 1, maxLength: 14, default: 'ATELIER', letteredIn: 'font',
    },
    LETTER_HEIGHT,
    { key: 'thickness', type: 'number', unit: 'mm', label: 'Plate thickness', help: 'Thicker is stiffer', min: 2, max: 5, step: 0.5, default: 3 },
    {
      key: 'style', type: 'choice', unit: 'choice', label: 'Letters', help: 'Raised letters stand out; engraved ones never wear off',
      options: [{ value: 'raised', label: 'Raised' }, { value: 'engraved', label: 'Engraved' }], default: 'raised',
    },
    fontParam('Sans reads best small; the serif needs larger letters for its fine strokes'),
    COLOURS_PARAM,
  ],
  rules: [
    { fields: ['letterHeight', 'font'], check: (p) => strokeRule(p.font, p.letterHeight, LETTER_HEIGHT) },
    {
      fields: ['text', 'letterHeight'],
      check: (p) => {
        const length = plateLength(p);
        return length > MAX_LENGTH
          ? `"${p.text}" makes a tag ${Math.ceil(length)} mm long, but tags can be at most ${MAX_LENGTH} mm: use fewer characters or smaller letters`
          : null;
      },
    },
  ],
  budget: { maxTriangles: 40_000, maxSegments: SEGMENTS },
  prepare: prepareText,
  size: (p): Vec3 => [plateLength(p), plateWidth(p), p.thickness + (p.style === 'raised' ? RELIEF : 0)],
  build: (p) => {
    const length = plateLength(p);
    const width = plateWidth(p);
    const plate = fromGeom3(
      extrusions.extrudeLinear({ height: p.thickness }, primitives.roundedRectangle({ size: [length, width], roundRadius: 3, segments: SEGMENTS })),
    );
    const hole = fromGeom3(
      primitives.cylinder({ radius: HOLE_RADIUS, height: p.thickness * 3, center: [-length / 2 + HOLE_ZONE / 2 + 1, 0, 0], segments: SEGMENTS }),
    );
    const textCentreX = -length / 2 + HOLE_ZONE + MARGIN + textWidth(p) / 2;
    const text = { font: p.font, height: p.letterHeight };
    if (p.colours === 'two') {
      const lettersAt = (offset: number, depth: number) => translate([textCentreX, 0, p.thickness + offset], textSolid(p.text, { ...text, depth }));
      return twoColourBodies(difference(plate, hole), lettersAt, p.style, RELIEF);
    }
    const letters = textSolid(p.text, { ...text, depth: RELIEF + 0.01 });
    if (p.style === 'raised') {
      return difference(union(plate, translate([textCentreX, 0, p.thickness - 0.01], letters)), hole);
    }
    return difference(plate, hole, translate([textCentreX, 0, p.thickness - RELIEF], letters));
  },
});
