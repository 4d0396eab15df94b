import { describe, expect, it } from 'vitest';
import { publishAccuracy as publishTo } from './evaluate';
import { createAppStore } from './app-store';
import { sliceStore } from './slice-store';

const store = createAppStore();
const useAccuracySummary = sliceStore(store, 'accuracy');
const publishAccuracy = (rows: Parameters<typeof publishTo>[1]) => publishTo(store, rows);

describe('the class accuracy summary the deck shows', () => {
  it('is null until a run publishes rows; rows without photos are left out; null forgets', () => {
    expect(useAccuracySummary.getState().rows).toBeNull();
    publishAccuracy([
      { network: 'B0', correct: 7, total: 10 },
      { network: 'B3', correct: 0, total: 0 },
    ]);
    expect(useAccuracySummary.getState().rows).toEqual([{ network: 'B0', correct: 7, total: 10 }]);
    publishAccuracy([{ network: 'B3', correct: 0, total: 0 }]);
    expect(useAccuracySummary.getState().rows).toBeNull();
    publishAccuracy([{ network: 'B1', correct: 9, total: 10 }]);
    publishAccuracy(null);
    expect(useAccuracySummary.getState().rows).toBeNull();
  });
});
