// The one place a Plot chart meets the DOM: a Svelte attachment that renders the spec at the
// element's width, re-renders when the width changes, and makes clickable marks buttons.

import * as Plot from '@observablehq/plot';
import type { ChartAction, ChartSpec } from './specs';

export interface ChartLabels {
  /** The chart's accessible name (its title). */
  name: string;
  /** Id of the element holding the text alternative (spec.description), if the page shows one. */
  descriptionId?: string;
  /** What activating a mark does, for screen readers ("Filter by owner: Ann"). */
  describe?: (a: ChartAction) => string;
}

/** Makes the spec's clickable marks buttons: click, Enter or Space runs their action. Returns how many. */
function wireActions(chart: Element, spec: ChartSpec, run: (a: ChartAction) => void, describe?: (a: ChartAction) => string): number {
  let n = 0;
  if (spec.actions) n += wire(chart.querySelectorAll(spec.actions.selector), spec.actions.list, run, describe);
  // Plot's legend swatches carry a generated class ending in "-swatch", in the colour domain's order.
  if (spec.legendActions) n += wire(chart.querySelectorAll('[class$="-swatch"]'), spec.legendActions, run, describe);
  return n;
}

function wire(marks: NodeListOf<Element>, list: (ChartAction | null)[], run: (a: ChartAction) => void, describe?: (a: ChartAction) => string): number {
  let n = 0;
  marks.forEach((el, i) => {
    const action = list[i];
    if (!action) return;
    n++;
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'button');
    el.setAttribute('data-action', action.type === 'filter' ? `${action.field}:${action.value}` : `range:${action.from}:${action.to}`);
    // The mark's own tooltip text (its figures) stays as the description; the name says what it does.
    if (describe) el.setAttribute('aria-label', describe(action));
    el.classList.add('clickable');
    el.addEventListener('click', () => run(action));
    el.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') {
        e.preventDefault();
        run(action);
      }
    });
  });
  return n;
}

/** Hides from assistive technology every part of `el` that holds no clickable mark (axes, grid, tips). */
function hideInert(el: Element): void {
  for (const child of Array.from(el.children)) {
    if (child.hasAttribute('data-action')) continue;
    if (child.querySelector('[data-action]')) hideInert(child);
    else child.setAttribute('aria-hidden', 'true');
  }
}

/**
 * Charts mounted together (a view's panels) read their widths in one batch, then draw: reading a
 * width after the previous chart went into the page forces the browser to lay the page out again,
 * once per chart, which cost more than drawing them. The batch runs in a microtask, before the
 * view is marked ready.
 */
let batch: { node: HTMLElement; draw: (width: number) => void }[] = [];

function drawBatch(): void {
  const charts = batch;
  batch = [];
  const widths = charts.map((c) => c.node.clientWidth);
  charts.forEach((c, i) => c.draw(widths[i]));
}

export function plotChart(spec: ChartSpec, run: (a: ChartAction) => void = () => {}, labels?: ChartLabels) {
  return (node: HTMLElement) => {
    let width = 0;
    let removed = false;
    const draw = (clientWidth: number) => {
      const w = Math.max(280, Math.floor(clientWidth));
      if (removed || w === width) return;
      width = w;
      const chart = Plot.plot({ ...spec.options, width, style: { background: 'transparent', fontSize: '12px' } });
      const clickable = wireActions(chart, spec, run, labels?.describe);
      // A chart without clickable marks is one image; with them it is a group whose only exposed
      // parts are the marks (an image's children are hidden from screen readers).
      chart.setAttribute('role', clickable ? 'group' : 'img');
      chart.setAttribute('aria-label', labels?.name ?? spec.description);
      if (labels?.descriptionId) chart.setAttribute('aria-describedby', labels.descriptionId);
      if (clickable) hideInert(chart);
      node.replaceChildren(chart);
    };
    if (batch.length === 0) queueMicrotask(drawBatch);
    batch.push({ node, draw });
    // Later width changes (a resized window) redraw this chart alone (the layout is fresh when the observer runs).
    const observer = new ResizeObserver(() => draw(node.clientWidth));
    observer.observe(node);
    return () => {
      removed = true;
      observer.disconnect();
      node.replaceChildren();
    };
  };
}
