/** The scripting surface (window.phiLab) exposes internals to a mere link: production builds offer
 *  it only when the URL asks with `?debug=1`. */
import { readUrl } from './url-props';

export function debugAllowed(search: string = typeof location === 'undefined' ? '' : location.search): boolean {
  return import.meta.env.DEV || readUrl(search, 'bench').values.debug;
}
