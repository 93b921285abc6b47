// Chart downloads, made in the page: the chart's SVG as a file, or drawn onto a canvas as a PNG.

import { download } from '../format/csv';

/** The chart's SVG as standalone text, with the page's text colour and font written in. */
function svgText(container: HTMLElement): string | null {
  const svg = container.querySelector('svg');
  if (!svg) return null;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const style = getComputedStyle(container);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('style', `color: ${style.color}; font-family: ${style.fontFamily}; background: white;`);
  return new XMLSerializer().serializeToString(copy);
}

export function downloadSvg(container: HTMLElement, name: string): void {
  const text = svgText(container);
  if (text) download(`${name}.svg`, new Blob([text], { type: 'image/svg+xml' }));
}

export async function downloadPng(container: HTMLElement, name: string, scale = 2): Promise<void> {
  const text = svgText(container);
  const svg = container.querySelector('svg');
  if (!text || !svg) return;
  const { width, height } = svg.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
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
    g.fillStyle = 'white';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) download(`${name}.png`, blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}
