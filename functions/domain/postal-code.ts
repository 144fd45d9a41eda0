// Postal codes by country with postal-code-checker (formats from the address data Chromium's
// autofill uses), with an example in the country's own format. Used by the API and the page.
import { getCountryByCode, validatePostalCode } from 'postal-code-checker';

/** null when `code` is a postal code of `country` (or the country has none); else an example of one. */
export const postalCodeProblem = (country: string, code: string): { example: string | null } | null => {
  const known = getCountryByCode(country);
  if (!known || known.postalCodePatterns.length === 0) return null; // no postal codes there, or a country we know nothing about
  if (validatePostalCode(country, code)) return null;
  return { example: known.examplePostalCodes[0] ?? null };
};
