/**
 * Finishing Chromium's PDF: document information (title, author, subject, keywords, creator)
 * and an XMP packet saying the same; the outline (bookmarks from the slide titles, built here
 * because Chromium's heading outline shows CSS-uppercased text, loses the space at line breaks
 * and repeats fragment steps); and `/ActualText` on headings a theme displays differently from
 * their text (`text-transform: uppercase`), so extracted, copied and read-aloud text is the
 * author's ("An update on CPANSec", not "AN UPDATE ON CPANSEC").
 *
 * Chromium's bytes are kept: the changes are appended as an incremental update (PDF 1.7
 * § 7.5.6), so the tag tree, fonts and links cannot be disturbed by a rewrite, and the cost is a
 * few new objects. See pdf-objects.ts for why this does not go through pdf-lib.
 */
import zlib from 'node:zlib';
import type { OutlineNode, PrintedHeading } from './options.ts';
import { PdfDict, PdfName, PdfReader, PdfRef, PdfStream, PdfString, incrementalUpdate, type PdfValue } from './pdf-objects.ts';

export interface DocumentInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  /** The application that made the document (`/Creator`). */
  creator: string;
}

export interface FinishInput {
  info: DocumentInfo;
  outline: OutlineNode[];
  /** The headings of the printed pages in document order (see `applyPrintPlan`). */
  headings: PrintedHeading[];
}

export interface FinishedPdf {
  bytes: Uint8Array;
  pageCount: number;
  /** Headings given `/ActualText`. */
  actualTexts: number;
  warnings: string[];
}

export function finishPdf(original: Uint8Array, input: FinishInput): FinishedPdf {
  const reader = new PdfReader(original);
  const objects = new Map<number, PdfValue>();
  let next = reader.size;
  const add = (value: PdfValue): PdfRef => {
    const ref = new PdfRef(next++);
    objects.set(ref.num, value);
    return ref;
  };
  const warnings: string[] = [];
  const pages = reader.pages();

  // Document information.
  const infoEntry = reader.trailer.get('Info');
  const info = new PdfDict(reader.dict(infoEntry)?.entries ?? []);
  info.set('Title', PdfString.text(input.info.title));
  if (input.info.author) info.set('Author', PdfString.text(input.info.author));
  if (input.info.subject) info.set('Subject', PdfString.text(input.info.subject));
  if (input.info.keywords?.length) info.set('Keywords', PdfString.text(input.info.keywords.join(', ')));
  info.set('Creator', PdfString.text(input.info.creator));
  let infoRef: PdfRef;
  if (infoEntry instanceof PdfRef) {
    infoRef = infoEntry;
    objects.set(infoRef.num, info);
  } else infoRef = add(info);
  const producer = reader.resolve(info.get('Producer'));

  // Catalog: XMP metadata, outline, open with the bookmarks shown.
  const rootRef = reader.trailer.get('Root');
  if (!(rootRef instanceof PdfRef)) throw new Error('the PDF has no catalog');
  const catalog = new PdfDict(reader.dict(rootRef)?.entries ?? []);
  const lang = reader.resolve(catalog.get('Lang'));
  catalog.set('Metadata', add(xmpStream(input.info, producer instanceof PdfString ? producer.text() : undefined, lang instanceof PdfString ? lang.text() : undefined)));
  if (input.outline.length && pages.length) {
    catalog.set('Outlines', writeOutline(input.outline, pages, add, objects));
    catalog.set('PageMode', new PdfName('UseOutlines'));
  } else catalog.delete('Outlines');
  objects.set(rootRef.num, catalog);

  // ActualText for headings displayed differently from their text.
  let actualTexts = 0;
  if (input.headings.some((h) => h.actualText)) {
    const result = addActualText(reader, catalog, input.headings, objects);
    actualTexts = result.count;
    if (result.warning) warnings.push(result.warning);
  }

  const trailer: Record<string, PdfValue> = { Root: rootRef, Info: infoRef };
  const id = reader.trailer.get('ID');
  if (id !== undefined) trailer.ID = id;
  return { bytes: incrementalUpdate(reader, objects, trailer), pageCount: pages.length, actualTexts, warnings };
}

