import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { OptionalText } from '../common/dto-fields';
import { VersionDto } from '../common/version.dto';

/** What the office sends with a 会议通知, of a visit or a meeting: the 附言 and the 紧急 mark (and the version read). */
export class NoticeRequestDto extends VersionDto {
  @OptionalText('附言', 300, { description: '附在通知后的说明，如集合要求', example: '请提前十分钟到达，着正装' })
  note?: string | null;

  @ApiPropertyOptional({ type: Boolean, description: '紧急：夜间免打扰时段也发短信' })
  @IsOptional()
  @IsBoolean({ message: '紧急须为 true 或 false' })
  urgent?: boolean;
}
