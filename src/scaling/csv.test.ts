import { describe, expect, it } from 'vitest';
import { csvField, csvText } from './csv';

describe('csv', () => {
  it('quotes only what needs it, doubles quotes, writes objects as JSON and nothing for null', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField({ own: 3, total: 5 })).toBe('"{""own"":3,""total"":5}"');
  });

  it('writes a header and rows, each line ending in a newline', () => {
    expect(
      csvText(
        ['file', 'p'],
        [
          ['tench, a fish.jpg', 0.25],
          ['x', null],
        ],
      ),
    ).toBe('file,p\n"tench, a fish.jpg",0.25\nx,\n');
  });
});
