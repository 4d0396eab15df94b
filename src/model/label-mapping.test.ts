import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findImagenetSample, fixtureSkipReason } from '../../test-support/fixtures';
import { IMAGENET_SAMPLE, sampleSubset } from './imagenet-sample';
import { classFromFileName, classFromName, isLabelFile, mapLabels, parseLabelFile } from './label-mapping';

const sampleDir = findImagenetSample();
const missing = sampleDir ? null : fixtureSkipReason({ photos: ['imagenet-sample/INDEX.json'] });

describe('the ImageNet sample index', () => {
  it('holds 1,000 classes in sorted-wnid order, the class index being the position', () => {
    expect(IMAGENET_SAMPLE).toHaveLength(1000);
    const wnids = IMAGENET_SAMPLE.map((p) => p.wnid);
    expect([...wnids].sort()).toEqual(wnids);
    expect(new Set(wnids).size).toBe(1000);
    expect(IMAGENET_SAMPLE[0]).toEqual({ index: 0, file: 'n01440764_tench.JPEG', wnid: 'n01440764', blob: '308240ad3928057435e6e9fa4f98fd603aba6884' });
    expect(IMAGENET_SAMPLE[999].wnid).toBe('n15075141');
    for (const p of IMAGENET_SAMPLE) expect(p.file.startsWith(`${p.wnid}_`) && /^[0-9a-f]{40}$/.test(p.blob)).toBe(true);
  });

  it.skipIf(missing)('equals the shared INDEX.json fact for fact', () => {
    const index = JSON.parse(readFileSync(join(sampleDir!, 'INDEX.json'), 'utf8')) as {
      commit: string;
      files: { index: number; wnid: string; file: string; blob: string }[];
    };
    expect(index.commit).toBe('bc69043e2862758a1906c6a24a792bb28c6bb2ff');
    expect(IMAGENET_SAMPLE).toEqual(index.files.map(({ index: i, file, wnid, blob }) => ({ index: i, file, wnid, blob })));
  });

  it('takes N evenly spread classes', () => {
    expect(sampleSubset(50).map((p) => p.index)).toEqual(Array.from({ length: 50 }, (_, i) => i * 20));
    expect(sampleSubset(200)).toHaveLength(200);
    expect(sampleSubset(1000).map((p) => p.index)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});

describe('label mapping', () => {
  it('maps every one of the 1,000 sample file names to its class index', () => {
    const got = IMAGENET_SAMPLE.map((p) => classFromFileName(p.file));
    expect(got).toEqual(IMAGENET_SAMPLE.map((p) => p.index));
    expect(mapLabels(IMAGENET_SAMPLE.map((p) => `/${p.file}`)).labels).toEqual(got);
  });

  it('names a class by wnid, by index or by any synonym, case-insensitively', () => {
    expect(classFromName('n01440764')).toBe(0);
    expect(classFromName('n02510455')).toBe(388);
    expect(classFromName('388')).toBe(388);
    expect(classFromName('0')).toBe(0);
    expect(classFromName('1000')).toBeNull();
    expect(classFromName('Giant Panda')).toBe(388);
    expect(classFromName('Ailuropoda melanoleuca')).toBe(388);
    expect(classFromName('great_white_shark')).toBe(2);
    expect(classFromName('tinca tinca')).toBe(0);
    expect(classFromName('n00000000')).toBeNull();
    expect(classFromName('holiday photos')).toBeNull();
    // Two classes share "crane" (the bird, the machine): no guess.
    expect(classFromName('crane')).toBeNull();
  });

  it('reads the ImageNet file-name form only at the start of the name', () => {
    expect(classFromFileName('n01443537_goldfish.JPEG')).toBe(1);
    expect(classFromFileName('n01443537.jpg')).toBe(1);
    expect(classFromFileName('my_n01443537.jpg')).toBeNull();
    expect(classFromFileName('n0144353_x.jpg')).toBeNull();
  });

  it('takes the folder first, then the file name, then a labels file; reports unmatched folders', () => {
    const csv = parseLabelFile('labels.csv', 'file,label\n"a, b.jpg",goldfish\nc.jpg,n01440764\nd.jpg,5\nskip.jpg,nothing');
    const paths = [
      '/n01440764/x.jpg',
      '/388/y.jpg',
      '/Giant Panda/z.jpg',
      '/holiday/n01443537_goldfish.JPEG',
      '/holiday/a, b.jpg',
      '/holiday/c.jpg',
      '/trip/e.jpg',
      '/d.jpg',
      '/skip.jpg',
      '/n01443537/n01440764_tench.JPEG',
    ];
    const { labels, report } = mapLabels(paths, [csv]);
    expect(labels).toEqual([0, 388, 388, 1, 1, 0, null, 5, null, 1]);
    expect(report).toEqual({
      folders: 6,
      matchedFolders: 4,
      unmatchedFolders: ['holiday', 'trip'],
      bySource: { folder: 4, 'file name': 1, 'labels file': 3 },
      unlabelled: 2,
    });
  });

  it('reads labels.json as an object or a list, keys by path or base name', () => {
    const obj = parseLabelFile('labels.json', JSON.stringify({ 'misc/p.jpg': 'giant panda', 'q.jpg': 2, 'r.jpg': 1000 }));
    expect([...obj]).toEqual([
      ['misc/p.jpg', 388],
      ['q.jpg', 2],
      ['r.jpg', null],
    ]);
    const list = parseLabelFile('LABELS.JSON', JSON.stringify([{ file: './s.jpg', label: 'n01440764' }]));
    expect([...list]).toEqual([['s.jpg', 0]]);
    expect(mapLabels(['/misc/p.jpg', '/x/q.jpg'], [obj]).labels).toEqual([388, 2]);
    expect(isLabelFile('/a/labels.csv') && isLabelFile('/LABELS.json') && !isLabelFile('/mylabels.csv')).toBe(true);
  });
});
