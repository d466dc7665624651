// Renders a Vega-Lite 5 spec to an SVG string in Node: compile to Vega, run a headless
// vega.View (renderer 'none': no canvas, no DOM) and serialise with toSVG(). The SVG is
// inlined in report.html, so the report needs no script and no network.
import * as vega from 'vega';
import * as vl from 'vega-lite';

/** SVG text of a Vega-Lite spec. */
export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
