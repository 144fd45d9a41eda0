// Vite's `?url` imports: the page's worker gets the hashed URL of a font file it fetches on demand.
declare module '*.ttf?url' {
  const url: string;
  export default url;
}
