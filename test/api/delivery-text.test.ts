// Issue 16, finding 8: what a customer types for delivery and contact reaches a shop's screen,
// label printer and spreadsheet only as one plain line: control characters, NUL, invisible
// direction marks and formula starts are refused naming the field; text is NFC-normalised
// first, so a decomposed "e" + U+0301 is accepted exactly like "é".
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import type { AppDeps } from '../../functions/api/deps.ts';
import { silentLogger } from '../../functions/api/logger.ts';
import { ContactSchema, DeliverySchema } from '../../functions/api/schemas.ts';
import { findDesign, prepareCatalogue } from '../../functions/designs/catalogue.ts';
import { validateParams } from '../../functions/designs/validate.ts';
import { TEST_HOST_SETTINGS } from '../support/host-settings.ts';
import { DELIVERY } from '../support/api-flow.ts';

beforeAll(() => prepareCatalogue());

// No store: every request here is refused by validation before any use case runs.
const app = createApp({ ...TEST_HOST_SETTINGS, stores: {} as AppDeps['stores'], clock: () => 0, logger: silentLogger });

const order = (delivery: Record<string, unknown>, contact?: Record<string, unknown>) =>
  app.request('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'delivery-text-0001' },
    body: JSON.stringify({ quoteId: 'q'.repeat(32), delivery, ...(contact ? { contact } : {}) }),
  });

const HOSTILE: [string, string, string][] = [
  ['NUL', 'Ada\u0000Lovelace', 'control_character'],
  ['a line break inside', 'Ada\nLovelace', 'control_character'],
  ['an escape sequence', 'Ada \u001b[31mLovelace', 'control_character'],
  ['a C1 control', 'Ada\u0085Lovelace', 'control_character'],
  ['a right-to-left override', 'Ada \u202Eecalevol', 'invisible_layout'],
  ['a bidi isolate', 'Ada \u2066x\u2069', 'invisible_layout'],
  ['a formula', '=HYPERLINK("http://evil.example","Click")', 'formula'],
  ['a formula after blanks', '  +cmd|\' /C calc\'!A0', 'formula'],
  ['a leading @', '@SUM(1+1)*cmd', 'formula'],
  ['a leading -', '-2+3', 'formula'],
  ['a full-width =', '\uFF1D1+1', 'formula'],
  ['a lone surrogate', 'Ada \uD800', 'malformed'],
];

describe('delivery and contact text', () => {
  it.each(HOSTILE)('refuses %s in any delivery field with 400 problem+json naming that field', async (_label, text, code) => {
    for (const field of ['name', 'line1', 'line2', 'city', 'postalCode']) {
      const response = await order({ ...DELIVERY, [field]: text });
      const problem = (await response.json()) as { errors: { field: string; code: string; message: string }[] };

      expect(response.status, field).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(problem.errors, field).toContainEqual(expect.objectContaining({ field: `delivery.${field}`, code }));
    }
  });

  it('refuses a postal code the country does not have ("!!" in DE), naming delivery.postalCode, as the page does', async () => {
    const response = await order({ ...DELIVERY, postalCode: '!!', country: 'DE' });
    const problem = (await response.json()) as { errors: { field: string; message: string }[] };

    expect(response.status).toBe(400);
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'delivery.postalCode', message: expect.stringMatching(/not a postal code in DE; a postal code there looks like \d{5}/) })]);
    expect(DeliverySchema.safeParse({ ...DELIVERY, postalCode: '10117', country: 'DE' }).success).toBe(true);
    expect(DeliverySchema.safeParse({ ...DELIVERY, postalCode: 'SW1A 1AA', country: 'GB' }).success).toBe(true);
  });

  it('refuses a contact email that starts like a formula', async () => {
    const response = await order(DELIVERY, { email: '-2+3@example.org' });
    const problem = (await response.json()) as { errors: { field: string; code: string }[] };

    expect(response.status).toBe(400);
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'contact.email', code: 'formula' })]);
  });

  it('accepts a decomposed "e" + U+0301 like the composed "é", stored composed (NFC)', () => {
    const decomposed = DeliverySchema.parse({ ...DELIVERY, name: 'Rene\u0301e Dupre\u0301', city: 'Orle\u0301ans' });
    const composed = DeliverySchema.parse({ ...DELIVERY, name: 'Renée Dupré', city: 'Orléans' });

    expect(decomposed).toEqual(composed);
    expect(decomposed.name).toBe('Ren\u00e9e Dupr\u00e9');
  });

  it('counts length after NFC: 100 decomposed letters fit a 100-character name', () => {
    expect(DeliverySchema.safeParse({ ...DELIVERY, name: 'e\u0301'.repeat(100) }).success).toBe(true);
  });

  it('keeps ordinary addresses in every script, hyphens and plus signs inside a line, and emoji joiners', () => {
    for (const name of ['Zoë O\'Brien-Smith', 'Łukasz Żółć', 'محمد عبد الله', '山田 太郎', 'C/O Ada + Bob', 'Ada 👩‍🔬']) {
      expect(DeliverySchema.safeParse({ ...DELIVERY, name }).success, name).toBe(true);
    }
    expect(ContactSchema.safeParse({ email: 'ada+orders@example.org' }).success).toBe(true);
  });

  it('draws a decomposed accent in an engraved name like the composed one (design text is NFC too)', () => {
    const nameTag = findDesign('name-tag')!;
    const decomposed = validateParams(nameTag, { text: 'Rene\u0301e' });
    const composed = validateParams(nameTag, { text: 'Renée' });

    expect(decomposed.ok).toBe(true);
    expect(decomposed).toEqual(composed);
  });
});
