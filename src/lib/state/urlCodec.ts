// The one two-way codec between the view state and the query string (DESIGN.md section 5).
// Short stable keys, defaults never written, a version key, and every bad value dropped with a notice.

import { extraFilters, FILTER_FIELDS, isExtraField, type FilterField, type Filters } from '../kpi/filters';
import { BREAKDOWNS } from '../kpi/newBusiness';
import { GRAINS, isIsoDate } from '../kpi/period';
import { decodeMappings, encodeMappings } from './mappingCodec';
import {
  COMPARISONS, DEFAULT_VIEW, LOCALES, RETENTION_MEASURES, TABS, TRANSITIONS, WIN_RATES,
  type Locale, type ViewState,
} from './viewState';

export const URL_VERSION = '1';

export interface UrlNotice {
  key: string;
  value: string;
  reason: 'unknownKey' | 'badValue' | 'badVersion' | 'rangeOrder' | 'tooMany';
}

const MAX_FILTER_VALUES = 200;
const MAX_VALUE_LENGTH = 200;
const MAX_GOAL = 100;

/** Query string without the leading "?"; the default view encodes to "". */
export function encodeView(view: ViewState): string {
  const pairs: [string, string][] = [];
  if (view.from) pairs.push(['from', view.from]);
  if (view.to) pairs.push(['to', view.to]);
  if (view.grain !== DEFAULT_VIEW.grain) pairs.push(['grain', view.grain]);
  if (view.fy !== DEFAULT_VIEW.fy) pairs.push(['fy', String(view.fy)]);
  if (view.tab !== DEFAULT_VIEW.tab) pairs.push(['tab', view.tab]);
  if (view.lang) pairs.push(['lang', view.lang]);
  if (view.cmp !== DEFAULT_VIEW.cmp) pairs.push(['cmp', view.cmp]);
  if (view.s1) pairs.push(['s1', view.s1]);
  if (view.s2) pairs.push(['s2', view.s2]);
  if (view.cohort !== DEFAULT_VIEW.cohort) pairs.push(['cohort', view.cohort]);
  if (view.launch) pairs.push(['launch', view.launch]);
  if (view.since) pairs.push(['since', view.since]);
  if (view.asof) pairs.push(['asof', view.asof]);
  if (view.wr !== DEFAULT_VIEW.wr) pairs.push(['wr', view.wr]);
  if (view.by) pairs.push(['by', view.by]);
  if (view.ret !== DEFAULT_VIEW.ret) pairs.push(['ret', view.ret]);
  if (view.goal !== DEFAULT_VIEW.goal) pairs.push(['goal', String(view.goal)]);
  if (view.pwin !== null) pairs.push(['pwin', String(view.pwin)]);
  if (view.psize !== null) pairs.push(['psize', String(view.psize)]);
  if (view.pconv !== null) pairs.push(['pconv', String(view.pconv)]);
  for (const field of FILTER_FIELDS) {
    const values = view.filters[field];
    if (values?.length) pairs.push([field, values.map(encodeURIComponent).join(',')]);
  }
  // Extra columns of the files: x.<column>=values (the column's normalised name).
  for (const [key, values] of extraFilters(view.filters).sort(([a], [b]) => (a < b ? -1 : 1))) {
    pairs.push([`x.${key.slice(2)}`, values.map(encodeURIComponent).join(',')]);
  }
  if (Object.keys(view.mappings).length) pairs.push(['map', encodeMappings(view.mappings)]);
  if (view.data) pairs.push(['d', view.data]);
  if (pairs.length === 0) return '';
  // Filter values are already encoded so that a comma inside a value stays distinct from the separator.
  return [['v', URL_VERSION], ...pairs]
    .map(([k, v]) => `${encodeURIComponent(k)}=${FILTER_FIELDS.includes(k as FilterField) || k === 'map' || k.startsWith('x.') ? v : encodeURIComponent(v)}`)
    .join('&');
}

function decodePart(s: string): string | null {
  try {
    return decodeURIComponent(s.replaceAll('+', ' '));
  } catch {
    return null;
  }
}

/** Keys whose value is one of a fixed list. */
const CHOICES = {
  grain: GRAINS, tab: TABS, cmp: COMPARISONS, cohort: TRANSITIONS, wr: WIN_RATES, by: BREAKDOWNS, ret: RETENTION_MEASURES,
} as const satisfies { [K in keyof ViewState]?: readonly ViewState[K][] };

