/**
 * A small reader and writer for the PDF object syntax (PDF 1.7 § 7.3), enough to finish the
 * files Chromium prints: read the trailer, the cross-reference table and single objects on
 * demand, and serialise new or changed objects for an incremental update (§ 7.5.6).
 *
 * Why not pdf-lib: it parses every object of the file up front, and loading it costs 250-400 ms
 * under tsx, on the thread that also serves the deck pages to the browser; here only the
 * objects the finishing step touches are parsed, and the rest of the file is kept byte for byte.
 * Files with cross-reference streams or object streams (not what Chromium writes) are refused
 * with `UnsupportedPdfError`; the caller then keeps the printed file as it is.
 */

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfString {
  constructor(readonly bytes: Uint8Array) {}
  /** Text string (§ 7.9.2.2): UTF-16BE with a byte order mark, else PDFDocEncoding (≈ Latin-1). */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      let s = '';
      for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
      return s;
    }
    return String.fromCharCode(...b);
  }
  static text(value: string): PdfString {
    if (/^[\x20-\x7e]*$/.test(value)) return new PdfString(Uint8Array.from(value, (c) => c.charCodeAt(0)));
    const bytes = new Uint8Array(2 + value.length * 2);
    bytes[0] = 0xfe;
    bytes[1] = 0xff;
    for (let i = 0; i < value.length; i++) {
      bytes[2 + i * 2] = value.charCodeAt(i) >> 8;
      bytes[3 + i * 2] = value.charCodeAt(i) & 0xff;
    }
    return new PdfString(bytes);
  }
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen = 0,
  ) {}
}

export class PdfDict {
  readonly entries: Map<string, PdfValue>;
  constructor(entries: Iterable<[string, PdfValue]> = []) {
    this.entries = new Map(entries);
  }
  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: PdfValue): this {
    this.entries.set(key, value);
    return this;
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
  /** The value's name when it is a name (`/Type /Page` → `Page`). */
  name(key: string): string | undefined {
    const value = this.entries.get(key);
    return value instanceof PdfName ? value.name : undefined;
  }
}

export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** The stream's bytes as stored (still encoded by its /Filter). */
    readonly data: Uint8Array,
  ) {}
}

export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfDict | PdfStream | PdfValue[];

export class PdfSyntaxError extends Error {
  override name = 'PdfSyntaxError';
}
export class UnsupportedPdfError extends Error {
  override name = 'UnsupportedPdfError';
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
/** 1: whitespace, 2: delimiter, 0: regular character. */
const CLASS = new Uint8Array(256);
WHITESPACE.forEach((c) => (CLASS[c] = 1));
DELIMITERS.forEach((c) => (CLASS[c] = 2));
const latin1 = new TextDecoder('latin1');

function isRegular(byte: number | undefined): boolean {
  return byte !== undefined && CLASS[byte] === 0;
}

function latin1Text(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > 64) return latin1.decode(bytes.subarray(start, end));
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** Parses one value at a position; `length` resolves an indirect stream /Length. */
class Parser {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    private readonly length: (ref: PdfRef) => number,
  ) {
    this.pos = start;
  }

  fail(what: string): never {
    throw new PdfSyntaxError(`${what} at byte ${this.pos}`);
  }

