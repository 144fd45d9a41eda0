// JSCAD ships its Hershey font data without type declarations.
declare module '@jscad/modeling/src/text/fonts/single-line/hershey/simplex.js' {
  /** Glyphs by character code: advance width, then x, y pairs; a null/undefined ends a polyline. */
  const font: { height: number } & Record<number, (number | undefined | null)[]>;
  export default font;
}
