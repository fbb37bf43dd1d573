import type { ProposalStatsView } from '../proposals/dto/proposal-stats.dto';
import { barChartSvg } from './charts';

/** The charts of 提案办理统计: the same four on the rates page and in the 提案办理情况报告. */
export interface ProposalCharts {
  /** The rates that have data behind them (a rate over nothing, or 办复率 before any reply, is left out, not drawn as 0%); null when none has. */
  rates: string | null;
  /** The rates not drawn for want of data, by name. */
  ratesLeftOut: string[];
  byCategory: string;
  byStatus: string;
  /** The units with most assignments (at most `maxUnits`), assigned / replied / overdue; null when none was assigned. */
  byUnit: string | null;
}

export function proposalCharts(
  stats: ProposalStatsView,
  opts: { fontFamily?: string; width?: number; maxUnits?: number } = {},
): ProposalCharts {
  const size = { fontFamily: opts.fontFamily, width: opts.width };
  const r = stats.rates;
  const units = [...stats.byUnit]
    .sort((a, b) => b.assigned - a.assigned || a.name.localeCompare(b.name, 'zh'))
    .slice(0, opts.maxUnits ?? 12);
  const rates = [
    ['立案率', r.acceptance.rate],
    // Nothing replied yet: the assignments are still in hand, not a 0% result.
    ['办复率', r.reply.numerator > 0 ? r.reply.rate : null],
    ['办理工作满意率', r.satisfaction.attitude.rate],
    ['办理结果满意率', r.satisfaction.result.rate],
  ] as Array<[string, number | null]>;
  const rated = rates.filter((x): x is [string, number] => x[1] !== null);
  return {
    ratesLeftOut: rates.filter(([, rate]) => rate === null).map(([label]) => label),
    rates: rated.length
      ? barChartSvg({
          ...size,
          percent: true,
          categories: rated.map(([label]) => label),
          series: [{ name: '比率', data: rated.map(([, rate]) => rate) }],
        })
      : null,
    byCategory: barChartSvg({
      ...size,
      categories: stats.byCategory.map((c) => c.label),
      series: [
        { name: '提交', data: stats.byCategory.map((c) => c.total) },
        { name: '立案', data: stats.byCategory.map((c) => c.accepted) },
      ],
    }),
    byStatus: barChartSvg({
      ...size,
      categories: stats.byStatus.map((s) => s.label),
      series: [{ name: '件数', data: stats.byStatus.map((s) => s.count) }],
    }),
    byUnit: units.length
      ? barChartSvg({
          ...size,
          horizontal: true,
          categories: units.map((u) => u.name),
          series: [
            { name: '交办', data: units.map((u) => u.assigned) },
            { name: '已答复', data: units.map((u) => u.replied) },
            { name: '超期', data: units.map((u) => u.overdue) },
          ],
        })
      : null,
  };
}