  skipSpace(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (CLASS[c] === 1) this.pos++;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  keyword(): string {
    const start = this.pos;
    while (isRegular(this.bytes[this.pos])) this.pos++;
    return latin1Text(this.bytes, start, this.pos);
  }

  expect(word: string): void {
    this.skipSpace();
    const got = this.keyword();
    if (got !== word) this.fail(`expected "${word}", found "${got}"`);
  }

  value(): PdfValue {
    this.skipSpace();
    const b = this.bytes;
    const c = b[this.pos];
    if (c === undefined) this.fail('unexpected end of file');
    if (c === 0x3c && b[this.pos + 1] === 0x3c) return this.dictOrStream();
    if (c === 0x3c) return this.hexString();
    if (c === 0x28) return this.literalString();
    if (c === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return items;
        }
        items.push(this.value());
      }
    }
    if (c === 0x2f) return this.name();
    const word = this.keyword();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) this.fail(`unexpected "${word || String.fromCharCode(c)}"`);
    const number = Number(word);
    if (/^\d+$/.test(word)) {
      // `num gen R` is a reference.
      const save = this.pos;
      this.skipSpace();
      const gen = this.keyword();
      if (/^\d+$/.test(gen)) {
        this.skipSpace();
        if (this.bytes[this.pos] === 0x52 && !isRegular(this.bytes[this.pos + 1])) {
          this.pos++;
          return new PdfRef(number, Number(gen));
        }
      }
      this.pos = save;
    }
    return number;
  }

  name(): PdfName {
    this.pos++; // '/'
    const start = this.pos;
    while (isRegular(this.bytes[this.pos])) this.pos++;
    const raw = latin1Text(this.bytes, start, this.pos);
    return new PdfName(raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
  }

  hexString(): PdfString {
    const end = this.bytes.indexOf(0x3e, this.pos);
    if (end < 0) this.fail('unterminated hex string');
    const hex = latin1.decode(this.bytes.subarray(this.pos + 1, end)).replace(/[^0-9a-fA-F]/g, '');
    this.pos = end + 1;
    const padded = hex.length % 2 ? `${hex}0` : hex;
    const bytes = new Uint8Array(padded.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(padded.slice(i * 2, i * 2 + 2), 16);
    return new PdfString(bytes);
  }

  literalString(): PdfString {
    const b = this.bytes;
    const out: number[] = [];
    let depth = 0;
    this.pos++; // '('
    for (;;) {
      const c = b[this.pos++];
      if (c === undefined) this.fail('unterminated string');
      if (c === 0x5c) {
        const e = b[this.pos++]!;
        const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (simple[e] !== undefined) out.push(simple[e]!);
        else if (e >= 0x30 && e <= 0x37) {
          let value = e - 0x30;
          for (let k = 0; k < 2 && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37; k++) value = value * 8 + (b[this.pos++]! - 0x30);
          out.push(value & 0xff);
        } else if (e === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29) {
        if (depth === 0) break;
        depth--;
      }
      out.push(c);
    }
    return new PdfString(Uint8Array.from(out));
  }

  dictOrStream(): PdfDict | PdfStream {
    this.pos += 2;
    const dict = new PdfDict();
    for (;;) {
      this.skipSpace();
      if (this.bytes[this.pos] === 0x3e && this.bytes[this.pos + 1] === 0x3e) {
        this.pos += 2;
        break;
      }
      if (this.bytes[this.pos] !== 0x2f) this.fail('expected a name as dictionary key');
      const key = this.name().name;
      dict.set(key, this.value());
    }
    const save = this.pos;
    this.skipSpace();
    if (this.keyword() !== 'stream') {
      this.pos = save;
      return dict;
    }
    if (this.bytes[this.pos] === 0x0d) this.pos++;
    if (this.bytes[this.pos] === 0x0a) this.pos++;
    const lengthValue = dict.get('Length');
    const length = typeof lengthValue === 'number' ? lengthValue : lengthValue instanceof PdfRef ? this.length(lengthValue) : NaN;
    if (!Number.isInteger(length) || length < 0 || this.pos + length > this.bytes.length) this.fail('bad stream /Length');
    const data = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    this.expect('endstream');
    return new PdfStream(dict, data);
  }
}

/** Random access to a PDF's objects through its (classic) cross-reference table. */
export class PdfReader {
  readonly trailer: PdfDict;
  /** Where the last cross-reference section starts (`startxref`). */
  readonly startxref: number;
  /** One more than the largest object number (the trailer's /Size). */
  readonly size: number;
  readonly #offsets = new Map<number, number>();
  readonly #cache = new Map<number, PdfValue>();

  constructor(readonly bytes: Uint8Array) {
    const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
    const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!m) throw new PdfSyntaxError('no startxref at the end of the file');
    this.startxref = Number(m[1]);
    let trailer: PdfDict | null = null;
    const visited = new Set<number>();
    for (let at: number | null = this.startxref; at !== null && !visited.has(at); ) {
      visited.add(at);
      const section = this.#readXrefSection(at);
      trailer ??= section.trailer;
      const prev = section.trailer.get('Prev');
      at = typeof prev === 'number' ? prev : null;
    }
    this.trailer = trailer!;
    if (this.trailer.get('Encrypt') !== undefined) throw new UnsupportedPdfError('the PDF is encrypted');
    const size = this.trailer.get('Size');
    if (typeof size !== 'number') throw new PdfSyntaxError('the trailer has no /Size');
    this.size = size;
  }

  #readXrefSection(at: number): { trailer: PdfDict } {
    if (latin1.decode(this.bytes.subarray(at, at + 4)) !== 'xref') {
      throw new UnsupportedPdfError('the PDF uses a cross-reference stream');
    }
    const parser = new Parser(this.bytes, at + 4, (ref) => this.#length(ref));
    for (;;) {
      parser.skipSpace();
      const word = parser.keyword();
      if (word === 'trailer') break;
      if (!/^\d+$/.test(word)) parser.fail('bad cross-reference table');
      const first = Number(word);
      parser.skipSpace();
      const count = Number(parser.keyword());
      if (!Number.isInteger(count)) parser.fail('bad cross-reference subsection');
      for (let i = 0; i < count; i++) {
        parser.skipSpace();
        const offset = Number(parser.keyword());
        parser.skipSpace();
        parser.keyword(); // generation
        parser.skipSpace();
        const kind = parser.keyword();
        const num = first + i;
        if (kind === 'n' && !this.#offsets.has(num)) this.#offsets.set(num, offset);
        else if (kind === 'f' && !this.#offsets.has(num)) this.#offsets.set(num, -1);
      }
    }
    const trailer = parser.value();
    if (!(trailer instanceof PdfDict)) throw new PdfSyntaxError('the trailer is not a dictionary');
    if (trailer.get('XRefStm') !== undefined) throw new UnsupportedPdfError('the PDF uses a hybrid cross-reference');
    return { trailer };
  }

  #length(ref: PdfRef): number {
    const value = this.object(ref.num);
    if (typeof value !== 'number') throw new PdfSyntaxError(`stream length ${ref.num} 0 R is not a number`);
    return value;
  }

  /** The object numbered `num` (null when free or missing), parsed once. */
  object(num: number): PdfValue {
    if (this.#cache.has(num)) return this.#cache.get(num)!;
    const offset = this.#offsets.get(num);
    if (offset === undefined || offset < 0) return null;
    const parser = new Parser(this.bytes, offset, (ref) => this.#length(ref));
    parser.skipSpace();
    if (Number(parser.keyword()) !== num) parser.fail(`object ${num} is not at its cross-reference offset`);
    parser.skipSpace();
    parser.keyword();
    parser.expect('obj');
    const value = parser.value();
    this.#cache.set(num, value);
    return value;
  }

  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return value instanceof PdfRef ? this.object(value.num) : value;
  }

  dict(value: PdfValue | undefined): PdfDict | undefined {
    const resolved = this.resolve(value);
    return resolved instanceof PdfDict ? resolved : resolved instanceof PdfStream ? resolved.dict : undefined;
  }

  /** The page objects in order (walking /Pages /Kids). */
  pages(): PdfRef[] {
    const catalog = this.dict(this.trailer.get('Root'));
    const pages: PdfRef[] = [];
    const seen = new Set<number>();
    const walk = (node: PdfValue | undefined) => {
      if (!(node instanceof PdfRef) || seen.has(node.num)) return;
      seen.add(node.num);
      const dict = this.dict(node);
      if (!dict) return;
      if (dict.name('Type') === 'Page') pages.push(node);
      else {
        const kids = this.resolve(dict.get('Kids'));
        if (Array.isArray(kids)) kids.forEach(walk);
      }
    };
    walk(catalog?.get('Pages'));
    return pages;
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

const encoder = new TextEncoder();

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

function nameText(name: string): string {
  let out = '/';
  for (const ch of name) {
    const c = ch.charCodeAt(0);
    out += c < 0x21 || c > 0x7e || c === 0x23 || DELIMITERS.has(c) ? `#${c.toString(16).padStart(2, '0')}` : ch;
  }
  return out;
}

/** Serialises a value; streams are written with their /Length set to their data. */
export function serialize(value: PdfValue): Uint8Array {
  const parts: Uint8Array[] = [];
  const text = (s: string) => parts.push(encoder.encode(s));
  const write = (v: PdfValue) => {
    if (v === null) text('null');
    else if (typeof v === 'boolean') text(String(v));
    else if (typeof v === 'number') text(formatNumber(v));
    else if (v instanceof PdfName) text(nameText(v.name));
    else if (v instanceof PdfString) text(`<${Array.from(v.bytes, (b) => b.toString(16).padStart(2, '0')).join('')}>`);
    else if (v instanceof PdfRef) text(`${v.num} ${v.gen} R`);
    else if (Array.isArray(v)) {
      text('[');
      v.forEach((item, i) => {
        if (i) text(' ');
        write(item);
      });
      text(']');
    } else if (v instanceof PdfDict) {
      text('<<');
      for (const [key, item] of v.entries) {
        text(`${nameText(key)} `);
        write(item);
        text('\n');
      }
      text('>>');
    } else if (v instanceof PdfStream) {
      v.dict.set('Length', v.data.length);
      write(v.dict);
      text('\nstream\n');
      parts.push(v.data);
      text('\nendstream');
    }
  };
  write(value);
  return concat(parts);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * `original` followed by the given objects (new numbers or replacements of old ones), a
 * cross-reference section for them and a trailer whose /Prev points at the original's.
 */
export function incrementalUpdate(reader: PdfReader, objects: Map<number, PdfValue>, trailer: Record<string, PdfValue>): Uint8Array {
  const parts: Uint8Array[] = [reader.bytes];
  let offset = reader.bytes.length;
  const push = (bytes: Uint8Array) => {
    parts.push(bytes);
    offset += bytes.length;
  };
  if (reader.bytes[reader.bytes.length - 1] !== 0x0a) push(encoder.encode('\n'));
  const numbers = [...objects.keys()].sort((a, b) => a - b);
  const offsets = new Map<number, number>();
  for (const num of numbers) {
    offsets.set(num, offset);
    push(encoder.encode(`${num} 0 obj\n`));
    push(serialize(objects.get(num)!));
    push(encoder.encode('\nendobj\n'));
  }
  const xrefAt = offset;
  let xref = 'xref\n';
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    xref += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) xref += `${String(offsets.get(numbers[k]!)).padStart(10, '0')} 00000 n\r\n`;
    i = j + 1;
  }
  push(encoder.encode(xref));
  const dict = new PdfDict(Object.entries(trailer));
  dict.set('Size', Math.max(reader.size, (numbers[numbers.length - 1] ?? 0) + 1));
  dict.set('Prev', reader.startxref);
  push(encoder.encode('trailer\n'));
  push(serialize(dict));
  push(encoder.encode(`\nstartxref\n${xrefAt}\n%%EOF\n`));
  return concat(parts);
}
