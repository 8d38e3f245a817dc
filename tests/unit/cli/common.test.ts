import { describe, expect, it } from 'vitest';
import { UsageError, parsePositive } from '../../../src/cli/common.ts';

describe('parsePositive', () => {
  it('reads numbers above 0 and leaves absent flags undefined', () => {
    expect(parsePositive('--timeout', '30')).toBe(30);
    expect(parsePositive('--scale', '1.5', { max: 4 })).toBe(1.5);
    expect(parsePositive('--timeout', undefined)).toBeUndefined();
  });

  it('says what to write instead', () => {
    expect(() => parsePositive('--jobs', '2.5', { integer: true })).toThrow(new UsageError('--jobs "2.5" must be a whole number above 0'));
    expect(() => parsePositive('--scale', '9', { max: 4 })).toThrow('--scale "9" must be a number above 0 and at most 4');
    expect(() => parsePositive('--timeout', '0')).toThrow(UsageError);
    expect(() => parsePositive('--timeout', 'soon')).toThrow(UsageError);
  });
});
