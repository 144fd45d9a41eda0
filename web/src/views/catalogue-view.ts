// The catalogue: every design with a picture rendered from its real geometry at default
// settings, and a line on what it is for.
import { catalogue } from '../../../functions/designs/catalogue.ts';
import { defaultParams } from '../../../functions/designs/validate.ts';
import type { AppContext } from '../app-context.ts';
import { thumbnail } from '../components/thumbnail.ts';
import { h } from '../dom.ts';
import { designHash } from '../state/share-link.ts';
import type { View } from '../view.ts';

export const catalogueView = (ctx: AppContext): View => {
  const remembered = ctx.memory.configurations().length + ctx.memory.orders().length;
  const root = h('section', { class: 'page' },
    h('h1', { tabindex: '-1' }, 'Made for you, printed near you'),
    h('p', { class: 'lead' }, 'Pick a design, set it to exactly what you need and see the real object in 3D. A print shop near you makes it only once you order.'),
    h('ul', { class: 'cards', 'aria-label': 'Designs' },
      catalogue.map((design) =>
        h('li', { class: 'card', 'data-design': design.id },
          h('a', { href: designHash(design.id), class: 'card-link' },
            thumbnail(ctx.thumbnails, design.id, defaultParams(design), `${design.name} at its default settings`),
            h('h2', {}, design.name),
            h('p', {}, design.description),
            h('span', { class: 'card-cta', 'aria-hidden': 'true' }, 'Make it yours →'),
          ),
        ),
      ),
    ),
    remembered ? h('p', {}, h('a', { href: '#/yours' }, `Your ${remembered} saved configuration${remembered === 1 ? '' : 's'} and orders in this browser`)) : null,
  );
  return { title: 'Designs', root, dispose: () => undefined };
};
