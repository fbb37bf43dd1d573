import { Foundation1764100000000 } from './1764100000000-Foundation';
import { TextIndex1764200000100 } from './1764200000100-TextIndex';

/** Every migration, in order. A new one is added here and runs at the next start-up on both engines. */
export const MIGRATIONS = [Foundation1764100000000, TextIndex1764200000100];
