// Mappings the user corrected, remembered on this device (localStorage) until they clear them.
// Nothing else is ever stored.

import { decodeMappings, encodeMappings, type MappingOverride } from '../state/mappingCodec';

const KEY = 'sales-kpi.mappings.v1';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled by the browser
  }
}

export function loadRemembered(): Record<string, MappingOverride> {
  const text = storage()?.getItem(KEY);
  return (text && decodeMappings(text)) || {};
}

export function remember(signature: string, override: MappingOverride | null): void {
  const all = loadRemembered();
  if (override) all[signature] = override;
  else delete all[signature];
  const s = storage();
  if (!s) return;
  if (Object.keys(all).length) s.setItem(KEY, encodeMappings(all));
  else s.removeItem(KEY);
}

export function forgetAll(): void {
  storage()?.removeItem(KEY);
}

export function rememberedCount(): number {
  return Object.keys(loadRemembered()).length;
}
