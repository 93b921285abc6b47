// The message catalog in use: the current locale is reactive state, `t` looks a key up in it.

import type { Locale } from '../state/viewState';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

const current = $state<{ locale: Locale }>({ locale: 'en' });

export function locale(): Locale {
  return current.locale;
}

export function setLocale(l: Locale): void {
  current.locale = l;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = l;
    document.title = CATALOGS[l]['app.title'];
  }
}

/** The browser's preferred language mapped to a supported locale. */
export function browserLocale(languages: readonly string[]): Locale {
  for (const lang of languages) {
    const l = lang.toLowerCase();
    if (l.startsWith('zh')) return 'zh-CN';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

/** Message parameters: plain values, or another message (translated in the same language). */
export type MessageParams = Record<string, string | number | { msg: MessageKey } | { msgs: MessageKey[] }>;

export function translate(l: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGS[l][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!(name in params)) return m;
    const v = params[name];
    if (typeof v !== 'object') return String(v);
    return 'msg' in v ? translate(l, v.msg) : v.msgs.map((k) => translate(l, k)).join(l === 'zh-CN' ? '、' : ', ');
  });
}

export function t(key: MessageKey, params?: MessageParams): string {
  return translate(current.locale, key, params);
}

export type { MessageKey };
