// The font every engraved or embossed text uses: JSCAD's single-stroke Hershey simplex,
// which draws printable ASCII (codes 32-126) and nothing else.

export const isDrawable = (char: string): boolean => {
  const code = char.codePointAt(0) ?? 0;
  return char.length === 1 && code >= 32 && code <= 126;
};

/** Characters in `text` the font cannot draw, each listed once, in order. */
export const undrawableCharacters = (text: string): string[] => [...new Set([...text].filter((c) => !isDrawable(c)))];
