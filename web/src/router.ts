// A tiny hash router: `#/path?query` → a view. Hash routes need no server rewrite rules (S3 +
// CloudFront or the local host serve one index.html), and the order link the API hands out
// is already `/#/orders/<id>?token=…`. The old view is disposed before the new one mounts.
import type { View } from './view.ts';

export interface Route {
  pattern: RegExp;
  create: (match: string[], query: URLSearchParams) => View;
}

export class HashRouter {
  private current: View | undefined;
  private first = true;

  constructor(private readonly outlet: HTMLElement, private readonly routes: Route[], private readonly fallback: () => View) {}

  start(): void {
    addEventListener('hashchange', this.render);
    this.render();
  }

  navigate(hash: string): void {
    if (location.hash === hash) this.render();
    else location.hash = hash;
  }

  private readonly render = (): void => {
    const raw = location.hash.replace(/^#/, '') || '/';
    // In-page anchors such as the skip link (#app) are not routes: keep the current view.
    if (!raw.startsWith('/') && this.current) return;
    const [path, search = ''] = raw.startsWith('/') ? raw.split('?', 2) : ['/'];
    const query = new URLSearchParams(search);
    this.current?.dispose();
    let view: View | undefined;
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (match) {
        view = route.create(match.slice(1).map(decodeURIComponent), query);
        break;
      }
    }
    this.current = view ?? this.fallback();
    this.outlet.replaceChildren(this.current.root);
    document.title = `${this.current.title} · Atelier`;
    this.markNavigation(path);
    if (!this.first) {
      scrollTo(0, 0);
      // Tell screen-reader users the page changed by moving focus to its heading.
      this.outlet.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
    }
    this.first = false;
  };

  private markNavigation(path: string): void {
    for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
      const target = link.getAttribute('href')!.replace(/^#/, '');
      const active = target === '/' ? path === '/' || path.startsWith('/design/') : path.startsWith(target);
      if (active) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  dispose(): void {
    removeEventListener('hashchange', this.render);
    this.current?.dispose();
  }
}
