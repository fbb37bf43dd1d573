import { ApiProperty } from '@nestjs/swagger';

/** A rate with what it is made of, so a page can print “12/15（80.0%）”: 立案率, 办复率, 采纳率 … */
export class RateView {
  @ApiProperty({ example: 12 })
  numerator!: number;

  @ApiProperty({ example: 15 })
  denominator!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: '分子/分母，0–1，保留四位小数；分母为 0 时为 null',
    example: 0.8,
  })
  rate!: number | null;
}

export function rateOf(numerator: number, denominator: number): RateView {
  return { numerator, denominator, rate: denominator ? Math.round((numerator / denominator) * 10000) / 10000 : null };
}
