// Content addressing: a mesh is named by sha256 of (design id, version, canonical params),
// so a configuration is generated once and a shared link renders byte-identically.
// Uses Web Crypto, present in Node 20, Lambda and every browser.

/**
 * JSON with object keys sorted at every depth, so equal values give equal text. Like
 * JSON.stringify, undefined members are left out and undefined or missing array items
 * become null, so the text always parses.
 */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${Array.from(value, (item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
};

export const sha256Hex = async (data: string | Uint8Array): Promise<string> => {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
};

/**
 * Bumped whenever the kernel itself (conversion, booleans, simplification, placement) can
 * change the mesh of an unchanged design, so cached and shared files never disagree with
 * what the current code builds. Design changes bump the design's own version instead.
 */
export const KERNEL_VERSION = 1;

/**
 * The content hash of a configuration: sha256 of the canonical JSON of
 * {design, kernel, params, version}.
 * @example await contentHash('planter', 1, { diameter: 80, name: 'Ada' }) // 64 hex chars
 */
export const contentHash = (designId: string, version: number, params: Record<string, unknown>): Promise<string> =>
  sha256Hex(canonicalJson({ design: designId, kernel: KERNEL_VERSION, version, params }));
