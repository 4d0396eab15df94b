/** The presentation deck's running order, one idea per slide (the URL's &slide= is clamped to it). */

export const DECK_SLIDES = ['title', 'knob', 'flops', 'grows', 'released', 'lab', 'race', 'accuracy', 'cam', 'own'] as const;
export type SlideId = (typeof DECK_SLIDES)[number];
export const SLIDE_COUNT = DECK_SLIDES.length;

/** A slide number (1-based) kept inside the deck. */
export const clampSlide = (n: number) => Math.min(SLIDE_COUNT, Math.max(1, Math.round(n)));
