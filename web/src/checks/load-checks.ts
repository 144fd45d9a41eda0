// The page's own checks of quantity and delivery load on demand as a chunk of their own: they
// carry zod (the server's schemas) and the postal-code formats, which the first picture of a
// design does not need. Started when the price panel appears, so they are there by the click.
type Checks = typeof import('./order-checks.ts');

let loading: Promise<Checks> | undefined;
let loaded: Checks | undefined;

/** The checks, loading them once; null when they cannot be loaded (the server still checks). */
export const loadChecks = async (): Promise<Checks | null> => {
  loading ??= import('./order-checks.ts').then((checks) => (loaded = checks));
  return loading.catch(() => {
    loading = undefined; // try again next time
    return null;
  });
};

/** The checks when already loaded, so a form can answer in the same moment as the click. */
export const loadedChecks = (): Checks | undefined => loaded;
