// Delivery countries as ISO 3166-1 alpha-2 codes with names in the reader's language.

const CODES = [
  'DE', 'AT', 'CH', 'NL', 'BE', 'LU', 'DK', 'FR', 'GB', 'IE', 'ES', 'PT', 'IT', 'CZ', 'PL', 'SK', 'SI', 'HU', 'HR',
  'SE', 'NO', 'FI', 'EE', 'LV', 'LT', 'IS', 'GR', 'RO', 'BG', 'MT', 'CY', 'US', 'CA',
];

export const countryOptions = (): { value: string; label: string }[] => {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames(undefined, { type: 'region' });
  } catch {
    names = undefined;
  }
  return CODES.map((code) => ({ value: code, label: `${names?.of(code) ?? code} (${code})` }));
};
