// Messages about files and the URL (rendered with role="alert"). Stored as catalog keys and
// parameters so a language switch re-renders them.

import type { MessageKey, MessageParams } from '../i18n/index.svelte';

export interface AlertAction {
  label: MessageKey;
  run: () => void | Promise<void>;
}

export interface Alert {
  id: number;
  key: MessageKey;
  params: MessageParams;
  /** A second sentence, e.g. that the data loaded before is unchanged. */
  note?: MessageKey;
  /** 'error' for a file or value that could not be used; 'notice' for what the user should know. */
  level: 'error' | 'notice';
  /** The dataset entry the alert is about, so it can be replaced when that file changes. */
  fileKey?: number;
  actions?: AlertAction[];
}

export class Alerts {
  list = $state<Alert[]>([]);
  private nextId = 1;

  push(alert: Omit<Alert, 'id'>): number {
    const id = this.nextId++;
    this.list = [...this.list, { ...alert, id }];
    return id;
  }

  dismiss(id: number): void {
    this.list = this.list.filter((a) => a.id !== id);
  }

  /** Drops the alerts about one file (before re-describing it after a change). */
  clearFile(fileKey: number, keep: (a: Alert) => boolean = () => false): void {
    this.list = this.list.filter((a) => a.fileKey !== fileKey || keep(a));
  }

  get hasErrors(): boolean {
    return this.list.some((a) => a.level === 'error');
  }
}
