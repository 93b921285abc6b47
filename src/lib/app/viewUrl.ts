// The view in the page's URL, beside the Dashboard: what a link's notices say, the filter values a
// link names that the loaded data lacks, and the history entry a change of view adds.

import type { MessageKey } from '../i18n/index.svelte';
import type { ExtraField, FilterField } from '../kpi/filters';
import { encodeView, type UrlNotice } from '../state/urlCodec';
import type { ViewState } from '../state/viewState';
import type { Alert } from './alerts.svelte';

type Notice = Omit<Alert, 'id'>;

const URL_ALERT: Record<UrlNotice['reason'], MessageKey> = {
  unknownKey: 'url.unknownKey',
  badValue: 'url.badValue',
  badVersion: 'url.badVersion',
  rangeOrder: 'url.rangeOrder',
  tooMany: 'url.tooMany',
};

/** The notices of a URL's keys and values that could not be used. */
export function urlNoticeAlerts(notices: readonly UrlNotice[]): Notice[] {
  return notices.map((n) => ({ key: URL_ALERT[n.reason], params: { key: n.key, value: n.value }, level: 'notice' }));
}

/**
 * Filter values the loaded data does not hold (a link made with other files, or a hand-edited one):
 * they stay plain values that match nothing, and the user is told which, once (`told`: said before).
 */
export function unknownFilterValueAlerts(
  filters: ViewState['filters'],
  options: Readonly<Record<string, readonly string[] | undefined>>,
  told: (label: string, value: string) => boolean,
): Notice[] {
  const alerts: Notice[] = [];
  for (const [field, values] of Object.entries(filters) as [FilterField | ExtraField, readonly string[]][]) {
    const known = options[field];
    // Options are listed up to 500 values: a longer list cannot prove a value absent.
    if (!known || known.length >= 500) continue;
    for (const value of values) {
      const label = field.replace(/^x_/, '');
      if (known.includes(value) || told(label, value)) continue;
      alerts.push({ key: 'url.unknownFilterValue', params: { key: label, value: value.slice(0, 80) }, level: 'notice' });
    }
  }
  return alerts;
}

/** Writes `view` to the URL as a new history entry; false when the URL already says it (the same value picked again). */
export function pushViewUrl(view: ViewState): boolean {
  const query = encodeView(view);
  const search = query ? `?${query}` : '';
  if (search === location.search) return false;
  history.pushState(null, '', `${location.pathname}${search}${location.hash}`);
  return true;
}
