import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString, decodePDFRawStream } from 'pdf-lib';
import { finishPdf } from '../../../src/export/pdf/metadata.ts';
import { PdfDict, PdfName, PdfReader, PdfRef, PdfStream, PdfString, serialize } from '../../../src/export/pdf/pdf-objects.ts';

/**
 * A small tagged PDF as Chromium writes them: classic cross-reference table, an Info
 * dictionary, one content stream per page whose text is marked content (`/NonStruct <</MCID n
 * >>BDC`) owned by H1/H2/P structure elements.
 */
async function taggedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle('Printed title');
  doc.setProducer('Skia/PDF test');
  const ctx = doc.context;
  const pageContents = [
    // page 1: an h1 in two pieces (two lines) and a paragraph
    '/NonStruct <</MCID 0 >>BDC BT ET EMC /NonStruct <</MCID 1 >>BDC BT ET EMC /NonStruct <</MCID 2 >>BDC BT ET EMC',
    // page 2: an h2 and a paragraph
    '/NonStruct <</MCID 0 >>BDC BT ET EMC /NonStruct <</MCID 1 >>BDC BT ET EMC',
    // page 3: an h2 shown as written (no text-transform)
    '/NonStruct <</MCID 0 >>BDC BT ET EMC',
  ];
  const pages = pageContents.map((content) => {
    const page = doc.addPage([748.5, 546]);
    const stream = ctx.flateStream(content);
    page.node.set(PDFName.of('Contents'), ctx.register(stream));
    return page.ref;
  });
  const elem = (s: string, pg: PDFRef, k: unknown) => ctx.register(ctx.obj({ Type: 'StructElem', S: s, Pg: pg, K: k as never }));
  const h1 = elem('H1', pages[0]!, [0, 1]);
  const p1 = elem('P', pages[0]!, 2);
  const h2 = elem('H2', pages[1]!, [ctx.obj({ Type: 'MCR', MCID: 0, Pg: pages[1]! })]);
  const p2 = elem('P', pages[1]!, 1);
  const h2b = elem('H2', pages[2]!, 0);
  const document = ctx.register(ctx.obj({ Type: 'StructElem', S: 'Document', K: [h1, p1, h2, p2, h2b] }));
  const root = ctx.register(ctx.obj({ Type: 'StructTreeRoot', K: document }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), root);
  doc.catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
  doc.catalog.set(PDFName.of('Lang'), PDFString.of('en'));
  return doc.save({ useObjectStreams: false });
}

function pageText(doc: PDFDocument, index: number): string {
  const contents = doc.getPage(index).node.Contents();
  const stream = contents instanceof PDFArray ? doc.context.lookup(contents.get(0)) : contents;
  return Buffer.from(decodePDFRawStream(stream as PDFRawStream).decode()).toString('latin1');
}

function utf16(hex: string): string {
  const bytes = Buffer.from(hex.replace(/^FEFF/i, ''), 'hex');
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes.readUInt16BE(i));
  return s;
}

const headings = [
  { level: 1, actualText: 'An update on CPANSec' },
  { level: 2, actualText: 'What?' },
  { level: 2, actualText: null },
];

