/**
 * A multi-script test set for lost-byte mojibake (issue #15), generated here: ordinary phrases a
 * speaker would put on a slide, written for this set (none taken from a corpus, so none from the
 * UDHR, which the trigram data in src/repair is built from), combined by a deterministic PRNG
 * into lines that lose one to four bytes when their UTF-8 is read as Windows-1252 with the five
 * undefined bytes dropped and soft hyphens stripped (tests/unit/repair/damage.ts).
 *
 * Used by tests/unit/repair/lost-bytes-set.test.ts and by `npm run bench -- repair`.
 */
import { misreadLosing } from './damage.ts';

/** Phrases per script (a few lose no byte at all: they serve as clean lines and as padding). */
export const PHRASES: Readonly<Record<string, readonly string[]>> = {
  Vietnamese: [
    'Người dùng cần cập nhật phần mềm', 'Bảo mật chuỗi cung ứng', 'Cảm ơn các bạn đã lắng nghe', 'Câu hỏi và thảo luận',
    'Mục tiêu của dự án năm nay', 'Kết quả đo trên máy chủ', 'Xin chào mọi người', 'Tài liệu cho người mới',
    'Đăng ký tham dự hội thảo', 'Lịch trình buổi họp',
  ],
  Polish: [
    'Łatwa instalacja', 'Spotkanie w Łodzi', 'Dziękuję za uwagę', 'Pytania i odpowiedzi', 'Łukasz prowadzi warsztaty',
    'Wyniki pomiarów', 'Nowa wersja „Łatki” jest gotowa', 'Bezpieczeństwo łańcucha dostaw', 'Źródła i linki',
  ],
  Czech: [
    'Děkuji za pozornost', 'Otázky a odpovědi', 'Číslo verze', 'Příští týden v Brně', 'Přehled změn', 'Výsledky měření',
    'Nový přístup k čtení dat', 'Ďábelsky rychlý překladač',
  ],
  Turkish: [
    '“Güvenlik” her şeyden önce gelir', 'Sorular ve cevaplar', 'Teşekkür ederim', '“Açık kaynak” topluluğu', 'Yeni sürüm çıktı',
    'Toplantı “İstanbul” ofisinde', 'Geliştirici deneyimi',
  ],
  Cyrillic: [
    'Спасибо за внимание', 'Вопросы и ответы', 'Это наш новый сайт', 'Результаты измерений', 'Дякую за увагу',
    'Благодаря за вниманието', 'План на следующий год', 'Новая версия', 'Наша команда', 'Тестирование и отладка',
    'Добро пожаловать', 'Ёжик в тумане',
  ],
  Greek: [
    'Ευχαριστώ για την προσοχή σας', 'Ερωτήσεις και απαντήσεις', 'Ασφάλεια λογισμικού', 'Νέα έκδοση', 'Καλώς ήρθατε',
    'Αποτελέσματα μετρήσεων', 'Η ομάδα μας', 'Επόμενα βήματα', 'Συζήτηση',
  ],
  Hebrew: [
    'שאלות ותשובות', 'שלום לכולם', 'אבטחת מידע', 'תוצאות המדידה', 'תודה רבה', 'ברוכים הבאים', 'הצוות שלנו',
    'גרסה חדשה', 'סיכום היום',
  ],
  Arabic: [
    'شكرا على حسن الاستماع', 'فريق العمل', 'النتائج والتحليل', 'مرحبا بكم في المؤتمر', 'تحديث البرمجيات', 'الأسئلة والأجوبة',
    'خطة العام القادم', 'أمن المعلومات',
  ],
  Devanagari: [
    'आपका धन्यवाद', 'प्रश्न और उत्तर', 'सुरक्षा अपडेट', 'भारत में स्वागत है', 'नमस्ते दोस्तों', 'नया संस्करण', 'हमारी टीम',
    'आज का विषय', 'परिणाम',
  ],
  Bengali: [
    'ধন্যবাদ', 'প্রশ্ন ও উত্তর', 'এই সপ্তাহের খবর', 'ভালো থাকুন', 'আমাদের দল', 'নতুন সংস্করণ', 'আজকের বিষয়', 'ফলাফল',
  ],
  Thai: [
    'ขอบคุณครับ', 'การประชุมประจำปี', 'ยินดีต้อนรับ', 'คำถามและคำตอบ', 'สวัสดีครับ', 'ทีมของเรา', 'ผลการทดสอบ',
    'รุ่นใหม่', 'หัวข้อวันนี้',
  ],
  Hangul: [
    '감사합니다', '질문과 답변', '소프트웨어 보안', '발표를 시작하겠습니다', '오늘의 주제', '회의 일정 안내', '한국어 자료',
    '새로운 버전', '우리 팀', '결과 요약',
  ],
  Han: [
    '谢谢大家', '问题与解答', '软件供应链安全', '今年的工作计划', '性能测试结果', '欢迎参加会议', '新版本发布', '我们的团队',
    '下一步', '总结',
  ],
  Japanese: [
    'ありがとうございました', '質問はありますか', 'ソフトウェアのセキュリティ', 'ひらがなとカタカナ', 'よろしくお願いします',
    '今日のテーマ', '新しいバージョン', 'チームの紹介', 'まとめ', '次のステップ',
  ],
  Georgian: [
    'გმადლობთ ყურადღებისთვის', 'კითხვები და პასუხები', 'გამარჯობა', 'ახალი ვერსია', 'ჩვენი გუნდი', 'დღის თემა',
    'შედეგები',
  ],
  Armenian: [
    'Շնորհակալություն', 'Բարև ձեզ', 'Հարցեր և պատասխաններ', 'Նոր տարբերակ', 'Մեր թիմը', 'Արդյունքներ',
  ],
  Ethiopic: [
    'እንኳን ደህና መጣችሁ', 'አመሰግናለሁ', 'ጥያቄዎች እና መልሶች', 'አዲስ ስሪት', 'የእኛ ቡድን', 'ውጤቶች',
  ],
  Symbols: [
    '┌──────┐', '│ core │', '└──────┘', 'input ← output', 'A ⇐ B', '10⁴ requests', 'x₁ + x₂', 'aⁿ + bⁿ', '∏ pᵢ',
    '2⁰ = 1', 'cost → value', '▲ up ▼ down', '½ + ¼ = ¾', 'H₂O', '±5 °C',
  ],
  Emoji: [
    '👍 Great work', '❤️ Thanks', '🏳️‍🌈 Pride', '👨‍👩‍👧 Family', '😍 Love it', '👏 Applause', '☀️ Sunny', '⚠️ Warning',
    '🚀 Launch', '✔️ Done', '😁 Smile', '🎉 Party',
  ],
  English: [
    'He said “hello” and left', 'The “supply chain” matters', '“Ship it” is not a plan', 'We call it “the toolchain”',
    'A “quick” fix', 'It’s “done” when it’s tested', 'Thanks for listening', 'Questions?', '“Security” first',
  ],
};

