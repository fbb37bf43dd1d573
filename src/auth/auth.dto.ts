import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { NoBidiControls, OptionalEmail, OptionalMobile } from '../common/dto-fields';
import { PageQuery } from '../common/pagination';
import { Role, ROLES } from '../common/roles';

export class LoginDto {
  @ApiProperty({ example: 'staff' })
  @IsString({ message: '请输入用户名' })
  @MinLength(1, { message: '请输入用户名' })
  @MaxLength(32, { message: '用户名最多 32 位' })
  username!: string;

  @ApiProperty({ example: 'Staff12345' })
  @IsString({ message: '请输入密码' })
  @MinLength(1, { message: '请输入密码' })
  @MaxLength(200, { message: '密码过长' })
  password!: string;

  /** The second factor of an account that has one: the app's 6 digits, or one recovery code. */
  @ApiPropertyOptional({ example: '123456', description: '两步验证码（6 位数字）或恢复码' })
  @IsOptional()
  @IsString({ message: '请输入两步验证码' })
  @MaxLength(40, { message: '验证码过长' })
  code?: string;

  /** Without `code`: text a code to the account's mobile (where SMS is configured) to send back as `code`. */
  @ApiPropertyOptional({
    description: '未提交 code 时：向账号登记的手机发送短信验证码（须开通短信），随后以 code 提交',
  })
  @IsOptional()
  @IsBoolean({ message: 'sendSmsCode 须为 true 或 false' })
  sendSmsCode?: boolean;
}

export class SecondFactorCodeDto {
  @ApiProperty({ example: '123456', description: '验证器中当前显示的 6 位数字' })
  @IsString({ message: '请输入验证码' })
  @MinLength(1, { message: '请输入验证码' })
  @MaxLength(40, { message: '验证码过长' })
  code!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString({ message: '请输入当前密码' })
  @MinLength(1, { message: '请输入当前密码' })
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ description: '至少 8 位，须同时包含字母和数字' })
  @IsString({ message: '请输入新密码' })
  @MaxLength(200, { message: '密码过长' })
  newPassword!: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'zhangsan' })
  @IsString({ message: '请输入用户名' })
  @Matches(/^[A-Za-z0-9_.-]{3,32}$/, { message: '用户名须为 3–32 位字母、数字、下划线、点或连字符' })
  username!: string;

  @ApiProperty()
  @IsString({ message: '请输入初始密码' })
  @MaxLength(200)
  password!: string;

  @ApiProperty({ example: '张三' })
  @IsString({ message: '请输入姓名' })
  @MinLength(1, { message: '请输入姓名' })
  @MaxLength(50, { message: '姓名最多 50 个字' })
  @NoBidiControls('姓名')
  displayName!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray({ message: '角色须为列表' })
  @ArrayMinSize(1, { message: '至少选择一个角色' })
  @ArrayUnique({ message: '角色不能重复' })
  @IsIn(ROLES, { each: true, message: '角色无效' })
  roles!: Role[];

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '委员编号须为整数' })
  memberId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '单位编号须为整数' })
  unitId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '议事点编号须为整数' })
  pointId?: number;

  @OptionalMobile()
  mobile?: string | null;

  @OptionalEmail()
  email?: string | null;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1, { message: '请输入姓名' })
  @MaxLength(50, { message: '姓名最多 50 个字' })
  @NoBidiControls('姓名')
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray({ message: '角色须为列表' })
  @ArrayMinSize(1, { message: '至少选择一个角色' })
  @ArrayUnique({ message: '角色不能重复' })
  @IsIn(ROLES, { each: true, message: '角色无效' })
  roles?: Role[];

  @ApiPropertyOptional({ description: '停用后不能登录，已登录的会话立即失效' })
  @IsOptional()
  @IsBoolean({ message: '停用标志须为布尔值' })
  disabled?: boolean;

  @ApiPropertyOptional({ description: '管理员重置密码' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt({ message: '委员编号须为整数' })
  memberId?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt({ message: '单位编号须为整数' })
  unitId?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt({ message: '议事点编号须为整数' })
  pointId?: number | null;

  @OptionalMobile()
  mobile?: string | null;

  @OptionalEmail()
  email?: string | null;
}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: '角色无效' })
  role?: Role;
}