describe('finishing a printed PDF', () => {
  it('appends metadata, outline and ActualText as an incremental update that keeps the original bytes', async () => {
    const original = await taggedPdf();
    const finished = finishPdf(original, {
      info: { title: 'An update on CPANSec', author: 'José Joaquín Atria', subject: 'CPAN security', keywords: ['perl', 'security'], creator: 'slidewright test' },
      outline: [
        { title: 'An update on CPANSec', page: 1, children: [] },
        { title: 'What?', page: 2, children: [{ title: 'Below', page: 3, children: [] }] },
      ],
      headings,
    });
    expect(finished.pageCount).toBe(3);
    expect(finished.actualTexts).toBe(2);
    expect(finished.warnings).toEqual([]);
    expect(Buffer.from(finished.bytes.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);

    const doc = await PDFDocument.load(finished.bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe('An update on CPANSec');
    expect(doc.getAuthor()).toBe('José Joaquín Atria');
    expect(doc.getSubject()).toBe('CPAN security');
    expect(doc.getKeywords()).toBe('perl, security');
    expect(doc.getCreator()).toBe('slidewright test');
    expect(doc.getProducer()).toBe('Skia/PDF test'); // kept
    // Tags kept.
    expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeInstanceOf(PDFRef);

    // Outline: two top-level items, the second with one child, pointing at the right pages.
    const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    expect(outlines.get(PDFName.of('Count'))?.toString()).toBe('3');
    const first = outlines.lookup(PDFName.of('First'), PDFDict);
    const second = first.lookup(PDFName.of('Next'), PDFDict);
    expect(first.lookup(PDFName.of('Title'), PDFString, PDFHexString).decodeText()).toBe('An update on CPANSec');
    expect(second.lookup(PDFName.of('Title'), PDFString, PDFHexString).decodeText()).toBe('What?');
    expect(second.get(PDFName.of('Next'))).toBeUndefined();
    const child = second.lookup(PDFName.of('First'), PDFDict);
    expect(child.lookup(PDFName.of('Title'), PDFString, PDFHexString).decodeText()).toBe('Below');
    const dest = child.lookup(PDFName.of('Dest'), PDFArray);
    expect(dest.get(0)).toEqual(doc.getPage(2).ref);
    expect(doc.catalog.get(PDFName.of('PageMode'))).toBe(PDFName.of('UseOutlines'));

    // XMP says the same.
    const xmp = doc.context.lookup(doc.catalog.get(PDFName.of('Metadata')));
    expect(xmp).toBeInstanceOf(PDFRawStream);
    const xml = Buffer.from((xmp as PDFRawStream).contents).toString('utf8');
    expect(xml).toContain('<rdf:li xml:lang="x-default">An update on CPANSec</rdf:li>');
    expect(xml).toContain('José Joaquín Atria');

    // ActualText: the h1's first piece carries the whole text, its second piece none; the
    // paragraph and the untransformed h2 are left alone.
    const page1 = pageText(doc, 0);
    const texts = [...page1.matchAll(/\/Span <<\/MCID (\d+) \/ActualText <([0-9A-F]*)>>> BDC/g)].map((m) => [Number(m[1]), utf16(m[2]!)]);
    expect(texts).toEqual([
      [0, 'An update on CPANSec'],
      [1, ''],
    ]);
    expect(page1).toContain('/NonStruct <</MCID 2 >>BDC');
    expect(pageText(doc, 1)).toMatch(/\/Span <<\/MCID 0 \/ActualText <FEFF0057/);
    expect(pageText(doc, 2)).not.toContain('ActualText');
  });

  it('leaves headings alone (with a warning) when the tags do not match the page', async () => {
    const original = await taggedPdf();
    const finished = finishPdf(original, { info: { title: 'T', creator: 'c' }, outline: [], headings: headings.slice(0, 2) });
    expect(finished.actualTexts).toBe(0);
    expect(finished.warnings[0]).toMatch(/3 tagged headings, 2 on the pages/);
    const doc = await PDFDocument.load(finished.bytes);
    expect(pageText(doc, 0)).not.toContain('ActualText');
    expect(doc.catalog.get(PDFName.of('Outlines'))).toBeUndefined();
  });
});

describe('PDF object reader and writer', () => {
  it('reads what it writes', () => {
    const dict = new PdfDict([
      ['Name', new PdfName('A B#/')],
      ['Text', PdfString.text('Zoë ✓')],
      ['Plain', PdfString.text('plain (text)')],
      ['List', [1, -2.5, true, null, new PdfRef(7, 0)]],
      ['Nested', new PdfDict([['K', 0]])],
    ]);
    const stream = new PdfStream(dict, Uint8Array.from([0, 1, 2, 255]));
    const body = serialize(stream);
    const head = Buffer.from('%PDF-1.4\n1 0 obj\n');
    const objectEnd = Buffer.from('\nendobj\n');
    const xrefAt = head.length + body.length + objectEnd.length;
    const pdf = Buffer.concat([
      head,
      body,
      objectEnd,
      Buffer.from(`xref\n0 2\n0000000000 65535 f\r\n${String(9).padStart(10, '0')} 00000 n\r\ntrailer\n<</Size 2 /Root 1 0 R>>\nstartxref\n${xrefAt}\n%%EOF\n`),
    ]);
    const reader = new PdfReader(pdf);
    const read = reader.object(1);
    expect(read).toBeInstanceOf(PdfStream);
    const s = read as PdfStream;
    expect([...s.data]).toEqual([0, 1, 2, 255]);
    expect(s.dict.name('Name')).toBe('A B#/');
    expect((s.dict.get('Text') as PdfString).text()).toBe('Zoë ✓');
    expect((s.dict.get('Plain') as PdfString).text()).toBe('plain (text)');
    const list = s.dict.get('List') as unknown[];
    expect(list.slice(0, 4)).toEqual([1, -2.5, true, null]);
    expect(list[4]).toEqual(new PdfRef(7, 0));
    expect((s.dict.get('Nested') as PdfDict).get('K')).toBe(0);
  });

  it('reads literal strings with escapes, nested parentheses and octal codes', () => {
    const body = '%PDF-1.4\n1 0 obj\n(a\\(b\\) (nested) \\101\\n\\\\)\nendobj\n';
    const pdf = Buffer.from(`${body}xref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\ntrailer\n<</Size 2>>\nstartxref\n${body.length}\n%%EOF\n`);
    const reader = new PdfReader(pdf);
    expect((reader.object(1) as PdfString).text()).toBe('a(b) (nested) A\n\\');
  });

  it('refuses files whose cross-reference is a stream', () => {
    const pdf = Buffer.from('%PDF-1.5\n1 0 obj\n<</Type /XRef /Size 1 /Length 0>>stream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n');
    expect(() => new PdfReader(pdf)).toThrow(/cross-reference stream/);
  });
});
