// A desk sign: a wedge whose 45° front face carries a name or a word in raised or engraved
// letters, in one colour or with the letters in a second one. Printed as delivered, standing on
// its base: the face leans back 45°, so the letters' lower edges overhang no more than 45° and
// nothing needs support.
import { geometries, maths } from '../mesh/jscad.ts';
import { difference, extrudeShapes, transform, union, type Solid } from '../mesh/solid.ts';
import type { Vec3 } from '../mesh/types.ts';
import { fontParam, measureText, prepareText, strokeRule, textSolid } from './text.ts';
import { COLOURS_PARAM, twoColourBodies } from './two-colour.ts';
import { defineDesign, type NumberParam } from './types.ts';

type DeskSignParams = { text: string; letterHeight: number; style: string; font: string; colours: string };

const MARGIN = 4; // mm of face around the text, along and up the slope
const LIP = 2; // mm vertical front edge under the face
const TOP = 6; // mm flat top behind the face
const RELIEF = 1; // mm letters stand up or go in
const MAX_LENGTH = 220; // mm, fits a 250 mm bed with room
const A = Math.SQRT1_2; // sin 45° = cos 45°

const LETTER_HEIGHT: NumberParam = {
  key: 'letterHeight', type: 'number', unit: 'mm', label: 'Letter height', help: 'Height of capital letters', min: 8, max: 30, step: 1, default: 14,
};

const textExtent = (p: DeskSignParams) => measureText(p.text, { font: p.font, height: p.letterHeight });
const signLength = (p: DeskSignParams): number => textExtent(p).width + 2 * MARGIN;
/** Length of the sloped face, bottom edge to top edge. */
const faceLength = (p: DeskSignParams): number => Math.max(p.letterHeight, textExtent(p).height) + 2 * MARGIN;
const rise = (p: DeskSignParams): number => faceLength(p) * A;

/** The wedge, x centred, front lip at y = 0, standing on z = 0. */
const wedge = (p: DeskSignParams): Solid => {
  const h = rise(p);
  const section = geometries.geom2.fromPoints([[0, 0], [h + TOP, 0], [h + TOP, LIP + h], [h, LIP + h], [0, LIP]]);
  // Section (u, v) → (y, z); extrusion → x.
  const place = maths.mat4.fromValues(0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, -signLength(p) / 2, 0, 0, 1);
  return transform(place, extrudeShapes([section], signLength(p)));
};

/** Letters on the face: text x → x, text up → up the slope, extrusion → out of the face. */
const onFace = (p: DeskSignParams, offset: number, depth: number): Solid => {
  const h = rise(p);
  const [y, z] = [h / 2 - offset * A, LIP + h / 2 + offset * A];
  const place = maths.mat4.fromValues(1, 0, 0, 0, 0, A, A, 0, 0, -A, A, 0, 0, y, z, 1);
  return transform(place, textSolid(p.text, { font: p.font, height: p.letterHeight, depth }));
};

export const deskSign = defineDesign<DeskSignParams>({
  id: 'desk-sign',
  // 2: outline typefaces with kerning replace the single-stroke font.
  version: 2,
  name: 'Desk sign',
  description: 'A name plate for a desk, counter or door-side shelf, with raised or engraved letters on a 45° face.',
  params: [
    {
      key: 'text', type: 'text', unit: 'text', label: 'Text', help: 'A name, a role or a room; Latin, Greek or Cyrillic letters, digits and punctuation',
      minLength: 1, maxLength: 18, default: 'RECEPTION', letteredIn: 'font',
    },
    LETTER_HEIGHT,
    {
      key: 'style', type: 'choice', unit: 'choice', label: 'Letters', help: 'Raised letters catch the light; engraved ones never chip',
      options: [{ value: 'raised', label: 'Raised' }, { value: 'engraved', label: 'Engraved' }], default: 'raised',
    },
    fontParam('The typeface of the letters'),
    COLOURS_PARAM,
  ],
  rules: [
    { fields: ['letterHeight', 'font'], check: (p) => strokeRule(p.font, p.letterHeight, LETTER_HEIGHT) },
    {
      fields: ['text', 'letterHeight'],
      check: (p) => {
        const length = signLength(p);
        return length > MAX_LENGTH
          ? `"${p.text}" in ${p.letterHeight} mm letters makes a sign ${Math.ceil(length)} mm long, but signs can be at most ${MAX_LENGTH} mm: use fewer characters or smaller letters`
          : null;
      },
    },
  ],
  budget: { maxTriangles: 40_000, maxSegments: 12 },
  prepare: prepareText,
  size: (p): Vec3 => [signLength(p), rise(p) + TOP, LIP + rise(p)],
  build: (p) =>
    p.colours === 'two'
      ? twoColourBodies(wedge(p), (offset, depth) => onFace(p, offset, depth), p.style, RELIEF)
      : p.style === 'raised'
      ? union(wedge(p), onFace(p, -0.01, RELIEF + 0.01))
      : difference(wedge(p), onFace(p, -RELIEF, RELIEF + 1)),
});
