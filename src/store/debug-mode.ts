/** The scripting surface (window.phiLab) and `?view=bench&auto=1` start work or expose internals
 *  from a mere link: production builds offer them only when the URL asks with `?debug=1`. */
import { flag } from './url-state';

export function debugAllowed(search: string = typeof location === 'undefined' ? '' : location.search): boolean {
  return import.meta.env.DEV || flag(new URLSearchParams(search).get('debug'));
}
