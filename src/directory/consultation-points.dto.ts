import { ApiProperty } from '@nestjs/swagger';
import { OptionalText, PatchText, RequiredText } from '../common/dto-fields';
import { DirectoryPatch, DirectoryQuery, DirectoryView } from './directory.dto';

/** 协商议事点 */
export class CreateConsultationPointDto {
  @RequiredText('议事点名称', 100, { example: '金塔社区协商议事室' })
  name!: string;

  @OptionalText('所属区县、街道', 100, { example: '西湖区北山街道' })
  district?: string | null;

  @OptionalText('所辖网格', 200, { example: '第一、二、三网格' })
  grid?: string | null;

  @OptionalText('地址', 200)
  address?: string | null;
}

export class UpdateConsultationPointDto extends DirectoryPatch {
  @PatchText('议事点名称', 100)
  name?: string;

  @OptionalText('所属区县、街道', 100)
  district?: string | null;

  @OptionalText('所辖网格', 200)
  grid?: string | null;

  @OptionalText('地址', 200)
  address?: string | null;
}

/** `q` matches the name or the district. */
export class ConsultationPointQuery extends DirectoryQuery {}

export class ConsultationPointView extends DirectoryView {
  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  district!: string | null;

  @ApiProperty({ type: String, nullable: true })
  grid!: string | null;

  @ApiProperty({ type: String, nullable: true })
  address!: string | null;
}
