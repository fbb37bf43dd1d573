import { DataSourceOptions } from 'typeorm';
import { AuditEntry, AuditHead } from './audit/audit.entities';
import { SecurityEvent } from './audit/security-event.entity';
import { AuthSession } from './auth/auth-session.entity';
import { LoginThrottle } from './auth/login-throttle.entity';
import { UserSecondFactor } from './auth/second-factor.entity';
import { SmsCode } from './auth/sms-code.entity';
import { User } from './auth/user.entity';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import {
  Committee,
  ConsultationPoint,
  CouncilSession,
  Member,
  MemberCommittee,
  Sector,
  Unit,
} from './directory/directory.entities';
import { DRAFT_ENTITIES } from './drafts/draft.entities';
import { Attachment } from './files/attachment.entity';
import { INSTRUCTION_ENTITIES } from './instructions/instruction.entities';
import { NotificationDelivery } from './notifications/delivery.entity';
import { NoticePreferences } from './notifications/notice-preferences.entity';
import { Notification } from './notifications/notification.entity';
import { OPINION_ADOPTION_ENTITIES } from './opinions/opinion-adoption.entity';
import { OPINION_INFORMANT_ENTITIES } from './opinions/opinion-informant.entity';
import { OPINION_ENTITIES } from './opinions/opinion.entities';
import { PLAN_ENTITIES } from './plans/plan.entities';
import { PROPOSAL_ENTITIES } from './proposals/proposal.entities';
import { REPORT_ENTITIES } from './reports/report.entities';
import { TOPIC_ENTITIES } from './topics/topic.entities';
import { VISIT_ENTITIES } from './visits/visit.entities';

/** Every entity of the application: the composition root hands this list to the data source. */
export const ENTITIES = [
  User,
  AuthSession,
  LoginThrottle,
  SmsCode,
  UserSecondFactor,
  AuditEntry,
  AuditHead,
  SecurityEvent,
  Sector,
  Committee,
  Member,
  MemberCommittee,
  Unit,
  ConsultationPoint,
  CouncilSession,
  Attachment,
  Notification,
  NotificationDelivery,
  NoticePreferences,
  ...PROPOSAL_ENTITIES,
  ...REPORT_ENTITIES,
  ...TOPIC_ENTITIES,
  ...DRAFT_ENTITIES,
  ...PLAN_ENTITIES,
  ...VISIT_ENTITIES,
  ...OPINION_ENTITIES,
  ...INSTRUCTION_ENTITIES,
  ...OPINION_ADOPTION_ENTITIES,
  ...OPINION_INFORMANT_ENTITIES,
];

/** The data source of this application's entities for `config`: the API, the worker, the CLI and the benches. */
export const appDataSourceOptions = (config: AppConfig): DataSourceOptions => dataSourceOptions(config, ENTITIES);
