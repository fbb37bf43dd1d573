import { ConfigFile } from '../config/json-config';

/** The 领导批示 settings an office may tune (`config/instructions.json`), read once at boot. */
export interface InstructionConfig {
  /** The levels a 批示's leader is recorded under (市委书记, 市长, 副市长 …), in the order forms offer them. */
  leaderLevels: string[];
  /** A 交办事项 due within this many days is 即将到期 in the unit's 待办. */
  dueSoonDays: number;
}

/** When the file leaves them out: the usual city leadership, and a week. */
export const DEFAULT_LEADER_LEVELS = ['市委书记', '市委副书记', '市长', '市人大常委会主任', '市政协主席', '副市长'];
export const DEFAULT_DUE_SOON_DAYS = 7;

/** Reads and checks the file; a bad one stops start-up (exit code 78) naming the entry. */
export function loadInstructionConfig(file = 'instructions.json'): InstructionConfig {
  const f = new ConfigFile(file);
  const raw = f.root.leaderLevels;
  const leaderLevels =
    raw === undefined
      ? DEFAULT_LEADER_LEVELS
      : f
          .list(raw, 'leaderLevels', '须为领导职务名称的列表', true)
          .map((v, i) => f.text(v, `leaderLevels[${i}]`, '须为 1–30 个字的职务名称'));
  if (leaderLevels.some((l) => [...l].length > 30)) f.fail('leaderLevels', '的职务名称最多 30 个字');
  if (new Set(leaderLevels).size !== leaderLevels.length) f.fail('leaderLevels', '有重复的职务');
  const unknown = Object.keys(f.root).filter((k) => k !== 'leaderLevels' && k !== 'dueSoonDays');
  if (unknown.length) f.fail(unknown[0], '不是可配置的项目');
  return {
    leaderLevels,
    dueSoonDays:
      f.root.dueSoonDays === undefined ? DEFAULT_DUE_SOON_DAYS : f.int(f.root.dueSoonDays, 'dueSoonDays', 1, 90),
  };
}

export const INSTRUCTION_CONFIG = Symbol('INSTRUCTION_CONFIG');
