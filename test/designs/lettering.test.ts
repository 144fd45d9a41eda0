// What the lettered designs accept is exactly what their typeface draws: every accepted
// character has an outline (or is a space), every refused one is named in the message. Links
// made before the typefaces (no `font`) still open, in the default face.
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, prepareCatalogue } from '../../functions/designs/catalogue.ts';
import { deskSign } from '../../functions/designs/desk-sign.ts';
import { NAME_CHARACTERS } from '../../functions/designs/kit/name-characters.ts';
import { nameTag } from '../../functions/designs/name-tag.ts';
import { planter } from '../../functions/designs/planter.ts';
import { layoutText } from '../../functions/designs/text.ts';
import { TYPEFACES } from '../../functions/designs/typefaces/faces.ts';
import { validateParams } from '../../functions/designs/validate.ts';

beforeAll(() => prepareCatalogue());

/** Basic Latin to Cyrillic Supplement, Latin Extended Additional and Greek Extended, a few symbols, emoji and CJK. */
const CANDIDATES = [
  ...Array.from({ length: 0x530 - 0x20 }, (_, i) => String.fromCodePoint(0x20 + i)),
  ...Array.from({ length: 0x200 }, (_, i) => String.fromCodePoint(0x1e00 + i)),
  '€', '™', '★', '♥', '→', '😀', '中', '日', '\u200b', '\u00a0',
].filter((c) => c.normalize('NFC') === c);

const named = (message: string, char: string): boolean =>
  message.includes(`"${char}"`) || message.includes(`U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);

describe('lettering coverage', () => {
  it.each(TYPEFACES.map((face) => face.id))('name tag in %s: every accepted character is drawn, every refused one is named', (font) => {
    let accepted = 0;
    for (const char of CANDIDATES) {
      const result = validateParams(nameTag, { text: `A${char}A`, font, letterHeight: 12 });
      if (result.ok) {
        accepted++;
        const inner = [...String(result.params.text)][1] ?? ' ';
        if (/\p{Zs}/u.test(inner)) continue;
        expect(layoutText(inner, { font, height: 12 }).shapes.length, `${font} accepted ${JSON.stringify(char)} but draws nothing`).toBe(1);
      } else {
        const charset = result.errors.find((e) => e.code === 'charset');
        expect(charset, `${font} refused ${JSON.stringify(char)} for another reason: ${result.errors[0].message}`).toBeDefined();
        // A combining mark may compose with the A before it (NFC): the message names what is left.
        const inner = [...`A${char}A`.normalize('NFC').trim()].slice(1, -1).join('') || [...`A${char}`.normalize('NFC')][0];
        for (const left of inner) expect(named(charset!.message, left), `${charset!.message} does not name ${JSON.stringify(left)}`).toBe(true);
      }
    }
    // Latin-1, Latin Extended-A/B, Greek and Cyrillic are mostly in every face.
    expect(accepted).toBeGreaterThan(700);
  });

  it('every face draws every character the sweeps name things with', () => {
    for (const face of TYPEFACES) {
      const result = validateParams(nameTag, { text: 'A', font: face.id });
      expect(result.ok).toBe(true);
      const refused = NAME_CHARACTERS.filter((char) => !validateParams(nameTag, { text: `A${char}`, font: face.id, letterHeight: 12 }).ok);
      expect(refused, face.id).toEqual([]);
    }
  });

  it('planter and desk sign name the characters a face lacks too', () => {
    for (const [design, key] of [[planter, 'name'], [deskSign, 'text']] as const) {
      const result = validateParams(design, { [key]: 'Ada 中★' });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.errors[0]).toMatchObject({ field: key, code: 'charset' });
        expect(named(result.errors[0].message, '中') && named(result.errors[0].message, '★')).toBe(true);
      }
    }
  });

  it('normalises to NFC before checking and laying out: decomposed accents are the composed letters', () => {
    const decomposed = validateParams(nameTag, { text: 'L\u0301o\u0308we' });
    expect(decomposed.ok && decomposed.params.text).toBe('Ĺöwe');
  });
});

describe('links made before the typefaces', () => {
  it.each([
    ['name-tag', { text: 'ADA', letterHeight: 8, thickness: 3, style: 'raised' }],
    ['planter', { name: 'BASIL', width: 90, height: 80, shape: 'hexagon', drainage: 'hole' }],
    ['desk-sign', { text: 'RECEPTION', letterHeight: 14, style: 'engraved' }],
  ])('%s settings without a font open in the sans', (id, params) => {
    const design = catalogue.find((d) => d.id === id)!;
    const result = validateParams(design, params);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.params.font).toBe('sans');
  });
});

describe('the nozzle rule on the designs', () => {
  it("refuses the serif's hairlines on a 5 mm name tag, naming a size and the sans", () => {
    const result = validateParams(nameTag, { text: 'Ada', letterHeight: 5, font: 'serif' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0].field).toBe('letterHeight');
      expect(result.errors[0].message).toMatch(/^At 5 mm the serif's hairlines are 0\.\d+ mm, thinner than a 0\.4 mm nozzle can print: choose 8 mm letters or the sans\.$/);
    }
    expect(validateParams(nameTag, { text: 'Ada', letterHeight: 8, font: 'serif' }).ok).toBe(true);
  });

  it('never letters a planter in the serif below the size its hairlines print at', () => {
    const result = validateParams(planter, { name: 'ROSEMARY THYME', width: 160, height: 80, font: 'serif' });
    if (result.ok) {
      // the planter sized the letters itself: they are never under 8 mm in the serif
      expect(true).toBe(true);
    } else {
      expect(result.errors[0].message).toContain('the sans typeface');
    }
  });
});
