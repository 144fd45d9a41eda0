// The font every engraved or embossed text uses: JSCAD's single-stroke Hershey simplex,
// which draws printable ASCII (codes 32-126), extended here with the accented Latin letters
// of most European names, each drawn as its base letter plus a mark (see text.ts).

export type Mark = 'acute' | 'grave' | 'circumflex' | 'diaeresis' | 'tilde' | 'ring' | 'cedilla';

/** Accented letters the font composes: the letter they are built on, and the mark added. */
export const COMPOSED: Readonly<Record<string, { base: string; mark: Mark }>> = Object.freeze(
  Object.fromEntries(
    (
      [
        ['acute', 'ÁÉÍÓÚÝáéíóúý', 'AEIOUYaeiouy'],
        ['grave', 'ÀÈÌÒÙàèìòù', 'AEIOUaeiou'],
        ['circumflex', 'ÂÊÎÔÛâêîôû', 'AEIOUaeiou'],
        ['diaeresis', 'ÄËÏÖÜäëïöüÿ', 'AEIOUaeiouy'],
        ['tilde', 'ÃÑÕãñõ', 'ANOano'],
        ['ring', 'Åå', 'Aa'],
        ['cedilla', 'Çç', 'Cc'],
      ] as const
    ).flatMap(([mark, accented, bases]) => [...accented].map((char, i) => [char, { base: bases[i], mark }])),
  ),
);

export const isDrawable = (char: string): boolean => {
  const code = char.codePointAt(0) ?? 0;
  return char.length === 1 && ((code >= 32 && code <= 126) || char in COMPOSED);
};

/** Characters in `text` the font cannot draw, each listed once, in order. */
export const undrawableCharacters = (text: string): string[] => [...new Set([...text].filter((c) => !isDrawable(c)))];
