import * as echarts from 'echarts';

/*
 * Charts drawn on the server as SVG by ECharts (its SSR renderer: no DOM, no canvas, no browser). The
 * same SVG goes into a page (as an <img> data URI, which the pages' CSP allows and which keeps ECharts'
 * style attributes out of the page) and inline into a PDF report, where the report's fonts apply.
 */

export interface ChartSize {
  width?: number;
  height?: number;
  /** CSS font-family for every label; a report passes its own (xs-hei), a page the browser's default. */
  fontFamily?: string;
}

export interface BarChart extends ChartSize {
  categories: string[];
  series: Array<{ name: string; data: number[] }>;
  /** Bars running left to right, for long Chinese labels (units, sectors). */
  horizontal?: boolean;
  /** Values are rates 0–1, shown as percentages. */
  percent?: boolean;
}

export interface PieChart extends ChartSize {
  items: Array<{ name: string; value: number }>;
}

const PALETTE = ['#c0392b', '#2f6fa7', '#d68910', '#1e8449', '#7d3c98', '#5d6d7e', '#b03a2e', '#148f77'];

function render(
  option: echarts.EChartsCoreOption,
  size: ChartSize,
  defaults: { width: number; height: number },
): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width ?? defaults.width,
    height: size.height ?? defaults.height,
  });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: size.fontFamily ?? 'sans-serif', fontSize: 13 },
      ...option,
    });
    return withoutTextOutlines(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/**
 * ECharts outlines value labels in white (whatever `textBorderWidth` says for some label positions); Chromium
 * prints stroked text as a Type 3 font instead of text in the report's embedded fonts, so the outline goes.
 */
function withoutTextOutlines(svg: string): string {
  return svg.replace(/<text\b[^>]*>/g, (tag) =>
    tag.replace(/\s(stroke|stroke-width|stroke-miterlimit|paint-order)="[^"]*"/g, ''),
  );
}

/** Width of a horizontal chart's category labels: 11 characters of 13 px a line (8 on a narrow chart). */
const LABEL_WIDTH = 150;
const NARROW_LABEL_WIDTH = 104;
/** Below this width (a phone's chart) bars run across whatever was asked: columns would squeeze their labels. */
const NARROW = 480;

export function barChartSvg(chart: BarChart): string {
  const narrow = (chart.width ?? 640) < NARROW;
  const c = narrow ? { ...chart, horizontal: true } : chart;
  const labelWidth = narrow ? NARROW_LABEL_WIDTH : LABEL_WIDTH;
  const value = {
    type: 'value',
    minInterval: c.percent ? undefined : 1,
    max: c.percent ? 1 : undefined,
    // The origin is left unlabelled: a lone 「0%」 on the axis reads as a figure.
    axisLabel: {
      ...(narrow ? { fontSize: 13 } : {}),
      ...(c.percent ? { formatter: (v: number) => (v === 0 ? '' : `${Math.round(v * 100)}%`) } : {}),
    },
  };
  // Long Chinese names (units, sectors) are never cut: they wrap onto as many lines as they need, and each row is
  // made tall enough for the longest one.
  const category = {
    type: 'category',
    data: c.categories,
    axisLabel: c.horizontal
      ? { interval: 0, width: labelWidth, overflow: 'break', lineHeight: 16, ...(narrow ? { fontSize: 13 } : {}) }
      : { interval: 0, width: 80, overflow: 'break' },
  };
  const label = {
    show: true,
    position: c.horizontal ? 'right' : 'top',
    formatter: c.percent ? (p: { value: number }) => `${Math.round(p.value * 100)}%` : '{c}',
  };
  const rows = c.horizontal ? c.categories.length : 0;
  const lines = Math.max(1, ...c.categories.map((name) => Math.ceil(([...name].length * 13) / labelWidth)));
  const rowHeight = Math.max(30, lines * 16 + 12);
  return render(
    {
      legend: c.series.length > 1 ? { top: 0, ...(narrow ? { textStyle: { fontSize: 13 } } : {}) } : undefined,
      grid: {
        left: c.horizontal ? labelWidth + 12 : 40,
        right: 40,
        top: c.series.length > 1 ? 36 : 20,
        bottom: 30,
        containLabel: !c.horizontal,
      },
      xAxis: c.horizontal ? value : category,
      yAxis: c.horizontal ? { ...category, inverse: true } : value,
      series: c.series.map((s) => ({ type: 'bar', name: s.name, data: s.data, label, barMaxWidth: 36 })),
    },
    c,
    { width: 640, height: c.horizontal ? Math.max(160, 60 + rows * rowHeight) : 300 },
  );
}

export function pieChartSvg(c: PieChart): string {
  return render(
    {
      legend: { orient: 'vertical', left: 0, top: 'middle' },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          center: ['62%', '50%'],
          data: c.items.filter((i) => i.value > 0),
          label: { formatter: '{b}\n{c}（{d}%）' },
        },
      ],
    },
    c,
    { width: 640, height: 300 },
  );
}

/** For an <img src>: pages' CSP allows data: images, and an image's SVG keeps its styles to itself. */
export const svgDataUri = (svg: string): string =>
  `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
