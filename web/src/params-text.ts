// A configuration in words, from the design's own schema: `Text “ADA” · Letter height 8 mm ·
// Letters: Raised`. Falls back to raw keys for a design this build does not know.
import { findDesign } from '../../functions/designs/catalogue.ts';

export const describeParams = (designId: string, params: Readonly<Record<string, unknown>>): string => {
  const design = findDesign(designId);
  if (!design) return Object.entries(params).map(([key, value]) => `${key} ${String(value)}`).join(' · ');
  return design.params
    .filter((spec) => spec.key in params)
    .map((spec) => {
      const value = params[spec.key];
      switch (spec.type) {
        case 'number':
          return `${spec.label} ${String(value)}${spec.unit === 'mm' ? ' mm' : spec.unit === 'deg' ? '°' : ''}`;
        case 'text':
          return `${spec.label} “${String(value)}”`;
        case 'choice':
          return `${spec.label}: ${spec.options.find((o) => o.value === value)?.label ?? String(value)}`;
      }
    })
    .join(' · ');
};
