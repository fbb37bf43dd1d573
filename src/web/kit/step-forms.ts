import { Injectable } from '@nestjs/common';
import { ClassConstructor } from 'class-transformer';
import type { Response } from 'express';
import { Actor } from '../../common/actor';
import { FormOptions, FormSpec, FormState, submitForm } from './forms';
import { doneHref } from './paging';
import { WebPages } from './web-pages';

/** What a step on a versioned record posts besides its fields: the `version` the page showed (stale → 409 on the form). */
export const VERSIONED: FormSpec = { version: 'int' };

/**
 * One step a page's form takes on a record (a proposal, a topic, a meeting, a visit, a plan): its fields, checked with
 * the API's DTO; the service call a valid one makes; the banner of the page after it. Journeys declare their steps
 * as these descriptors and StepForms runs them all the same way.
 */
export interface StepForm<T extends object, D extends string = string, R = unknown> {
  /** Which of the page's forms it is, so that a refused one is shown again open, with its errors. */
  key?: string;
  dto: ClassConstructor<T>;
  /** The fields, or the fields of what was submitted (交办: 主办会办 or 分办; 出席情况: one per participant). */
  spec: FormSpec | ((body: Record<string, unknown>) => FormSpec);
  save: (actor: Actor, id: number, dto: T, body: Record<string, unknown>) => Promise<R>;
  /** The banner of the page after it (`?done=`), or the banner the result calls for. */
  done?: D | ((result: R) => D);
  /** The page after it, when not the record's own page with the banner. */
  next?: (id: number, body: Record<string, unknown>, done: D | undefined, result: R) => string;
  options?: FormOptions;
}

/** A step's form as posted: who sent it, about which record, and what it held. */
export interface StepPost {
  actor: Actor;
  id: number;
  body: Record<string, unknown>;
}

/** Where a step lands: the record's page (the banner added as `?done=`), or, refused, the page showing the form again. */
export interface StepLanding {
  page: string;
  refused: (form: FormState, status: number) => Promise<void>;
}

/** The spec of what was submitted. */
export const specOf = (spec: StepForm<object>['spec'], body: Record<string, unknown>): FormSpec =>
  typeof spec === 'function' ? spec(body) : spec;

/** Runs the steps every journey declares: validate with the DTO, save through the service, then 303 or the form again. */
@Injectable()
export class StepForms {
  constructor(private readonly pages: WebPages) {}

  /** The zone `datetime-local` fields are read in. */
  get timeZone(): string {
    return this.pages.timeZone;
  }

  /** Done: 303 to the page after it, so reloading does not post again. Refused: the form again, with its errors and status. */
  async post<T extends object, D extends string, R>(
    res: Response,
    post: StepPost,
    step: StepForm<T, D, R>,
    landing: StepLanding,
  ): Promise<void> {
    const outcome = await submitForm(
      step.dto,
      specOf(step.spec, post.body),
      post.body,
      (dto) => step.save(post.actor, post.id, dto, post.body),
      { timeZone: this.pages.timeZone, ...step.options },
    );
    if (!outcome.ok) return landing.refused(outcome.form, outcome.status);
    const done = typeof step.done === 'function' ? step.done(outcome.result) : step.done;
    const after = step.next?.(post.id, post.body, done, outcome.result);
    this.pages.redirect(res, after ?? (done === undefined ? landing.page : doneHref(landing.page, done)));
  }
}
