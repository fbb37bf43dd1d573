export const ROLES = ['admin', 'staff', 'member', 'leader', 'unit', 'facilitator'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  staff: '机关工作人员',
  member: '政协委员',
  leader: '领导',
  unit: '承办单位',
  facilitator: '议事点组织者',
};
