// Text a customer types for delivery and contact (name, address lines, city, email): shown to
// a print shop on screen, printed on a label, pasted into a spreadsheet. Normalised to NFC
// first, so a decomposed "e" + U+0301 counts and passes like the composed "é"; then refused,
// naming the field, if it holds what would fool a person or a program reading it: control
// characters (NUL, line breaks, escape sequences), invisible direction controls that reorder
// what is shown (U+202E …), or a leading = + - @, which a spreadsheet runs as a formula.
import { z } from '@hono/zod-openapi';

/** C0 and C1 control characters, DEL included. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** Bidi embeddings, overrides, isolates and marks; line and paragraph separators; the BOM. */
const INVISIBLE_LAYOUT = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]/;
/** A surrogate without its pair: not a character at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** What spreadsheets take as the start of a formula (also in full width). */
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

export interface TextProblem {
  code: 'control_character' | 'invisible_layout' | 'formula' | 'malformed';
  message: string;
}

/**
 * What is wrong with an (already normalised) line of text, or undefined if nothing is.
 * @example textProblem('=HYPERLINK("http://x")') // { code: 'formula', … }
 */
export const textProblem = (text: string): TextProblem | undefined => {
  if (LONE_SURROGATE.test(text)) return { code: 'malformed', message: 'contains a broken character (an unpaired surrogate); retype it' };
  if (CONTROL.test(text)) return { code: 'control_character', message: 'contains a control character (such as a line break, tab or NUL); use one line of plain text' };
  if (INVISIBLE_LAYOUT.test(text)) return { code: 'invisible_layout', message: 'contains an invisible direction or layout mark (such as U+202E); remove it' };
  if (FORMULA_START.test(text)) return { code: 'formula', message: 'must not start with =, +, - or @ (a spreadsheet would run it as a formula)' };
  return undefined;
};

/** A zod string that is NFC-normalised and trimmed, then length-checked, then checked by textProblem. */
export const personText = (minLength: number, maxLength: number) => {
  let text = z.string().normalize('NFC').trim();
  if (minLength > 0) text = text.min(minLength);
  return text.max(maxLength).superRefine((value, ctx) => {
    const problem = textProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
  });
};
