// Shared steps for the browser tests: open the built app, drop files, wait for states, read tiles.
import { expect, type Page, type Request } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The public datasets beside the checkout (../shared/data/public); KPI_PUBLIC_DATA overrides. */
export const PUBLIC_DATA = process.env.KPI_PUBLIC_DATA ?? fileURLToPath(new URL('../../../shared/data/public', import.meta.url));
export const MAVEN = `${PUBLIC_DATA}/maven-crm-opportunities/sales_pipeline.csv`;

export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(query ? `./?${query}` : './');
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-state', /empty|error/);
}

/** Picks files with the page's file input. */
export async function pickFiles(page: Page, paths: string[]): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(paths);
}

/**
 * Drops files on the page the way a user's drag and drop does (a DataTransfer on a drop event).
 * Bytes cross into the page as base64: as a JSON array of numbers, a 10 MB file took 80 s.
 */
export async function dropFiles(page: Page, files: { name: string; text?: string; bytes?: Uint8Array }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, text: f.text ?? null, base64: f.bytes ? Buffer.from(f.bytes).toString('base64') : null }));
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    const decode = (base64: string) => {
      const text = atob(base64);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      return bytes;
    };
    for (const f of list) dt.items.add(new File([f.base64 !== null ? decode(f.base64) : f.text!], f.name, { type: 'text/csv' }));
    const target = document.querySelector('main') ?? document.body;
    target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, dataTransfer: dt }));
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, payload);
}

export function fileText(path: string): { name: string; text: string } {
  return { name: basename(path), text: readFileSync(path, 'utf8') };
}

/**
 * Waits for the dashboard's ready state. Loads get twice the other waits' time: on a shared 2-core
 * machine in a slow hour, with the other test worker busy, the five sample files once took over 30 s.
 */
export async function waitReady(page: Page): Promise<void> {
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
}

/** The raw data-value of a KPI tile, as a number (null when empty). */
export async function kpiValue(page: Page, id: string): Promise<number | null> {
  const v = await page.locator(`[data-kpi="${id}"]`).first().getAttribute('data-value');
  return v === null || v === '' ? null : Number(v);
}

/** Records every request the page makes; `foreign()` lists those leaving the page's origin. */
export function watchRequests(page: Page, origin: string) {
  const requests: string[] = [];
  const onRequest = (r: Request) => requests.push(r.url());
  page.on('request', onRequest);
  page.on('worker', (w) => requests.push(`worker:${w.url()}`));
  return {
    requests,
    foreign: () =>
      requests.filter((u) => {
        const url = u.startsWith('worker:') ? u.slice(7) : u;
        if (url.startsWith('data:') || url.startsWith('blob:')) return false;
        return new URL(url).origin !== origin;
      }),
  };
}
