// The colours of a quote, an order or a job, part by part: a swatch dot, the part, its colour
// and (when asked) its grams. One part reads just "White"; an order from before colours, nothing.
import { colourName, findColour } from '../../../functions/domain/colours.ts';
import { h } from '../dom.ts';
import { formatGrams } from '../format.ts';

export interface ColouredJob {
  colours: readonly string[];
  parts: readonly { label: string; colourSlot: number; colour: string; weightGrams: number }[];
}

/** A list of the parts in their colours, or null when the job carries none. */
export const colourList = (job: ColouredJob, { grams = false } = {}): HTMLElement | null => {
  if (!job.colours.length) return null;
  const parts = job.parts.length ? job.parts : job.colours.map((colour, slot) => ({ label: '', colourSlot: slot, colour, weightGrams: 0 }));
  const single = parts.length === 1;
  return h('ul', { class: 'colour-list', 'data-colours': job.colours.join(',') },
    parts.map((p) =>
      h('li', { 'data-part-colour': p.colour },
        h('span', { class: 'colour-dot', style: `background:${findColour(p.colour)?.hex ?? '#ccc'}`, 'aria-hidden': 'true' }),
        single || !p.label ? colourName(p.colour) : `${p.label}: ${colourName(p.colour)}`,
        grams && !single ? `, ${formatGrams(p.weightGrams)}` : '',
      ),
    ),
  );
};