/** The bytes lost through the damage: five dropped, the soft hyphen stripped. */
const LOST_BYTES = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xad]);

/** How many bytes `text` loses when damaged. */
export function lostByteCount(text: string): number {
  let n = 0;
  for (const b of Buffer.from(text, 'utf8')) if (LOST_BYTES.has(b)) n++;
  return n;
}

/** The characters of `text` that lose a byte (one entry per character). */
export function lossyChars(text: string): string[] {
  return [...text].filter((c) => lostByteCount(c) > 0);
}

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SetLine {
  script: string;
  original: string;
  damaged: string;
  losses: number;
}

const PREFIXES = ['', '', '# ', '## ', '* ', '- ', '> '];
const JOINERS = [' — ', ', ', ': ', ' · ', ' | '];

/**
 * Lines per script: a prefix and one or two phrases, kept when they lose one to four bytes (and
 * not seen before). Deterministic for a seed.
 */
export function generateSet(perScript = 6, seed = 15): SetLine[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: SetLine[] = [];
  for (const [script, phrases] of Object.entries(PHRASES)) {
    const seen = new Set<string>();
    for (let tries = 0; seen.size < perScript && tries < 2000; tries++) {
      const first = pick(phrases);
      const body = rnd() < 0.4 ? `${first}${pick(JOINERS)}${pick(phrases.filter((p) => p !== first))}` : first;
      const original = pick(PREFIXES) + body;
      const losses = lostByteCount(original);
      if (losses < 1 || losses > 4 || seen.has(original)) continue;
      seen.add(original);
      out.push({ script, original, damaged: misreadLosing(original), losses });
    }
  }
  return out;
}

