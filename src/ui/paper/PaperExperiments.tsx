/** The paper's argument as live experiments (Teach): single dimensions vs compound at equal FLOPs, your own bases. */
import { BudgetChart } from './BudgetChart';
import { MethodRace } from './MethodRace';
import { OwnCoefficients } from './OwnCoefficients';

const EXPERIMENTS = [
  { id: 'paper-race-h', title: "Four ways to spend 4.6× B0's FLOPs (the paper's Table 7)", Body: MethodRace },
  { id: 'paper-budget-h', title: 'Equal FLOPs, unequal cost (Figures 3 and 8)', Body: BudgetChart },
  { id: 'paper-own-h', title: 'Design your own coefficients', Body: OwnCoefficients },
];

export function PaperExperiments({ first }: { first: number }) {
  return EXPERIMENTS.map(({ id, title, Body }, i) => (
    <section key={id} className="teach-section" aria-labelledby={id}>
      <h3 id={id}>
        {first + i} · {title}
      </h3>
      <Body />
    </section>
  ));
}
