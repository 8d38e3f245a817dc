import { describe, expect, it } from 'vitest';
import { ConfigError, validateConfig } from '../../../src/project/config.ts';

describe('reveal defaults in the config', () => {
  it('keeps options whose values fit, and unknown (plugin) keys as they are', () => {
    const reveal = { width: 1280, height: '80%', transition: 'fade', slideNumber: 'c/t', markdown: { smartypants: false }, menu: { side: 'left' } };
    expect(validateConfig({ reveal }, 'slidewright.config.json').config).toEqual({ reveal });
  });

  it('refuses a wrong type with an error naming the key', () => {
    expect(() => validateConfig({ reveal: { width: 'alert(1)' } }, 'slidewright.config.json')).toThrow(
      new ConfigError('slidewright.config.json: "reveal.width" must be a number of pixels or a percentage such as "80%" (it is "alert(1)")'),
    );
  });

  it('suggests the value meant', () => {
    expect(() => validateConfig({ reveal: { transition: 'zom' } }, 'package.json "slidewright"')).toThrow(
      'package.json "slidewright": "reveal.transition" must be "none", "fade", "slide", "convex", "concave" or "zoom" (it is "zom"); did you mean "zoom"?',
    );
    expect(() => validateConfig({ reveal: { controls: 'false' } }, 'c')).toThrow('c: "reveal.controls" must be true, false, "speaker" or "speaker-only" (it is "false"); did you mean false?');
  });

  it('refuses a function, which cannot reach the page', () => {
    expect(() => validateConfig({ reveal: { slideNumber: () => '1' } }, 'slidewright.config.ts')).toThrow('"reveal.slideNumber" must be true, false, "h.v", "h/v", "c" or "c/t" (it is function)');
  });
});
