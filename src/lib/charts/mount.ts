// The one place a Plot chart meets the DOM: a Svelte attachment that renders the spec at the
// element's width and re-renders when the width changes.

import * as Plot from '@observablehq/plot';
import type { ChartSpec } from './specs';

export function plotChart(spec: ChartSpec) {
  return (node: HTMLElement) => {
    let width = 0;
    const render = () => {
      const w = Math.max(280, Math.floor(node.clientWidth));
      if (w === width) return;
      width = w;
      const chart = Plot.plot({ ...spec.options, width, style: { background: 'transparent', fontSize: '12px' } });
      chart.setAttribute('role', 'img');
      chart.setAttribute('aria-label', spec.description);
      node.replaceChildren(chart);
    };
    render();
    const observer = new ResizeObserver(render);
    observer.observe(node);
    return () => {
      observer.disconnect();
      node.replaceChildren();
    };
  };
}
