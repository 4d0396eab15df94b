// Git blob ids over real bytes: the two genuine shards match their published ids, one flipped
// byte does not, and only downloads from the pinned source are checked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findRealShard, fixtureSkipReason } from '../../test-support/fixtures';
import { IntegrityError, gitBlobId, pinnedWeightBlobId, pinnedWeightPath, verifyBlob, verifyPinnedDownload } from './integrity';
import pinned from './pinned-blob-ids.json' with { type: 'json' };
import { PINNED_WEIGHTS_BASE } from './pinned-sources';

const missing = fixtureSkipReason({ realShards: true });

describe('integrity', () => {
  it('computes git blob ids (`git hash-object`)', async () => {
    expect(await gitBlobId(new TextEncoder().encode('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    expect(await gitBlobId(new Uint8Array(0))).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
  });

  it('keeps the 196 published ids of the pinned commit', () => {
    expect(Object.keys(pinned.files)).toHaveLength(196);
    expect(PINNED_WEIGHTS_BASE).toBe(pinned.rawBase);
    expect(pinnedWeightBlobId('B0/group1-shard6of6.bin')).toBe('ae92317263d60b27a78f8c22ddb978d3b7e1cf1b');
  });

  it.skipIf(missing !== null).each(['B0/group1-shard6of6.bin', 'B7/group1-shard64of64.bin'])(
    'the genuine %s matches its id; one flipped byte is refused naming the file and both ids',
    async (path) => {
      const bytes = new Uint8Array(readFileSync(findRealShard(path)!));
      const url = `${PINNED_WEIGHTS_BASE}${path}`;
      await expect(verifyPinnedDownload(url, bytes)).resolves.toBeUndefined();
      const tampered = bytes.slice();
      tampered[tampered.length >> 1] ^= 0x01;
      const bad = await gitBlobId(tampered);
      expect(bad).not.toBe(pinnedWeightBlobId(path));
      await expect(verifyPinnedDownload(url, tampered)).rejects.toThrow(
        new IntegrityError(`Integrity check failed for ${path}: expected git blob ${pinnedWeightBlobId(path)}, got ${bad}`),
      );
    },
  );

  it('checks only the pinned source; a file the pinned commit lacks is refused', async () => {
    expect(pinnedWeightPath(`${PINNED_WEIGHTS_BASE}B3/model.json?v=1`)).toBe('B3/model.json');
    expect(pinnedWeightPath('https://example.org/models/B3/model.json')).toBeNull();
    await expect(verifyPinnedDownload('https://example.org/models/B0/model.json', new Uint8Array([1]))).resolves.toBeUndefined();
    await expect(verifyPinnedDownload(`${PINNED_WEIGHTS_BASE}B9/model.json`, new Uint8Array([1]))).rejects.toThrow(
      'Integrity check failed for B9/model.json: the pinned source has no such file',
    );
    await expect(verifyBlob('x.bin', new Uint8Array([1]), 'ab')).rejects.toThrow(/expected git blob ab, got [0-9a-f]{40}/);
  });
});
