// Content addressing: a mesh is named by sha256 of (design id, version, canonical params),
// so a configuration is generated once and a shared link renders byte-identically.
// Uses Web Crypto, present in Node 20, Lambda and every browser.

/** JSON with object keys sorted at every depth, so equal values give equal text. */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
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
 * The content hash of a configuration.
 * @example await contentHash('planter', 1, { diameter: 80, name: 'Ada' }) // 64 hex chars
 */
export const contentHash = (designId: string, version: number, params: Record<string, unknown>): Promise<string> =>
  sha256Hex(canonicalJson({ design: designId, version, params }));
