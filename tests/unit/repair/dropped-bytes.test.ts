/**
 * The dropped-byte layer: bytes lost on the way through Windows-1252 (0x81 0x8D 0x8F 0x90 0x9D
 * dropped, the soft hyphen 0xAD stripped, 0xA0 turned into a space), put back where the text
 * decides which, and reported where it does not.
 */
import { describe, expect, it } from 'vitest';
import { candidatesFor, findSpots } from '../../../src/repair/dropped-bytes.ts';
import { repairDeckText } from '../../../src/repair/index.ts';
import { misreadLosing } from './damage.ts';

// UTF-8 read as Windows-1252 by a strict decoder: the undefined bytes vanish, the soft hyphen
// is stripped afterwards (as in the seed deck).
const damage = misreadLosing;

/** A deck with a line ftfy recognises, so that the deck is known to be damaged. */
const deck = (...lines: string[]) => `${lines.join('\n')}\nJosÃ© was here\n`;
const repaired = (...lines: string[]) => repairDeckText(deck(...lines));
const firstLine = (text: string) => text.split('\n')[0];

describe('finding spots', () => {
  it('finds a lead character whose sequence was cut short', () => {
    expect(findSpots('JoaquÃn')).toEqual([{ start: 5, end: 6, bytes: [0xc3], missing: 1, spaceAfter: false }]);
    expect(findSpots('helloâ€ world')).toEqual([{ start: 5, end: 7, bytes: [0xe2, 0x80], missing: 1, spaceAfter: true }]);
    expect(findSpots('ðŸ˜')).toEqual([{ start: 0, end: 3, bytes: [0xf0, 0x9f, 0x98], missing: 1, spaceAfter: false }]);
  });

  it('ignores complete sequences, replaced bytes and spaces inside a sequence (ftfy handles those)', () => {
    expect(findSpots('JosÃ© ðŸ¦† â€“')).toEqual([]);
    expect(findSpots('Ã?')).toEqual([]); // "?" stands for a byte: ftfy's replace_lossy_sequences
    expect(findSpots('â €')).toEqual([]); // restore_byte_a0's case
    expect(findSpots('plain ASCII')).toEqual([]);
  });

  it('tries every lost byte that makes valid UTF-8, and the no-break space ftfy would guess', () => {
    const spot = findSpots('HÃ A')[0]!;
    const chars = candidatesFor(spot, 'HÃ A').map((c) => c.char);
    expect(chars).toEqual(expect.arrayContaining(['Á', 'Í', 'Ï', 'Ð', 'Ý', 'í', 'à']));
    expect(candidatesFor(spot, 'HÃ A').find((c) => c.char === 'à')?.ftfyGuess).toBe(true);
    // C1 controls (C2 81 …) are never candidates.
    const lone = findSpots('xÂy')[0]!;
    expect(candidatesFor(lone, 'xÂy').map((c) => c.char)).toEqual(['\u00ad']);
  });
});

describe('restoring lost bytes when the text decides', () => {
  it('the seed: "JoaquÃn" (soft hyphen stripped) is Joaquín, by case and script', () => {
    const r = repairDeckText('JosÃ© JoaquÃn Atria\n');
    expect(r.text).toBe('José Joaquín Atria\n');
    expect(r.repairs.map((x) => [x.before, x.after, x.kind])).toEqual([
      ['JosÃ©', 'José', 'ftfy'],
      ['JoaquÃn', 'Joaquín', 'dropped-byte'],
    ]);
  });

  it('"â€ " is ” (closing a quote), not ftfy\'s † guess', () => {
    expect(firstLine(repaired('He said â€œhelloâ€ and left').text)).toBe('He said “hello” and left');
    expect(firstLine(repaired('helloâ€ world').text)).toBe('hello” world');
    expect(firstLine(repaired('He said â€œhelloâ€').text)).toBe('He said “hello”');
  });

  it('emoji: ❤ (9D lost inside the sequence), ZWJ families, the rainbow flag, keycaps', () => {
    for (const text of ['I ❤ you', 'Family: 👨‍👩‍👧 here', 'Pride 🏳️‍🌈 month', 'Step 1️⃣ first', 'Love ❤️ it']) {
      expect(firstLine(repaired(damage(text)).text), text).toBe(text);
    }
  });

  it('kana and kanji beside each other, and Arabic digits beside digits', () => {
    expect(firstLine(repaired(damage('Japanese 日本語のテキスト and ひらがな')).text)).toBe('Japanese 日本語のテキスト and ひらがな');
    const arabic = repairDeckText('أكثر Ù…Ù† Ù Ù Ù¡ Ø¨Ù„Ø¯');
    expect(arabic.text).toBe('أكثر من ٠٠١ بلد');
  });

  it('uses words and characters found intact elsewhere in the deck', () => {
    // 👍 written correctly (here: with its C1 byte kept) on another line decides 👍 over 👏 and 👠.
    expect(firstLine(repaired('Great ðŸ‘ work', 'Also ðŸ‘\u008d here').text)).toBe('Great 👍 work');
    // "HÁ" elsewhere decides the capital Á.
    expect(firstLine(repaired('NÃƒO HÃ PROBLEMA', 'HÃ\u0081 MUITO').text)).toBe('NÃO HÁ PROBLEMA');
  });
});

