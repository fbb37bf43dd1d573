import { MemberStatus, UnitKind } from './directory.entities';

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = { active: '在任', left: '离任' };

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  government: '政府部门',
  judicial: '法检两院',
  people_org: '人民团体',
  enterprise: '企事业单位',
};
