import { AuditEntry, AuditHead } from '../audit/audit-entry.entity';
import { AuthSession } from '../auth/auth-session.entity';
import { LoginThrottle } from '../auth/login-throttle.entity';
import { User } from '../auth/user.entity';
import { Notification } from '../notifications/notification.entity';
import { Committee, ConsultationPoint, CouncilSession, Member, MemberCommittee, Sector, Unit } from '../directory/directory.entities';

export const ENTITIES = [User, AuthSession, LoginThrottle, AuditEntry, AuditHead, Sector, Committee, Member, MemberCommittee, Unit, ConsultationPoint, CouncilSession, Notification];