describe('leaving and reporting what the text does not decide', () => {
  it('"ðŸ‘ " alone: 👍 or 👏 (or 👁 👐 …)? left as it is, never ftfy\'s 👠', () => {
    const r = repaired('Great ðŸ‘ work');
    expect(firstLine(r.text)).toBe('Great ðŸ‘ work');
    expect(r.text).not.toContain('👠');
    expect(r.ambiguous).toHaveLength(1);
    expect(r.ambiguous[0]).toMatchObject({ line: 1, column: 7, before: 'ðŸ‘' });
    expect(r.ambiguous[0]!.options).toEqual(expect.arrayContaining(['👍', '👏']));
    const warning = r.diagnostics.find((d) => d.code === 'mojibake-ambiguous')!;
    expect(warning).toMatchObject({ severity: 'warning', line: 1, column: 7 });
    expect(warning.message).toContain('"ðŸ‘" looks like mojibake that lost a byte');
  });

  it('"HÃ " in capitals: HÁ, HÍ, HÏ, HÐ or HÝ? "há" is a common Portuguese word, and ftfy\'s "Hà" never', () => {
    const r = repaired('NÃƒO HÃ PROBLEMA');
    expect(firstLine(r.text)).toBe('NÃO HÁ PROBLEMA');
    expect(r.ambiguous).toEqual([]);
  });

  it('a Cyrillic letter that lost its byte, with no word to compare: reported (beside a common word, restored)', () => {
    const r = repaired(damage('Это слайд'));
    // "это" is among Russian's commonest words; "слайд", "элайд" and "ялайд" are in no list.
    expect(firstLine(r.text)).toBe('Это Ñлайд');
    expect(r.ambiguous.map((a) => a.before)).toEqual(['Ñ']);
  });

  it('a common word decides where the trigrams lean the wrong way: "há»i" (its no-break space lost too) is "hỏi", never "họi"', () => {
    // "hỏi" damaged, and the no-break space of "và" turned into a space (as HTML pipelines do).
    const line = damage('* Câu hỏi và thảo luận').replace(/\u00a0/g, ' ');
    const text = firstLine(repaired(line).text)!;
    expect(text).not.toContain('họi');
    expect(text).toBe('* Câu hỏi và thảo luận');
  });
});

describe('correct text stays as written', () => {
  it('in a deck damaged in places, correct NÃO, café, Ça, pää, Łódź, x×² are not touched', () => {
    const r = repairDeckText('JosÃ© is here\nNÃO café Ça pää Łódź x×²\n');
    expect(r.text).toBe('José is here\nNÃO café Ça pää Łódź x×²\n');
    expect(r.mode).toBe('partial');
    expect(r.ambiguous).toEqual([]);
  });

  it('without damage ftfy recognises, nothing is restored (no evidence the deck went through 1252)', () => {
    const text = 'JoaquÃn and MarÃa\nJosé Joaquín\n';
    const r = repairDeckText(text);
    expect(r.text).toBe(text);
    expect(r.mode).toBe('clean');
  });

  it('a deck whose only damage is one sequence: repaired where each word it changes is confirmed on its own', () => {
    // "Číslo" is a common Czech word; "❤️", "✔️" and "☀️" are recommended emoji sequences.
    for (const line of ['Číslo verze', '> ❤️ Thanks', '> ✔️ Done', '## ☀️ Sunny']) {
      const r = repairDeckText(`${damage(line)}\n`);
      expect(r.text, line).toBe(`${line}\n`);
      expect(r.mode, line).not.toBe('clean');
    }
    // Nothing confirms "Čísl"+"x" (in no list): the stray pair proves nothing.
    const stray = `${damage('Číslx verze')}\n`;
    expect(repairDeckText(stray)).toMatchObject({ text: stray, mode: 'clean' });
  });

  it('a capital Ã Ä Å before a small letter, where a lost byte makes a common word of it: "Åatwa" is "Łatwa"', () => {
    for (const line of ['Łatwa instalacja', '- Spotkanie w Łodzi']) expect(repairDeckText(`${damage(line)}\n`).text, line).toBe(`${line}\n`);
    // Swedish and German capitals, as written, stay: "Åsa", "Åke", "Ärger" make no common word
    // with a lost byte (and "Ärger" is one as it is).
    for (const clean of ['Åsa och Åke', 'Ärger im Büro', 'Ångström']) expect(repairDeckText(`${clean}\n`)).toMatchObject({ text: `${clean}\n`, mode: 'clean' });
  });

  it('refuses ftfy\'s reading of "x×²" as Hebrew, also inside damaged text', () => {
    expect(repairDeckText('Area = x×² + 1\n').text).toBe('Area = x×² + 1\n');
    expect(repairDeckText(`${damage('Area = x×² + 1 for José')}\n`).text).toBe('Area = x×² + 1 for José\n');
  });
});
