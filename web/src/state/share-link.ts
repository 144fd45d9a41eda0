// Share links: the hash route holds the design id and every parameter, so opening the link
// restores the same object (same params → same content hash → same mesh on the server).
import type { AnyDesign, Params } from '../../../functions/designs/types.ts';

/** The query key of the picked colours (`colour=blue,yellow`); no design parameter is called so. */
export const COLOUR_KEY = 'colour';

/** `#/design/name-tag?text=ADA&letterHeight=8` with params in schema order, then the colours if given. */
export const designHash = (designId: string, params: Readonly<Record<string, unknown>> = {}, colours: readonly string[] = []): string => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) query.set(key, String(value));
  if (colours.length) query.set(COLOUR_KEY, colours.join(','));
  const text = query.toString();
  return `#/design/${encodeURIComponent(designId)}${text ? `?${text}` : ''}`;
};

/** The absolute share URL for this page's origin. */
export const shareUrl = (designId: string, params: Params, colours: readonly string[] = []): string =>
  `${location.origin}${location.pathname}${designHash(designId, params, colours)}`;

/** The colours a link asks for (palette ids, one per slot), or none. */
export const coloursFromQuery = (query: URLSearchParams): string[] => (query.get(COLOUR_KEY) ?? '').split(',').map((c) => c.trim()).filter(Boolean);

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i;

/**
 * Raw values from a link's query for the schema's keys, numbers parsed. Anything that is not
 * a number stays text, so the validator explains the problem next to the field.
 */
export const paramsFromQuery = (design: AnyDesign, query: URLSearchParams): Record<string, unknown> => {
  const raw: Record<string, unknown> = {};
  for (const spec of design.params) {
    const value = query.get(spec.key);
    if (value === null) continue;
    raw[spec.key] = spec.type === 'number' && NUMBER.test(value.trim()) ? Number(value) : value;
  }
  return raw;
};
