import { Injectable } from '@nestjs/common';

/** The time source of the domain code; tests replace it to move time. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