/** Clean lines of the same scripts: every phrase as written, in lines like the damaged ones. */
export function cleanLines(): { script: string; line: string }[] {
  return Object.entries(PHRASES).flatMap(([script, phrases]) => phrases.map((p, k) => ({ script, line: PREFIXES[k % PREFIXES.length]! + p })));
}

export type Outcome = 'exact' | 'improved' | 'unchanged' | 'damaged';

/**
 * How a repaired line compares with the original. The lines are aligned (longest common
 * subsequence of code points); each place where they differ is either a lost-byte spot left as
 * it was (the repaired text there is the original's damaged form) or a wrong character written
 * (anything else: a wrong guess, which makes the line worse than leaving it).
 *  - exact: the original; improved: some spots restored, none wrong; unchanged: no spot
 *    restored, none wrong; damaged: at least one wrong character.
 */
export function classify(original: string, repaired: string): { outcome: Outcome; left: number; wrong: number } {
  if (original === repaired) return { outcome: 'exact', left: 0, wrong: 0 };
  const a = [...original];
  const b = [...repaired];
  // LCS table (lines are short).
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  let i = 0;
  let j = 0;
  let left = 0;
  let wrong = 0;
  let hunkA = '';
  let hunkB = '';
  const flush = () => {
    if (!hunkA && !hunkB) return;
    if (hunkB === misreadLosing(hunkA)) left += lossyChars(hunkA).length;
    else wrong++;
    hunkA = '';
    hunkB = '';
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      flush();
      i++;
      j++;
    } else if (j < m && (i === n || dp[i]![j + 1]! >= dp[i + 1]![j]!)) hunkB += b[j++];
    else hunkA += a[i++];
  }
  flush();
  if (wrong > 0) return { outcome: 'damaged', left, wrong };
  return { outcome: left < lossyChars(original).length ? 'improved' : 'unchanged', left, wrong };
}

export interface ScriptTally {
  script: string;
  lines: number;
  losses: number;
  exact: number;
  improved: number;
  unchanged: number;
  damaged: number;
}

/** Repairs each damaged line (as a deck of its own) and tallies the outcomes per script. */
export function tally(lines: readonly SetLine[], repair: (damaged: string) => string): ScriptTally[] {
  const by = new Map<string, ScriptTally>();
  for (const l of lines) {
    let t = by.get(l.script);
    if (!t) by.set(l.script, (t = { script: l.script, lines: 0, losses: 0, exact: 0, improved: 0, unchanged: 0, damaged: 0 }));
    t.lines++;
    t.losses += l.losses;
    t[classify(l.original, repair(l.damaged)).outcome]++;
  }
  return [...by.values()];
}

export function formatTally(rows: readonly ScriptTally[]): string {
  const total = rows.reduce(
    (s, r) => ({ ...s, lines: s.lines + r.lines, losses: s.losses + r.losses, exact: s.exact + r.exact, improved: s.improved + r.improved, unchanged: s.unchanged + r.unchanged, damaged: s.damaged + r.damaged }),
    { script: 'all', lines: 0, losses: 0, exact: 0, improved: 0, unchanged: 0, damaged: 0 },
  );
  const cells = [...rows, total].map((r) => [r.script, r.lines, r.losses, r.exact, r.improved, r.unchanged, r.damaged].map(String));
  const header = ['script', 'lines', 'lost bytes', 'exact', 'improved', 'unchanged', 'damaged'];
  const widths = header.map((h, k) => Math.max(h.length, ...cells.map((c) => c[k]!.length)));
  const line = (c: readonly string[]) => c.map((x, k) => (k === 0 ? x.padEnd(widths[k]!) : x.padStart(widths[k]!))).join('  ');
  return [line(header), ...cells.map(line)].join('\n');
}
