/** subset-font (HarfBuzz compiled to WebAssembly) ships no type declarations. */
declare module 'subset-font' {
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2'; keepFeatures?: string[]; noLayoutClosure?: boolean; noHinting?: boolean },
  ): Promise<Buffer>;
}
