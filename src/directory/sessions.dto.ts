import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { IsOmittable, PatchText, RequiredText } from '../common/dto-fields';
import { TimeWithOffset } from '../common/validation';
import { DirectoryPatch, DirectoryQuery, DirectoryView } from './directory.dto';

export const SESSION_CODE_PATTERN = /^\d{1,2}-\d{1,2}$/;

const CodeRules = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString({ message: '请填写会次代号' }),
    Matches(SESSION_CODE_PATTERN, { message: '会次代号须为“届-次”，如 12-2' }),
  );

const timeDoc = (description: string) => ({
  type: String,
  format: 'date-time',
  example: '2026-01-05T09:00:00+08:00',
  description,
});

/** 会次: e.g. 12-2 十二届二次会议, with its proposal window. */
export class CreateSessionDto {
  @ApiProperty({ example: '12-2', pattern: SESSION_CODE_PATTERN.source, description: '届-次' })
  @CodeRules()
  code!: string;

  @RequiredText('会次名称', 50, { example: '十二届二次会议' })
  name!: string;

  @ApiProperty(timeDoc('提案征集开始'))
  @TimeWithOffset('开始时间')
  opensAt!: string;

  @ApiProperty(timeDoc('大会提案截止，须晚于开始时间'))
  @TimeWithOffset('截止时间')
  closesAt!: string;
}

export class UpdateSessionDto extends DirectoryPatch {
  @ApiPropertyOptional({ example: '12-2', pattern: SESSION_CODE_PATTERN.source })
  @IsOmittable()
  @CodeRules()
  code?: string;

  @PatchText('会次名称', 50)
  name?: string;

  @ApiPropertyOptional(timeDoc('提案征集开始'))
  @IsOmittable()
  @TimeWithOffset('开始时间')
  opensAt?: string;

  @ApiPropertyOptional(timeDoc('大会提案截止，须晚于开始时间'))
  @IsOmittable()
  @TimeWithOffset('截止时间')
  closesAt?: string;
}

/** `q` matches the name or the code; newest session first. */
export class SessionQuery extends DirectoryQuery {}

export class SessionView extends DirectoryView {
  @ApiProperty({ example: '12-2' })
  code!: string;

  @ApiProperty({ example: '十二届二次会议' })
  name!: string;

  @ApiProperty({ format: 'date-time' })
  opensAt!: string;

  @ApiProperty({ format: 'date-time' })
  closesAt!: string;
}
