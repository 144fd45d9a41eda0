// Delivery countries as ISO 3166-1 alpha-2 codes with names in the reader's language.

const CODES = [
  'DE', 'AT', 'CH', 'NL', 'BE', 'LU', 'DK', 'FR', 'GB', 'IE', 'ES', 'PT', 'IT', 'CZ', 'PL', 'SK', 'SI', 'HU', 'HR',
  'SE', 'NO', 'FI', 'EE', 'LV', 'LT', 'IS', 'GR', 'RO', 'BG', 'MT', 'CY', 'US', 'CA',
];

let names: Intl.DisplayNames | null | undefined;

/** "Germany" for "DE" in the reader's language; the code itself where the browser has no names. */
export const countryName = (code: string): string => {
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames(undefined, { type: 'region' });
    } catch {
      names = null;
    }
  }
  try {
    return names?.of(code) ?? code;
  } catch {
    return code; // not a region code at all
  }
};

export const countryOptions = (): { value: string; label: string }[] => CODES.map((code) => ({ value: code, label: `${countryName(code)} (${code})` }));
