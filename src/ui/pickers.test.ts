// The shared pickers and table shell render the markup the views wrote by hand before (test ids,
// pressed/current state, option values and text), server-rendered: no DOM needed.
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OptionSelect, VariantPicks } from './pickers';
import { ScrollTable } from './TableScroll';

const html = renderToStaticMarkup;

describe('pickers', () => {
  it('OptionSelect: one option per value, its text from label, the value selected', () => {
    const select = html(
      h(OptionSelect<number | 'auto'>, { options: ['auto', 1, 2], value: 2, onChange: () => {}, name: 'batch', label: (o) => `${o} photos` }),
    );
    expect(select).toBe(
      '<select name="batch"><option value="auto">auto photos</option><option value="1">1 photos</option><option value="2" selected="">2 photos</option></select>',
    );
  });

  it('VariantPicks: B0–B7 pressed when picked, disabled and titled from that', () => {
    const out = html(
      h(VariantPicks, {
        legend: 'L',
        groupLabel: 'G',
        testIdPrefix: 'p-',
        picks: [1, 3],
        onPick: () => {},
        disabled: (picked: boolean) => picked,
        title: (picked: boolean) => (picked ? 'keep' : undefined),
      }),
    );
    expect(out.match(/data-testid="p-B\d"/g)).toHaveLength(8);
    expect(out).toContain('<button type="button" data-testid="p-B0" aria-pressed="false">B0</button>');
    expect(out).toContain('<button type="button" data-testid="p-B3" aria-pressed="true" disabled="" title="keep">B3</button>');
    expect(out).toMatch(/^<fieldset class="compare-picker"><legend>L<\/legend><div class="compare-picks" role="group" aria-label="G">/);
  });

  it('ScrollTable: caption, scoped column heads, the rows', () => {
    const row = h('tr', null, h('td', null, '1'));
    const out = html(h(ScrollTable, { label: 'T', heads: ['x', 'y'], scoped: true, caption: 'C', testId: 't', children: row }));
    expect(out).toBe(
      '<div class="table-scroll" tabindex="0" role="region" aria-label="T"><table data-testid="t"><caption>C</caption><thead><tr><th scope="col">x</th><th scope="col">y</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table></div>',
    );
  });
});
