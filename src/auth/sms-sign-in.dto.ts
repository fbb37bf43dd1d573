import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { MOBILE_PATTERN } from '../common/dto-fields';
import { SMS_CODE_PURPOSES, SmsCodePurpose } from './sms-code.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class MobileField {
  @ApiProperty({ example: '13800138001' })
  @Transform(trim)
  @IsString({ message: '请填写手机号码' })
  @Matches(MOBILE_PATTERN, { message: '手机号码须为 11 位中国大陆手机号码' })
  mobile!: string;
}

export class RequestSmsCodeDto extends MobileField {
  @ApiProperty({ enum: SMS_CODE_PURPOSES, description: 'login：短信验证码登录；reset：重置密码' })
  @IsIn(SMS_CODE_PURPOSES, { message: '用途须为 login 或 reset' })
  purpose!: SmsCodePurpose;
}

export class SmsCodeField extends MobileField {
  @ApiProperty({ example: '123456' })
  @Transform(trim)
  @IsString({ message: '请填写验证码' })
  @Matches(/^\d{6}$/, { message: '验证码为 6 位数字' })
  code!: string;
}

export class SmsLoginDto extends SmsCodeField {}

export class PasswordResetDto extends SmsCodeField {
  @ApiProperty()
  @IsString({ message: '请填写新密码' })
  @MaxLength(200)
  newPassword!: string;
}

export class SmsCodeSent {
  @ApiProperty({ example: '138****8001', description: '发送到的号码（中间四位隐去）' })
  sentTo!: string;

  @ApiProperty({ example: 300 })
  expiresInSeconds!: number;

  @ApiProperty({ example: 60, description: '多少秒后可以再次获取' })
  resendAfterSeconds!: number;
}