// ---------------------------------------------------------------------------------------------

function xmlEscape(value: string): string {
  return value.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The XMP packet (PDF/UA readers look for dc:title there), saying what the Info dictionary says. */
export function xmpStream(info: DocumentInfo, producer: string | undefined, lang: string | undefined): PdfStream {
  const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(value)}</rdf:li></rdf:Alt>`;
  const lines = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(info.title)}</dc:title>`,
    info.author ? `<dc:creator><rdf:Seq><rdf:li>${xmlEscape(info.author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    info.subject ? `<dc:description>${alt(info.subject)}</dc:description>` : '',
    lang ? `<dc:language><rdf:Bag><rdf:li>${xmlEscape(lang)}</rdf:li></rdf:Bag></dc:language>` : '',
    info.keywords?.length ? `<pdf:Keywords>${xmlEscape(info.keywords.join(', '))}</pdf:Keywords>` : '',
    producer ? `<pdf:Producer>${xmlEscape(producer)}</pdf:Producer>` : '',
    `<xmp:CreatorTool>${xmlEscape(info.creator)}</xmp:CreatorTool>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].filter(Boolean);
  const data = new TextEncoder().encode(lines.join('\n'));
  return new PdfStream(new PdfDict([['Type', new PdfName('Metadata')], ['Subtype', new PdfName('XML')]]), data);
}

/** Outline items as a doubly linked tree (PDF 1.7 § 12.3.3), every level open. */
function writeOutline(nodes: OutlineNode[], pages: PdfRef[], add: (v: PdfValue) => PdfRef, objects: Map<number, PdfValue>): PdfRef {
  const total = (list: OutlineNode[]): number => list.reduce((sum, n) => sum + 1 + total(n.children), 0);
  const root = new PdfDict([['Type', new PdfName('Outlines')]]);
  const rootRef = add(root);
  const level = (list: OutlineNode[], parent: PdfRef, parentDict: PdfDict) => {
    const items = list.map(() => new PdfDict());
    const refs = items.map((item) => add(item));
    list.forEach((node, i) => {
      const item = items[i]!;
      const page = pages[Math.min(Math.max(node.page, 1), pages.length) - 1]!;
      item.set('Title', PdfString.text(node.title));
      item.set('Parent', parent);
      if (i > 0) item.set('Prev', refs[i - 1]!);
      if (i < list.length - 1) item.set('Next', refs[i + 1]!);
      item.set('Dest', [page, new PdfName('Fit')]);
      if (node.children.length) level(node.children, refs[i]!, item);
    });
    parentDict.set('First', refs[0]!);
    parentDict.set('Last', refs[refs.length - 1]!);
    parentDict.set('Count', total(list));
  };
  level(nodes, rootRef, root);
  objects.set(rootRef.num, root);
  return rootRef;
}

// ---------------------------------------------------------------------------------------------
// ActualText

interface MarkedContent {
  mcid: number;
  page: PdfRef;
}

const HEADING = /^H([1-6])?$/;

/**
 * The tagged PDF's headings in document order, with the marked content each covers. Chromium
 * writes the tag tree from the accessibility tree, in DOM order, so its headings line up one to
 * one with the page's visible headings.
 */
