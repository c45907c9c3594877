// The long form of the incremental tests: many seeds of random edits over every file,
// each incremental result checked against a whole run. `npm run stress -w server`;
// GUST_STRESS_SEEDS sets the number of seeds (10 by default, 400 edits per file each).
import { corpus, replay } from '../random-edits';

const SEEDS = Number(process.env.GUST_STRESS_SEEDS || 10);

describe('incremental stress: random edits checked against whole runs', function () {
  this.timeout(0);
  for (let k = 0; k < SEEDS; k++) {
    const seed = 100 + k * 7;
    it(`seed ${seed}`, async () => {
      await replay('/w/stress.ts', corpus(), 40, seed);
    });
  }
});