export function decodeView(search: string): { view: ViewState; notices: UrlNotice[] } {
  const view: ViewState = { ...DEFAULT_VIEW, filters: {}, mappings: {} };
  const filters: Filters = {};
  const notices: UrlNotice[] = [];
  const query = search.startsWith('?') ? search.slice(1) : search;
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodePart(eq < 0 ? pair : pair.slice(0, eq)) ?? pair;
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const value = decodePart(rawValue);
    const bad = (reason: UrlNotice['reason'] = 'badValue') =>
      notices.push({ key: key.slice(0, 40), value: (value ?? rawValue).slice(0, 80), reason });
    if (value === null) {
      bad();
      continue;
    }
    switch (key) {
      case 'v':
        if (value !== URL_VERSION) bad('badVersion');
        break;
      case 'from':
      case 'to':
      case 'since':
      case 'asof':
        if (isIsoDate(value)) view[key] = value;
        else bad();
        break;
      case 'fy': {
        const n = Number(value);
        if (/^\d{1,2}$/.test(value) && n >= 1 && n <= 12) view.fy = n;
        else bad();
        break;
      }
      case 'grain':
      case 'tab':
      case 'cmp':
      case 'cohort':
      case 'wr':
      case 'by':
      case 'ret':
        if ((CHOICES[key] as readonly string[]).includes(value)) Object.assign(view, { [key]: value });
        else bad();
        break;
      case 'goal': {
        // A plain positive decimal (no exponent, sign or hex), at most 100x.
        const n = Number(value);
        if (/^\d{1,3}(\.\d{1,2})?$/.test(value) && n > 0 && n <= MAX_GOAL) view.goal = n;
        else bad();
        break;
      }
      case 'pwin':
      case 'pconv': {
        // A percentage with at most one decimal, above 0 and at most 100.
        const n = Number(value);
        if (/^\d{1,3}(\.\d)?$/.test(value) && n > 0 && n <= 100) view[key] = n;
        else bad();
        break;
      }
      case 'psize': {
        // Money: a plain positive decimal with at most two decimals.
        const n = Number(value);
        if (/^\d{1,12}(\.\d{1,2})?$/.test(value) && n > 0) view.psize = n;
        else bad();
        break;
      }
      case 's1':
      case 's2':
      case 'launch':
        // Names from the data: any text, kept as a value and only ever bound as a parameter.
        if (value.trim() && value.length <= MAX_VALUE_LENGTH) view[key] = value.trim();
        else bad();
        break;
      case 'd':
        if (/^[0-9a-z]{1,12}$/.test(value)) view.data = value;
        else bad();
        break;
      case 'map': {
        const mappings = decodeMappings(value);
        if (mappings) view.mappings = mappings;
        else bad();
        break;
      }
      case 'lang':
        if ((LOCALES as readonly string[]).includes(value)) view.lang = value as Locale;
        else bad();
        break;
      default:
        if (key.startsWith('x.') && isExtraField(`x_${key.slice(2)}`)) {
          const values = decodeFilterValues(rawValue);
          if (values === null) bad();
          else if (values.length > MAX_FILTER_VALUES) bad('tooMany');
          else if (values.length) filters[`x_${key.slice(2)}`] = values;
        } else if ((FILTER_FIELDS as readonly string[]).includes(key)) {
          const values = decodeFilterValues(rawValue);
          if (values === null) bad();
          else if (values.length > MAX_FILTER_VALUES) bad('tooMany');
          else if (values.length) filters[key as FilterField] = values;
        } else {
          bad('unknownKey');
        }
    }
  }
  if (view.from && view.to && view.from > view.to) {
    notices.push({ key: 'from', value: `${view.from} > ${view.to}`, reason: 'rangeOrder' });
    view.from = null;
    view.to = null;
  }
  view.filters = filters;
  return { view, notices };
}

function decodeFilterValues(raw: string): string[] | null {
  const out: string[] = [];
  for (const part of raw.split(',')) {
    const v = decodePart(part);
    if (v === null || v.length > MAX_VALUE_LENGTH) return null;
    const trimmed = v.trim();
    if (trimmed && !out.includes(trimmed)) out.push(trimmed);
  }
  return out;
}
