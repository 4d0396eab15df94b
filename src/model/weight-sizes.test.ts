import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_JSON_BYTES_OF, SHARD_BYTES_OF, downloadBytes } from '../scaling/weight-sizes';
import { expectedShardSizes, parseModelJson } from './model-json';
import { fixtureSkipReason, topologyDir } from '../../test-support/fixtures';

const dir = topologyDir();

describe.skipIf(fixtureSkipReason({ topologies: true }) !== null)('the variants’ download sizes', () => {
  it('equal the genuine manifests, byte for byte', () => {
    for (let k = 0; k < 8; k++) {
      const bytes = readFileSync(join(dir!, `B${k}`, 'model.json'));
      const shards = expectedShardSizes(parseModelJson(bytes.toString('utf8'), `B${k}`));
      expect([k, shards.reduce((a, s) => a + s.bytes, 0), bytes.length]).toEqual([k, SHARD_BYTES_OF[k], MODEL_JSON_BYTES_OF[k]]);
    }
    expect(Math.round([0, 1, 2, 3, 4, 5, 6, 7].reduce((a, k) => a + downloadBytes(k), 0) / 1e6)).toBe(775);
  });
});
