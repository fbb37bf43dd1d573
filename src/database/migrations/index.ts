import { Foundation1764100000000 } from './1764100000000-Foundation';
import { Proposals1764200000000 } from './1764200000000-Proposals';
import { TextIndex1764200000100 } from './1764200000100-TextIndex';
import { Notifications1764200000200 } from './1764200000200-Notifications';
import { Attachments1764200000300 } from './1764200000300-Attachments';
import { ProposalDeadlines1764200000400 } from './1764200000400-ProposalDeadlines';
import { ProposalScopeIndex1764200000420 } from './1764200000420-ProposalScopeIndex';
import { Reports1764300000000 } from './1764300000000-Reports';
import { LongTexts1764300000100 } from './1764300000100-LongTexts';
import { Topics1764400000000 } from './1764400000000-Topics';
import { TopicPromises1764400000100 } from './1764400000100-TopicPromises';
import { DraftsAndPlans1764400000200 } from './1764400000200-DraftsAndPlans';
import { Visits1764500000000 } from './1764500000000-Visits';
import { AuthHardening1764600000000 } from './1764600000000-AuthHardening';
import { SecurityEvents1764600000100 } from './1764600000100-SecurityEvents';
import { KeyedAuditChain1764600000200 } from './1764600000200-KeyedAuditChain';
import { ReportQuota1764600000300 } from './1764600000300-ReportQuota';
import { FindingThemes1764700000000 } from './1764700000000-FindingThemes';
import { ReportSignoff1764700000200 } from './1764700000200-ReportSignoff';
import { Commitments1764800000000 } from './1764800000000-Commitments';
import { Opinions1764800000100 } from './1764800000100-Opinions';
import { Instructions1764800000200 } from './1764800000200-Instructions';
import { OpinionIssues1764800000300 } from './1764800000300-OpinionIssues';
import { OpinionAdoptions1764800000400 } from './1764800000400-OpinionAdoptions';
import { OpinionInformants1764800000500 } from './1764800000500-OpinionInformants';
import { NoticeChannels1764900000000 } from './1764900000000-NoticeChannels';
import { SmsCodes1764900000100 } from './1764900000100-SmsCodes';
import { SecondFactor1764900000200 } from './1764900000200-SecondFactor';

/** Every migration, in order. A new one is added here and runs at the next start-up on both engines. */
export const MIGRATIONS = [
  Foundation1764100000000,
  Proposals1764200000000,
  TextIndex1764200000100,
  Notifications1764200000200,
  Attachments1764200000300,
  ProposalDeadlines1764200000400,
  ProposalScopeIndex1764200000420,
  Reports1764300000000,
  LongTexts1764300000100,
  Topics1764400000000,
  TopicPromises1764400000100,
  DraftsAndPlans1764400000200,
  Visits1764500000000,
  AuthHardening1764600000000,
  SecurityEvents1764600000100,
  KeyedAuditChain1764600000200,
  ReportQuota1764600000300,
  FindingThemes1764700000000,
  ReportSignoff1764700000200,
  Commitments1764800000000,
  Opinions1764800000100,
  Instructions1764800000200,
  OpinionIssues1764800000300,
  OpinionAdoptions1764800000400,
  OpinionInformants1764800000500,
  NoticeChannels1764900000000,
  SmsCodes1764900000100,
  SecondFactor1764900000200,
];
