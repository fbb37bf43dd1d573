import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEMPLATES_DIR } from '../../config/paths';
import { TOPIC_DONE } from './views';

const keysIn = (partial: string): string[] =>
  [...fs.readFileSync(path.join(TEMPLATES_DIR, 'partials', partial), 'utf8').matchAll(/\(eq done "([^"]+)"\)/g)].map(
    (m) => m[1],
  );

describe("the topic pages' banners", () => {
  it('have one message for each key the code may send, and none for a key it never sends', () => {
    expect(keysIn('topics/done.hbs').sort()).toEqual([...TOPIC_DONE].sort());
  });
});
