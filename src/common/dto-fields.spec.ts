import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { IdRule } from './dto-fields';

class Picked {
  @IdRule('站点')
  stopId!: unknown;
}

/** As the validation pipe reports them: each message once. */
const messages = async (stopId: unknown) => [
  ...new Set((await validate(plainToInstance(Picked, { stopId }))).flatMap((e) => Object.values(e.constraints ?? {}))),
];

describe('IdRule', () => {
  it('asks for a choice when none was made (a blank drop-down), and names a wrong id otherwise', async () => {
    for (const blank of [undefined, null, '']) expect(await messages(blank)).toEqual(['请选择站点']);
    expect(await messages('abc')).toEqual(['站点编号须为整数']);
    expect(await messages(0)).toEqual(['站点编号无效']);
    expect(await messages(1.5)).toEqual(['站点编号须为整数']);
    expect(await messages(3)).toEqual([]);
  });
});
