// The Lorenz / gain curve as inline SVG: share of value held by the top x% of customers,
// ranked by the value itself (Lorenz) and, with holdout data, by the model's predicted value,
// against the diagonal of a random ranking.
import type { CurveSummary } from './analyze-log.ts';

const NS = 'http://www.w3.org/2000/svg';
const W = 560,
  H = 360,
  M = { left: 52, right: 16, top: 16, bottom: 44 };

export function gainChart(curve: CurveSummary): SVGSVGElement {
  const svg = svgNode('svg', {
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'data-testid': 'gain-chart',
    class: 'chart',
  }) as SVGSVGElement;
  const x = (v: number): number => M.left + v * (W - M.left - M.right);
  const y = (v: number): number => H - M.bottom - v * (H - M.top - M.bottom);
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(svgNode('line', { x1: x(0), x2: x(1), y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(svgNode('line', { x1: x(v), x2: x(v), y1: y(0), y2: y(1), class: 'grid' }));
    svg.append(text(`${v * 100}%`, x(v), H - M.bottom + 18, 'middle'));
    svg.append(text(`${v * 100}%`, M.left - 8, y(v) + 4, 'end'));
  }
  svg.append(text('customers, ranked', x(0.5), H - 6, 'middle'));
  svg.append(text('share of value', 14, y(0.5), 'middle', `rotate(-90 14 ${y(0.5)})`));
  svg.append(svgNode('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: 'diagonal' }));
  const path = (ys: readonly number[], cls: string): SVGElement =>
    svgNode('polyline', {
      points: ys.map((v, j) => `${x(curve.customerShare[j]).toFixed(1)},${y(v).toFixed(1)}`).join(' '),
      class: cls,
      'data-testid': `curve-${cls}`,
    });
  svg.append(path(curve.lorenz, 'lorenz'));
  if (curve.model !== undefined) svg.append(path(curve.model, 'model'));
  const legend = [
    ['lorenz', curve.kind === 'holdout' ? 'by actual value (Lorenz)' : 'by value before the cutoff'],
    ...(curve.model ? [['model', 'by BG/NBD × Gamma-Gamma']] : []),
    ['diagonal', 'random'],
  ];
  legend.forEach(([cls, label], k) => {
    const ly = y(0.06 + 0.08 * (legend.length - 1 - k));
    svg.append(svgNode('line', { x1: x(0.42), x2: x(0.48), y1: ly - 4, y2: ly - 4, class: cls }));
    svg.append(text(label, x(0.495), ly, 'start'));
  });
  return svg;
}

function svgNode(tag: string, attrs: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node as SVGElement;
}

function text(content: string, x: number, y: number, anchor: string, transform?: string): SVGElement {
  const node = svgNode('text', { x, y, 'text-anchor': anchor, ...(transform ? { transform } : {}) });
  node.textContent = content;
  return node;
}
