// The one place a Plot chart meets the DOM: a Svelte attachment that renders the spec at the
// element's width and re-renders when the width changes.

import * as Plot from '@observablehq/plot';
import type { ChartAction, ChartSpec } from './specs';

/** Makes the spec's clickable marks buttons: click or Enter runs their action. */
function wireActions(chart: Element, spec: ChartSpec, run: (a: ChartAction) => void): void {
  if (spec.actions) wire(chart.querySelectorAll(spec.actions.selector), spec.actions.list, run);
  // Plot's legend swatches carry a generated class ending in "-swatch", in the colour domain's order.
  if (spec.legendActions) wire(chart.querySelectorAll('[class$="-swatch"]'), spec.legendActions, run);
}

function wire(marks: NodeListOf<Element>, list: (ChartAction | null)[], run: (a: ChartAction) => void): void {
  marks.forEach((el, i) => {
    const action = list[i];
    if (!action) return;
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'button');
    el.setAttribute('data-action', action.type === 'filter' ? `${action.field}:${action.value}` : `range:${action.from}:${action.to}`);
    el.classList.add('clickable');
    el.addEventListener('click', () => run(action));
    el.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') {
        e.preventDefault();
        run(action);
      }
    });
  });
}

export function plotChart(spec: ChartSpec, run: (a: ChartAction) => void = () => {}) {
  return (node: HTMLElement) => {
    let width = 0;
    const render = () => {
      const w = Math.max(280, Math.floor(node.clientWidth));
      if (w === width) return;
      width = w;
      const chart = Plot.plot({ ...spec.options, width, style: { background: 'transparent', fontSize: '12px' } });
      chart.setAttribute('role', 'img');
      chart.setAttribute('aria-label', spec.description);
      wireActions(chart, spec, run);
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
