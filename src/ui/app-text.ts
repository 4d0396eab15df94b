/** The app's name and tagline, shown by the header and by the deck's title slide. */
import { ALPHA, BETA, GAMMA } from '../scaling';

export const APP_TITLE = 'EfficientNet φ lab';
export const TAGLINE = `Compound scaling, live: depth ${ALPHA}^φ · width ${BETA}^φ · resolution ${GAMMA}^φ`;
