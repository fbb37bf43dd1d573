import { Foundation1764100000000 } from './1764100000000-Foundation';
import { Notifications1764200000200 } from './1764200000200-Notifications';

/** Every migration, in order. A new one is added here and runs at the next start-up on both engines. */
export const MIGRATIONS = [Foundation1764100000000, Notifications1764200000200];
