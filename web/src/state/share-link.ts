// Share links: the hash route holds the design id and every parameter, so opening the link
// restores the same object (same params → same content hash → same mesh on the server).
import type { AnyDesign, Params } from '../../../functions/designs/types.ts';

/** `#/design/name-tag?text=ADA&letterHeight=8` with params in schema order. */
export const designHash = (designId: string, params: Readonly<Record<string, unknown>> = {}): string => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) query.set(key, String(value));
  const text = query.toString();
  return `#/design/${encodeURIComponent(designId)}${text ? `?${text}` : ''}`;
};

/** The absolute share URL for this page's origin. */
export const shareUrl = (designId: string, params: Params): string =>
  `${location.origin}${location.pathname}${designHash(designId, params)}`;

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
