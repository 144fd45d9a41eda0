// A picture of real geometry that fills in when the worker and renderer are done; until then
// a placeholder says what is happening. data-state (loading | ready | failed) is for tests.
import type { Params } from '../../../functions/designs/types.ts';
import { h } from '../dom.ts';
import type { ThumbnailService } from '../preview/thumbnail-service.ts';

export const thumbnail = (service: ThumbnailService, designId: string, params: Params, alt: string): HTMLElement => {
  const root = h('div', { class: 'thumb', 'data-state': 'loading' }, h('span', { class: 'thumb-note' }, 'Rendering…'));
  service.picture(designId, params).then(
    (url) => {
      root.dataset.state = 'ready';
      root.replaceChildren(h('img', { src: url, alt, width: 480, height: 360, decoding: 'async' }));
    },
    (error: unknown) => {
      root.dataset.state = 'failed';
      root.replaceChildren(h('span', { class: 'thumb-note', role: 'img', 'aria-label': `${alt}: no picture` }, 'No preview'));
      root.title = error instanceof Error ? error.message : String(error);
    },
  );
  return root;
};
