import { Foundation1764100000000 } from './1764100000000-Foundation';
import { Proposals1764200000000 } from './1764200000000-Proposals';

/** Every migration, in order. A new one is added here and runs at the next start-up on both engines. */
export const MIGRATIONS = [Foundation1764100000000, Proposals1764200000000];
