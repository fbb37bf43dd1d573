import { ApiProperty } from '@nestjs/swagger';
import { RefView } from '../../common/dto-fields';
import { nullableString, nullableTime } from '../../common/openapi';

/* The parts a proposal view is made of. */

export class PersonRef {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  displayName!: string;
}

export class SignerView {
  @ApiProperty()
  memberId!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ['lead', 'cosigner', 'merged'] })
  role!: string;

  @ApiProperty({ example: '附议人' })
  roleLabel!: string;

  @ApiProperty({ enum: ['invited', 'confirmed'] })
  status!: string;

  @ApiProperty({ example: '已确认' })
  statusLabel!: string;

  @ApiProperty(nullableTime)
  confirmedAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: '并案：原提案编号' })
  mergedFromId!: number | null;
}

export class UnitPartView {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ['lead', 'co', 'split'] })
  role!: string;

  @ApiProperty({ example: '主办' })
  roleLabel!: string;

  @ApiProperty({ format: 'date-time' })
  assignedAt!: string;

  @ApiProperty({ ...nullableTime, description: '本轮答复时间' })
  repliedAt!: string | null;
}

export class CommunicationView {
  @ApiProperty()
  id!: number;

  @ApiProperty({ type: RefView })
  unit!: RefView;

  @ApiProperty()
  round!: number;

  @ApiProperty({ enum: ['before', 'during', 'after'] })
  step!: string;

  @ApiProperty({ example: '办前面商' })
  stepLabel!: string;

  @ApiProperty({ enum: ['visit', 'phone', 'meeting', 'letter'] })
  mode!: string;

  @ApiProperty()
  modeLabel!: string;

  @ApiProperty()
  summary!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class CoOpinionView {
  @ApiProperty({ type: RefView })
  unit!: RefView;

  @ApiProperty()
  round!: number;

  @ApiProperty()
  content!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

/** What a reply says, as staff and the public see it alike. */
export class ReplyText {
  @ApiProperty({ example: 'A' })
  classification!: string;

  @ApiProperty({ example: '已解决或采纳' })
  classificationLabel!: string;

  @ApiProperty()
  content!: string;
}

export class ReplyView extends ReplyText {
  @ApiProperty({ type: RefView })
  unit!: RefView;

  @ApiProperty()
  round!: number;

  @ApiProperty()
  public!: boolean;

  @ApiProperty(nullableString)
  letterNo!: string | null;

  @ApiProperty(nullableString)
  signer!: string | null;

  @ApiProperty(nullableString)
  contact!: string | null;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class EvaluationView {
  @ApiProperty()
  round!: number;

  @ApiProperty({ enum: ['satisfied', 'basically_satisfied', 'unsatisfied'] })
  rating!: string;

  @ApiProperty({ example: '满意' })
  ratingLabel!: string;

  @ApiProperty({ ...nullableString, enum: ['satisfied', 'basically_satisfied', 'unsatisfied'] })
  attitude!: string | null;

  @ApiProperty(nullableString)
  attitudeLabel!: string | null;

  @ApiProperty({ ...nullableString, enum: ['visit', 'phone', 'letter', 'none'] })
  contact!: string | null;

  @ApiProperty(nullableString)
  contactLabel!: string | null;

  @ApiProperty(nullableString)
  comment!: string | null;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class ExtensionView {
  @ApiProperty()
  id!: number;

  @ApiProperty({ type: RefView })
  unit!: RefView;

  @ApiProperty()
  months!: number;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ enum: ['pending', 'approved', 'refused'] })
  status!: string;

  @ApiProperty({ example: '待审批' })
  statusLabel!: string;

  @ApiProperty({ format: 'date-time' })
  requestedAt!: string;

  @ApiProperty(nullableTime)
  decidedAt!: string | null;

  @ApiProperty(nullableString)
  comment!: string | null;
}

export class ProposalRef {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty(nullableString)
  numberLabel!: string | null;
}
