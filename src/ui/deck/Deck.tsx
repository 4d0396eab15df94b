/** Presentation mode as a slide deck (?present=1): one slide on screen at a time (all of them in
 *  print, one page each), the slide number in the URL (&slide=), a bar with the position, φ and
 *  the controls. Keys: usePresentationKeys. Type scales with the screen (deck.css). */
import type { ComponentType } from 'react';
import { DECK_SLIDES, SLIDE_COUNT, type SlideId } from '../../store/deck';
import { useAppPick } from '../use-app';
import { fmtPhi } from '../format';
import { phiReadout } from '../readouts';
import { StatusBar } from '../StatusBar';
import { AccuracySlide, CamSlide, LabSlide, RaceSlide } from './LiveSlides';
import { FlopsSlide, GrowsSlide, KnobSlide, OwnSlide, ReleasedSlide, TitleSlide } from './ScalingSlides';
import './deck.css';

const SLIDES: Record<SlideId, { title: string; Slide: ComponentType }> = {
  title: { title: 'Title', Slide: TitleSlide },
  knob: { title: 'One knob, three dimensions', Slide: KnobSlide },
  flops: { title: 'The FLOPs budget', Slide: FlopsSlide },
  grows: { title: 'What grows', Slide: GrowsSlide },
  released: { title: 'Released B0–B7 vs the formula', Slide: ReleasedSlide },
  lab: { title: 'The lab', Slide: LabSlide },
  race: { title: "Table 7's race", Slide: RaceSlide },
  accuracy: { title: 'The accuracy the class measured', Slide: AccuracySlide },
  cam: { title: 'Activation maps', Slide: CamSlide },
  own: { title: 'Your own α, β, γ', Slide: OwnSlide },
};

export function Deck({ controlsHidden, onToggleControls }: { controlsHidden: boolean; onToggleControls: () => void }) {
  const { slide, setSlide, phi, setPresent } = useAppPick('slide', 'setSlide', 'phi', 'setPresent');
  const r = phiReadout(phi);
  return (
    <div className="deck" data-testid="deck">
      {!controlsHidden && <StatusBar />}
      <main className="deck-slides">
        {DECK_SLIDES.map((id, i) => {
          const { title, Slide } = SLIDES[id];
          return (
            <section
              key={id}
              className="slide"
              data-testid="slide"
              data-slide={id}
              hidden={i + 1 !== slide}
              aria-roledescription="slide"
              aria-label={`${i + 1} of ${SLIDE_COUNT}: ${title}`}
            >
              <Slide />
            </section>
          );
        })}
      </main>
      <nav className="deck-bar" aria-label="Slides">
        {!controlsHidden && (
          <button type="button" data-testid="slide-prev" disabled={slide <= 1} onClick={() => setSlide(slide - 1)}>
            ← Previous
          </button>
        )}
        <span data-testid="slide-index" aria-live="polite">
          {slide} / {SLIDE_COUNT}
        </span>
        {!controlsHidden && (
          <button type="button" data-testid="slide-next" disabled={slide >= SLIDE_COUNT} onClick={() => setSlide(slide + 1)}>
            Next →
          </button>
        )}
        <span className="deck-bar-phi">
          φ <strong data-testid="deck-phi">{fmtPhi(phi)}</strong> ·{' '}
          <span data-testid="variant">{r.atOfficial ? r.official.name : `formula, predicts with B${r.variant}`}</span>
        </span>
        <button type="button" data-testid="controls-toggle" onClick={onToggleControls}>
          {controlsHidden ? 'Show controls' : 'Hide controls'}
        </button>
        {!controlsHidden && (
          <button type="button" data-testid="present-toggle" aria-pressed="true" onClick={() => setPresent(false)}>
            Leave
          </button>
        )}
      </nav>
    </div>
  );
}
