import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsOmittable, OptionalPhone, OptionalText, PatchText, RequiredText } from '../common/dto-fields';
import { UNIT_KIND_LABELS } from './directory-labels';
import { DirectoryPatch, DirectoryQuery, DirectoryView } from './directory.dto';
import { UNIT_KINDS, UnitKind } from './directory.entities';

const KIND_DOC = {
  enum: UNIT_KINDS,
  description: Object.entries(UNIT_KIND_LABELS)
    .map(([k, v]) => `${k} ${v}`)
    .join('，'),
};
const KIND_MESSAGE = { message: '单位类别须为政府部门、法检两院、人民团体或企事业单位之一' };

/** 承办单位 */
export class CreateUnitDto {
  @RequiredText('单位名称', 100, { example: '市自然资源和规划局' })
  name!: string;

  @ApiProperty(KIND_DOC)
  @IsIn(UNIT_KINDS, KIND_MESSAGE)
  kind!: UnitKind;

  @OptionalText('联系人', 50, { example: '王明' })
  contactName?: string | null;

  @OptionalPhone('联系电话')
  contactPhone?: string | null;
}

export class UpdateUnitDto extends DirectoryPatch {
  @PatchText('单位名称', 100)
  name?: string;

  @ApiPropertyOptional(KIND_DOC)
  @IsOmittable()
  @IsIn(UNIT_KINDS, KIND_MESSAGE)
  kind?: UnitKind;

  @OptionalText('联系人', 50)
  contactName?: string | null;

  @OptionalPhone('联系电话')
  contactPhone?: string | null;
}

export class UnitQuery extends DirectoryQuery {
  @ApiPropertyOptional(KIND_DOC)
  @IsOptional()
  @IsIn(UNIT_KINDS, KIND_MESSAGE)
  kind?: UnitKind;
}

export class UnitView extends DirectoryView {
  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  kind!: UnitKind;

  @ApiProperty({ example: '政府部门' })
  kindLabel!: string;

  @ApiProperty({ type: String, nullable: true })
  contactName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactPhone!: string | null;
}
