// The quantity, delivery address and email checked in the page before anything is sent,
// with the server's own zod schemas (so the page and the API never disagree on a limit),
// and every problem said in the customer's words instead of the validator's. Postal codes
// are also checked against the chosen country's format.
import type { z } from 'zod';
import { ContactSchema, DeliverySchema, QuoteRequestSchema } from '../../../functions/api/schemas.ts';
import { countryName } from '../components/countries.ts';
import { postalCodeProblem } from '../../../functions/domain/postal-code.ts';

export interface FieldProblem {
  field: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

const QuantitySchema = QuoteRequestSchema.shape.quantity;
const EmailSchema = ContactSchema.shape.email;

const limit = (issue: Issue, key: 'minimum' | 'maximum'): number => Number((issue as unknown as Record<string, unknown>)[key]);

/** What is wrong with a quantity as typed (`raw` is the field's text), or null. */
export const quantityProblem = (raw: string): string | null => {
  const text = raw.trim().replace(',', '.');
  const value = text === '' ? Number.NaN : Number(text);
  const result = QuantitySchema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  if (issue.code === 'too_small') return `Order at least ${limit(issue, 'minimum')} piece.`;
  if (issue.code === 'too_big') return `At most ${limit(issue, 'maximum')} pieces in one order. For more, place a second order.`;
  if (Number.isFinite(value)) {
    const lower = Math.floor(value);
    return `Pieces come whole: choose ${lower >= 1 ? `${lower} or ${lower + 1}` : '1'}.`;
  }
  return 'Enter how many pieces you want, as a number such as 1 or 2.';
};

const LABELS: Record<string, string> = {
  name: 'the name on the parcel',
  line1: 'the street and number',
  line2: 'the second address line',
  postalCode: 'the postal code',
  city: 'the city',
  country: 'the country',
};

const deliveryMessage = (key: string, issue: Issue): string => {
  const what = LABELS[key] ?? key;
  switch (issue.code) {
    case 'too_small':
    case 'invalid_type':
      return key === 'country' ? 'Choose the country.' : `Enter ${what}.`;
    case 'too_big':
      return `That is too long for ${what}: at most ${limit(issue, 'maximum')} characters.`;
    case 'invalid_format':
      return key === 'country' ? 'Choose the country from the list.' : `Check ${what}: it contains characters an address cannot have.`;
    default:
      // The server's own refinements (e.g. characters a label cannot print) carry their own words.
      return issue.message;
  }
};

export interface DeliveryInput {
  name: string;
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  country: string;
}

/** Every problem with a delivery address and optional email, under the API's field names. */
export const orderProblems = (delivery: DeliveryInput, email: string): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  const result = DeliverySchema.safeParse(delivery);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      // The postal format is checked below with the country's name and an example, in the customer's words.
      if (issue.code === 'custom' && (issue as { params?: { code?: string } }).params?.code === 'postal_code') continue;
      problems.push({ field: `delivery.${key}`, message: deliveryMessage(key, issue) });
    }
  }
  const postal = delivery.postalCode.trim();
  if (postal && !problems.some((p) => p.field === 'delivery.postalCode' || p.field === 'delivery.country')) {
    const problem = postalCodeProblem(delivery.country, postal.toUpperCase());
    if (problem) {
      const example = problem.example ? ` A postal code there looks like ${problem.example}.` : '';
      problems.push({ field: 'delivery.postalCode', message: `“${postal}” is not a postal code in ${countryName(delivery.country)}.${example}` });
    }
  }
  if (email.trim() && !EmailSchema.safeParse(email.trim()).success) {
    problems.push({ field: 'contact.email', message: 'Check the email address: it should look like name@example.com. Or leave it empty and keep the order link.' });
  }
  return problems;
};
