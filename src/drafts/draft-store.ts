import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { auditedStep, StepChange } from '../audit/audited-step';
import { Actor, SYSTEM_ACTOR } from '../common/actor';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { assertVersion, findForUpdate } from '../database/rows';
import { assertCanActOnDraft, draftNotFound } from './draft-access';
import { ClauseText, checkClauses, clauseLabel, splitClauses } from './draft-text';
import { Draft, DraftClause, DraftRevision } from './draft.entities';
import { DraftTextDto } from './dto/draft.dto';

/** One step: the audit action after `draft.` (`open`, `comment`, `revise` …) and what it changes. */
export type DraftChange = StepChange<Draft>;

/** The clauses a body gives: the clauses array, or the whole text split; neither, both or a bad clause is a 400. */
export function clausesFrom(dto: DraftTextDto): ClauseText[] {
  const given = dto.clauses?.length ? 'clauses' : dto.text ? 'text' : null;
  if (dto.clauses?.length && dto.text) throw AppError.invalidField('text', '全文与逐条条款只能二选一');
  const clauses: ClauseText[] =
    given === 'clauses'
      ? dto.clauses!.map((c, i) => ({ label: c.label ?? clauseLabel(i + 1), chapter: c.chapter ?? null, text: c.text }))
      : splitClauses(dto.text ?? '');
  const fields = checkClauses(clauses, given ?? 'text');
  if (Object.keys(fields).length) throw AppError.invalid(fields, Object.values(fields)[0][0]);
  return clauses;
}

/**
 * Loading a draft for change and writing one step of it: locked, version-checked and audited in the
 * caller's transaction; every step moves the draft's `version` and lands in its history.
 */
@Injectable()
export class DraftStore {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async load(em: EntityManager, actor: Actor, id: number, version?: number): Promise<Draft> {
    const d = await findForUpdate(em, Draft, id);
    if (!d) throw draftNotFound();
    await assertCanActOnDraft(em, actor, d);
    assertVersion(d, version);
    return d;
  }

  /** `UPDATE drafts … WHERE id = ? AND version = ?`, then the audit entry (by 系统 without an actor, or one not signed in). */
  async write(
    em: EntityManager,
    actor: Actor | typeof SYSTEM_ACTOR | null,
    d: Draft,
    change: DraftChange,
  ): Promise<Draft> {
    await auditedStep(em, this.audit, { ...change, entity: Draft, type: 'draft', row: d, actor, at: this.clock.now() });
    return d;
  }

  /** One edition's text: its record and its clauses. */
  async addEdition(
    em: EntityManager,
    actor: Actor,
    draftId: number,
    revision: number,
    clauses: ClauseText[],
    note: string | null,
  ): Promise<void> {
    await em.insert(DraftRevision, { draftId, revision, note, byUserId: actor.id, at: this.clock.now() });
    await this.insertClauses(em, draftId, revision, clauses);
  }

  async insertClauses(em: EntityManager, draftId: number, revision: number, clauses: ClauseText[]): Promise<void> {
    await em.insert(
      DraftClause,
      clauses.map((c, i) => ({ draftId, revision, position: i + 1, chapter: c.chapter, label: c.label, text: c.text })),
    );
  }
}
