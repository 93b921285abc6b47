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

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The chart's own SVG: with a legend Plot wraps it in a figure after the legend (swatches and ramps are SVGs too). */
function chartSvg(container: HTMLElement): SVGSVGElement | null {
  return container.querySelector<SVGSVGElement>(':scope > svg, :scope > figure > svg:not([class$="-ramp"])');
}

/** Plot's HTML legend redrawn as SVG rows of swatches and labels, at most `width` wide; returns its height. */
function legendGroup(container: HTMLElement, width: number): { g: SVGGElement; height: number } | null {
  const items = Array.from(container.querySelectorAll<HTMLElement>('[class*="-swatches"] > span')).map((item) => {
    const mark = item.querySelector('svg rect, svg circle, svg path, svg');
    return { label: item.textContent?.trim() ?? '', fill: mark ? getComputedStyle(mark).fill : 'currentColor' };
  });
  const g = document.createElementNS(SVG_NS, 'g');
  // Plot's root centres text; legend labels start at their swatch. The inset keeps edge labels whole.
  g.setAttribute('text-anchor', 'start');
  g.setAttribute('transform', 'translate(12, 4)');
  // A colour ramp (heatmaps) is already an SVG: it nests as it is.
  const ramp = container.querySelector<SVGSVGElement>(':scope > figure > svg[class$="-ramp"]');
  if (ramp) {
    g.append(ramp.cloneNode(true));
    return { g, height: (Number(ramp.getAttribute('height')) || 50) + 10 };
  }
  if (!items.length) return null;
  let x = 0;
  let y = 0;
  for (const { label, fill } of items) {
    const w = 18 + label.length * 6.5 + 14;
    if (x > 0 && x + w > width - 24) {
      x = 0;
      y += 20;
    }
    const rect = document.createElementNS(SVG_NS, 'rect');
    Object.entries({ x, y: y + 3, width: 12, height: 12, fill }).forEach(([k, v]) => rect.setAttribute(k, String(v)));
    const text = document.createElementNS(SVG_NS, 'text');
    Object.entries({ x: x + 17, y: y + 13, fill: 'currentColor', 'font-size': 11 }).forEach(([k, v]) => text.setAttribute(k, String(v)));
    text.textContent = label;
    g.append(rect, text);
    x += w;
  }
  return { g, height: y + 32 };
}

/**
 * The chart's SVG as standalone text, with its legend, and the page's text colour, font and
 * background written in, so a chart downloaded in dark mode is light text on its dark card.
 */
function svgText(container: HTMLElement): { text: string; background: string; width: number; height: number } | null {
  const svg = chartSvg(container);
  if (!svg) return null;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  // An open tooltip is hover state, not part of the chart.
  copy.querySelectorAll('g[aria-label="tip"]').forEach((g) => g.replaceChildren());
  const width = Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width;
  let height = Number(svg.getAttribute('height')) || svg.getBoundingClientRect().height;
  const legend = legendGroup(container, width);
  if (legend) {
    // The chart moves down below its legend, inside a taller picture.
    const body = document.createElementNS(SVG_NS, 'g');
    body.setAttribute('transform', `translate(0, ${legend.height})`);
    body.append(...Array.from(copy.childNodes).filter((n) => n.nodeName !== 'style'));
    copy.append(legend.g, body);
    height += legend.height;
    copy.setAttribute('height', String(height));
    copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  }
  const style = getComputedStyle(container);
  const background = backgroundOf(container);
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('style', `color: ${style.color}; font-family: ${style.fontFamily}; background: ${background}; --plot-background: ${background};`);
  return { text: new XMLSerializer().serializeToString(copy), background, width, height };
}

export function downloadSvg(container: HTMLElement, name: string): void {
  const out = svgText(container);
  if (out) download(`${name}.svg`, new Blob([out.text], { type: 'image/svg+xml' }));
}

export async function downloadPng(container: HTMLElement, name: string, scale = 2): Promise<void> {
  const out = svgText(container);
  if (!out) return;
  const { width, height } = out;
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
