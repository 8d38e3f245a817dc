/**
 * highlight.js languages are loaded as fences ask for them: the result must be what highlight.js
 * with every language gives, embedded languages (Perl's Mojolicious, HTML's CSS and JavaScript)
 * and aliases (`js`) included.
 */
import { createRequire } from 'node:module';
import type { HLJSApi } from 'highlight.js';
import { describe, expect, it } from 'vitest';
import { renderCode } from '../../../src/render/code.ts';

const SAMPLES: [string, string][] = [
  ['perl', 'my $x = 1; # count\nprint "x is $x\\n";\n__END__\n=pod\n\nDocs\n\n=cut\n'],
  ['python', 'def f(x):\n    return x * 2  # twice\n'],
  ['xml', '<p class="a"><style>p { color: red }</style><script>let a = () => 1;</script></p>'],
  ['js', 'const html = `<b>${name}</b>`;\n'],
  ['bash', 'echo "$HOME" | wc -c\n'],
];

const body = (html: string) => /<code[^>]*>([\s\S]*)<\/code>/.exec(html)![1]!;

describe('languages loaded on demand', () => {
  it('highlight exactly as highlight.js with all its languages', () => {
    const lazily = SAMPLES.map(([language, code]) => body(renderCode(code, language)));
    const full = createRequire(import.meta.url)('highlight.js') as HLJSApi;
    SAMPLES.forEach(([language, code], i) => {
      expect(lazily[i], language).toBe(full.highlight(code, { language, ignoreIllegals: true }).value);
      expect(lazily[i], language).toContain('hljs-');
    });
  });

  it('leave unknown languages as escaped plain text', () => {
    expect(renderCode('<a>', 'no-such-language')).toBe('<pre><code class="hljs language-no-such-language">&lt;a&gt;</code></pre>\n');
  });
});
