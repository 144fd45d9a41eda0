// Random ids for Idempotency-Key headers. crypto.randomUUID needs a secure context (https or
// localhost); a phone on the LAN over plain http still has getRandomValues.

export const randomKey = (): string => {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};
