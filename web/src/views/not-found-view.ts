// A page for links that lead nowhere: says so and offers the way back.
import { h } from '../dom.ts';
import type { View } from '../view.ts';

export const notFoundView = (message = 'This page does not exist.'): View => ({
  title: 'Not found',
  root: h('section', { class: 'page narrow' }, h('h1', { tabindex: '-1' }, 'Not found'), h('p', {}, message), h('p', {}, h('a', { href: '#/' }, 'See all designs'))),
  dispose: () => undefined,
});
