// Number, money, size and time formatting for every view, in the reader's locale.

const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export const formatCents = (cents: number): string => money.format(cents / 100);

export const formatMm = (mm: number): string => `${oneDecimal.format(mm)} mm`;

/** "47.5 × 19.1 × 4.0 mm" for a size given as [x, y, z] or {x, y, z}. */
export const formatSize = (size: readonly number[] | { x: number; y: number; z: number }): string => {
  const [x, y, z] = Array.isArray(size) ? size : [(size as { x: number }).x, (size as { y: number }).y, (size as { z: number }).z];
  return `${oneDecimal.format(x)} × ${oneDecimal.format(y)} × ${oneDecimal.format(z)} mm`;
};

export const formatGrams = (grams: number): string => `${oneDecimal.format(grams)} g`;

export const formatKm = (km: number): string => `${oneDecimal.format(km)} km`;

/** "1 h 25 min", "12 min", "under a minute". */
export const formatDuration = (seconds: number): string => {
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return 'under a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
};

export const formatDateTime = (ms: number): string => dateTime.format(new Date(ms));

export const formatTime = (ms: number): string => time.format(new Date(ms));

/** UPPER_CASE state names as words: "PRINTED" → "Printed". */
export const formatState = (state: string): string => state.charAt(0) + state.slice(1).toLowerCase();