export function structHeadings(reader: PdfReader, root: PdfDict): { level: number; content: MarkedContent[] }[] {
  const result: { level: number; content: MarkedContent[] }[] = [];
  const seen = new Set<number>();
  const collect = (node: PdfValue | undefined, page: PdfRef | undefined, into: MarkedContent[] | null): void => {
    if (node instanceof PdfRef) {
      if (seen.has(node.num)) return;
      seen.add(node.num);
    }
    const value = reader.resolve(node);
    if (typeof value === 'number') {
      if (into && page) into.push({ mcid: value, page });
      return;
    }
    if (Array.isArray(value)) {
      for (const kid of value) collect(kid, page, into);
      return;
    }
    if (!(value instanceof PdfDict)) return;
    const pg = value.get('Pg');
    const here = pg instanceof PdfRef ? pg : page;
    const type = value.name('Type');
    if (type === 'MCR') {
      const mcid = value.get('MCID');
      if (into && here && typeof mcid === 'number') into.push({ mcid, page: here });
      return;
    }
    if (type === 'OBJR') return;
    const m = into === null ? HEADING.exec(value.name('S') ?? '') : null;
    if (m) {
      const content: MarkedContent[] = [];
      result.push({ level: m[1] ? Number(m[1]) : 0, content });
      collect(value.get('K'), here, content);
      return;
    }
    collect(value.get('K'), here, into);
  };
  collect(root.get('K'), undefined, null);
  return result;
}

function hexText(value: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

function addActualText(
  reader: PdfReader,
  catalog: PdfDict,
  headings: PrintedHeading[],
  objects: Map<number, PdfValue>,
): { count: number; warning?: string } {
  const fail = (why: string) => ({ count: 0, warning: `headings shown in capitals by the theme keep their displayed text in the PDF (${why})` });
  const root = reader.dict(catalog.get('StructTreeRoot'));
  if (!root) return fail('the PDF has no tags');
  const tagged = structHeadings(reader, root);
  if (tagged.length !== headings.length) return fail(`${tagged.length} tagged headings, ${headings.length} on the pages`);
  for (let i = 0; i < tagged.length; i++) {
    const level = tagged[i]!.level;
    if (level !== 0 && level !== headings[i]!.level) return fail(`heading ${i + 1} is H${level} in the tags, h${headings[i]!.level} on the page`);
  }
  // page → (mcid → heading index)
  const wanted = new Map<number, { page: PdfRef; mcids: Map<number, number> }>();
  tagged.forEach((heading, index) => {
    if (!headings[index]!.actualText) return;
    for (const { mcid, page } of heading.content) {
      const entry = wanted.get(page.num) ?? { page, mcids: new Map<number, number>() };
      entry.mcids.set(mcid, index);
      wanted.set(page.num, entry);
    }
  });
  const done = new Set<number>();
  for (const { page, mcids } of [...wanted.values()].sort((a, b) => a.page.num - b.page.num)) {
    const contents = reader.dict(page)?.get('Contents');
    const resolved = reader.resolve(contents);
    const refs = contents instanceof PdfRef && resolved instanceof PdfStream ? [contents] : Array.isArray(resolved) ? resolved.filter((r): r is PdfRef => r instanceof PdfRef) : [];
    for (const ref of refs) {
      const stream = reader.resolve(ref);
      if (!(stream instanceof PdfStream)) continue;
      const filter = stream.dict.get('Filter');
      const flate = filter instanceof PdfName && filter.name === 'FlateDecode' && stream.dict.get('DecodeParms') === undefined;
      if (!flate && filter !== undefined) continue;
      const source = Buffer.from(flate ? zlib.inflateSync(stream.data) : stream.data).toString('latin1');
      let edits = 0;
      const edited = source.replace(/\/[A-Za-z0-9_]+\s*<<\s*\/MCID\s+(\d+)\s*>>\s*BDC/g, (whole, n: string) => {
        const heading = mcids.get(Number(n));
        if (heading === undefined) return whole;
        edits++;
        // The heading's text goes on its first piece of content; the other pieces say nothing.
        const replacement = done.has(heading) ? '<FEFF>' : hexText(headings[heading]!.actualText!);
        done.add(heading);
        // Poppler (pdftotext) honours ActualText on /Span marked content.
        return `/Span <</MCID ${n} /ActualText ${replacement}>> BDC`;
      });
      if (!edits) continue;
      const dict = new PdfDict(stream.dict.entries);
      dict.set('Filter', new PdfName('FlateDecode'));
      dict.delete('DecodeParms');
      objects.set(ref.num, new PdfStream(dict, zlib.deflateSync(Buffer.from(edited, 'latin1'))));
    }
  }
  return { count: done.size };
}
