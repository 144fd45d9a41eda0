// The browser-facing security policy, in one place for both hosts: CloudFront sets these
// headers in AWS (infra/constructs/web-site.ts) and the app sets the same on the local host.
// Also the name of the header by which the API knows a request came through CloudFront.

/**
 * The web app needs its own scripts, a module Web Worker, WebAssembly (manifold in the
 * worker), inline styles set by three.js and the UI, and data:/blob: images; nothing else.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The location picker may ask for the position on the site itself; nothing else may. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(self)';

/**
 * Header CloudFront adds to every request it sends to the API, carrying a secret the API
 * function checks (see verifyOrigin): a request straight to the execute-api endpoint lacks it.
 */
export const ORIGIN_VERIFY_HEADER = 'x-atelier-origin-verify';

/**
 * A client's X-Request-Id is kept only if it looks like an id: 8–64 characters of letters,
 * digits, '-' and '_', starting with a letter or digit. Anything else is replaced.
 */
export const CLIENT_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$/;
