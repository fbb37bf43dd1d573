import { svgDataUri } from '../../reports/charts';

/*
 * A chart as a page shows it (`common/chart`): drawn for a laptop's column and again for a phone's, where bars run
 * across (reports/charts.ts), so its 13 px labels are not shrunk to a third of that on a 390 px screen.
 */

/** data: URIs of one chart: `wide` (640 px) and `narrow` (for a phone, chosen by `<picture>` below 641 px). */
export interface ChartImage {
  wide: string;
  narrow: string;
}

/** The content width of a phone's page (390 px less its margins). */
export const PHONE_CHART_WIDTH = 360;

/** The images of the charts `T` names: a chart that may be left out (null) stays nullable. */
export type ChartImages<T> = { [K in keyof T]: null extends T[K] ? ChartImage | null : ChartImage };

/** Each chart `draw` makes, at both widths (a chart it leaves out, null, is null). */
export function chartImages<T extends Record<string, string | null>>(
  draw: (width: number | undefined) => T,
): ChartImages<T> {
  const wide = draw(undefined);
  const narrow = draw(PHONE_CHART_WIDTH);
  return Object.fromEntries(
    Object.keys(wide).map((k) => {
      const w = wide[k];
      const n = narrow[k];
      return [k, w && n ? { wide: svgDataUri(w), narrow: svgDataUri(n) } : null];
    }),
  ) as ChartImages<T>;
}
