import type { ProposalStatsView } from '../proposals/dto/proposal-stats.dto';
import { barChartSvg } from './charts';

/** The charts of 提案办理统计: the same four on the rates page and in the 提案办理情况报告. */
export interface ProposalCharts {
  rates: string;
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
  return {
    rates: barChartSvg({
      ...size,
      percent: true,
      categories: ['立案率', '办复率', '办理工作满意率', '办理结果满意率'],
      series: [
        {
          name: '比率',
          data: [r.acceptance, r.reply, r.satisfaction.attitude, r.satisfaction.result].map((x) => x.rate ?? 0),
        },
      ],
    }),
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
