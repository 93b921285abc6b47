// Chart downloads, made in the page: the chart's SVG as a file, or drawn onto a canvas as a PNG.

import { download } from '../format/csv';

/** The colour the chart is drawn on: its card's background (dark in dark mode), else white. */
function backgroundOf(container: HTMLElement): string {
  for (let el: HTMLElement | null = container; el; el = el.parentElement) {
    const bg = getComputedStyle(el).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return 'white';
}

/**
 * The chart's SVG as standalone text, with the page's text colour, font and background written in,
 * so a chart downloaded in dark mode is light text on its dark card, never light text on white.
 */
function svgText(container: HTMLElement): { text: string; background: string } | null {
  const svg = container.querySelector('svg');
  if (!svg) return null;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  // An open tooltip is hover state, not part of the chart.
  copy.querySelectorAll('g[aria-label="tip"]').forEach((g) => g.replaceChildren());
  const style = getComputedStyle(container);
  const background = backgroundOf(container);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('style', `color: ${style.color}; font-family: ${style.fontFamily}; background: ${background}; --plot-background: ${background};`);
  return { text: new XMLSerializer().serializeToString(copy), background };
}

export function downloadSvg(container: HTMLElement, name: string): void {
  const out = svgText(container);
  if (out) download(`${name}.svg`, new Blob([out.text], { type: 'image/svg+xml' }));
}

export async function downloadPng(container: HTMLElement, name: string, scale = 2): Promise<void> {
  const out = svgText(container);
  const svg = container.querySelector('svg');
  if (!out || !svg) return;
  const { width, height } = svg.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([out.text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('SVG could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const g = canvas.getContext('2d')!;
    g.fillStyle = out.background;
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) download(`${name}.png`, blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}
