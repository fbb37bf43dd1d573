import { isApiPath } from './api-path';

describe('isApiPath', () => {
  it('is true for the API prefix in any spelling, false for pages and look-alikes', () => {
    for (const p of ['/api', '/api/v1/users', '/API/v1/users', '/aPi/', '/Api/V1'])
      expect([p, isApiPath(p)]).toEqual([p, true]);
    for (const p of ['/', '/apis', '/apiary/x', '/proposals', '/health', '/x/api/v1'])
      expect([p, isApiPath(p)]).toEqual([p, false]);
  });
});
