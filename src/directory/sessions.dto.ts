import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsString, Matches } from 'class-validator';
import { DirectoryPatch, DirectoryQuery, DirectoryView, IsOmittable, PatchText, RequiredText } from './directory.dto';

export const SESSION_CODE_PATTERN = /^\d{1,2}-\d{1,2}$/;
/** A time with its offset: a bare local time would be read in the server's zone, not the writer's. */
const TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const CodeRules = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString({ message: '请填写会次代号' }),
    Matches(SESSION_CODE_PATTERN, { message: '会次代号须为“届-次”，如 12-2' }),
  );

const TimeRules = (label: string) => {
  const message = `${label}须为带时区的时间，如 2026-01-05T09:00:00+08:00`;
  return applyDecorators(IsString({ message }), Matches(TIME_WITH_OFFSET, { message }), IsISO8601({ strict: true }, { message }));
};
const timeDoc = (description: string) => ({ type: String, format: 'date-time', example: '2026-01-05T09:00:00+08:00', description });

/** 会次: e.g. 12-2 十二届二次会议, with its proposal window. */
export class CreateSessionDto {
  @ApiProperty({ example: '12-2', pattern: SESSION_CODE_PATTERN.source, description: '届-次' })
  @CodeRules()
  code!: string;

  @RequiredText('会次名称', 50, { example: '十二届二次会议' })
  name!: string;

  @ApiProperty(timeDoc('提案征集开始'))
  @TimeRules('开始时间')
  opensAt!: string;

  @ApiProperty(timeDoc('大会提案截止，须晚于开始时间'))
  @TimeRules('截止时间')
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
  @TimeRules('开始时间')
  opensAt?: string;

  @ApiPropertyOptional(timeDoc('大会提案截止，须晚于开始时间'))
  @IsOmittable()
  @TimeRules('截止时间')
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
