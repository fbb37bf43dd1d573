import { barChartSvg, pieChartSvg, svgDataUri } from './charts';

describe('server-side charts', () => {
  it('draws a bar chart as SVG with every category, value and the given font', () => {
    const svg = barChartSvg({
      categories: ['经济建设', '社会建设', '生态文明建设'],
      series: [{ name: '件数', data: [12, 30, 7] }],
      fontFamily: 'xs-hei',
    });
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['经济建设', '社会建设', '生态文明建设', '>12<', '>30<', '>7<']) expect(svg).toContain(text);
    expect(svg).toContain('xs-hei');
  });

  it('draws no outline round any text (Chromium would print stroked text as a Type 3 font in a PDF)', () => {
    const svgs = [
      barChartSvg({ categories: ['甲', '乙'], series: [{ name: '件数', data: [1, 2] }] }),
      pieChartSvg({ items: [{ name: '满意', value: 1 }] }),
    ];
    for (const svg of svgs)
      for (const text of svg.match(/<text[^>]*>/g) ?? []) expect(text).not.toMatch(/stroke-width="[1-9]/);
  });

  it('shows rates as percentages', () => {
    const svg = barChartSvg({
      categories: ['立案率', '办复率'],
      series: [{ name: '比率', data: [0.8527, 0.5] }],
      percent: true,
    });
    expect(svg).toContain('85%');
    expect(svg).toContain('50%');
  });

  it('draws long labels on horizontal bars, one row each', () => {
    const units = ['吴忠市住房和城乡建设局', '吴忠市财政局', '吴忠市自然资源局'];
    const svg = barChartSvg({
      categories: units,
      series: [
        { name: '交办', data: [5, 3, 1] },
        { name: '超期', data: [1, 0, 0] },
      ],
      horizontal: true,
    });
    expect(svg).toContain('吴忠市财政局');
    expect(svg).toContain('超期');
  });

  it('never cuts a long unit name on horizontal bars: it wraps, whole, and the row grows for it', () => {
    const name = '吴忠市住房和城乡建设局城市更新和老旧小区改造工作专班';
    const svg = barChartSvg({
      categories: [name, '财政局'],
      series: [{ name: '交办', data: [5, 3] }],
      horizontal: true,
    });
    const labels = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join('');
    expect(labels).toContain(name);
    expect(svg).not.toMatch(/\.\.\.|…/);
    const short = barChartSvg({
      categories: ['财政局', '教育局'],
      series: [{ name: '交办', data: [5, 3] }],
      horizontal: true,
    });
    const height = (s: string) => Number(/height="(\d+)"/.exec(s)![1]);
    expect(height(svg)).toBeGreaterThan(height(short));
  });

  it('draws a pie of the non-empty parts with their shares', () => {
    const svg = pieChartSvg({
      items: [
        { name: '满意', value: 3 },
        { name: '基本满意', value: 1 },
        { name: '不满意', value: 0 },
      ],
    });
    expect(svg).toContain('满意');
    expect(svg).toContain('75');
    expect(svg).not.toMatch(/不满意\s*0/);
  });

  it("runs a phone's narrow chart across, its labels whole at 13 px, where columns would squeeze them", () => {
    const chart = {
      categories: ['待审查', '已立案', '办理中', '已答复', '已办结', '不予立案', '已退回', '已撤回'],
      series: [{ name: '件数', data: [1, 2, 3, 4, 5, 6, 7, 8] }],
    };
    // Columns on a laptop's chart: 300 px tall whatever the number of categories.
    expect(barChartSvg(chart)).toMatch(/<svg[^>]*height="300"/);
    // Rows on a phone's (8 rows of 30 px, 60 px of axes), every label whole and no type under 13 px.
    const narrow = barChartSvg({ ...chart, width: 360 });
    expect(narrow).toMatch(/<svg[^>]*width="360" height="300"/);
    // The categories stand to the left of their bars, right-aligned.
    expect(narrow).toMatch(/text-anchor="end"[^>]*>待审查<\/text>/);
    for (const label of chart.categories) expect(narrow).toContain(`>${label}</text>`);
    expect(narrow).not.toMatch(/font-size:(?:[0-9]|1[0-2])px/);
  });

  it('escapes labels, so a report may put its SVG into the page as it is', () => {
    const svg = barChartSvg({
      categories: ['<script>alert(1)</script>'],
      series: [{ name: '<b>件数</b>', data: [1] }],
      horizontal: true,
    });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('wraps an SVG as a data URI that decodes back to it', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>图</text></svg>';
    const uri = svgDataUri(svg);
    expect(uri.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(uri.split(',')[1], 'base64').toString('utf8')).toBe(svg);
  });
});
