// Column headers of the rows tables: a canonical field's name from the catalog (a short column
// label first, else the mapping screen's field label); any other column keeps the file's own name.

import { en, type MessageKey } from './en';
import { translate } from './index.svelte';
import type { Locale } from '../state/viewState';

const known = (key: string): key is MessageKey => Object.hasOwn(en, key);

export function columnLabel(column: string, locale: Locale): string {
  for (const key of [`col.${column}`, `field.${column}`]) if (known(key)) return translate(locale, key);
  return column;
}
