/** The paper's argument as live experiments (Teach): single dimensions vs compound at equal FLOPs, your own bases. */
import { BudgetChart } from './BudgetChart';
import { MethodRace } from './MethodRace';
import { OwnCoefficients } from './OwnCoefficients';

export function PaperExperiments({ first }: { first: number }) {
  return (
    <>
      <section className="teach-section" aria-labelledby="paper-race-h">
        <h3 id="paper-race-h">{first} · Four ways to spend 4.6× B0's FLOPs (the paper's Table 7)</h3>
        <MethodRace />
      </section>
      <section className="teach-section" aria-labelledby="paper-budget-h">
        <h3 id="paper-budget-h">{first + 1} · Equal FLOPs, unequal cost (Figures 3 and 8)</h3>
        <BudgetChart />
      </section>
      <section className="teach-section" aria-labelledby="paper-own-h">
        <h3 id="paper-own-h">{first + 2} · Design your own coefficients</h3>
        <OwnCoefficients />
      </section>
    </>
  );
}
