import { commenterKey } from './draft-comments-address';

describe('commenterKey', () => {
  it('counts IPv4 as it is, also written as IPv4-mapped IPv6', () => {
    expect(commenterKey('203.0.113.7')).toBe('203.0.113.7');
    expect(commenterKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(commenterKey('::FFFF:127.0.0.1')).toBe('127.0.0.1');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    const key = '2001:db8:1234:5678::/64';
    expect(commenterKey('2001:db8:1234:5678::1')).toBe(key);
    expect(commenterKey('2001:0db8:1234:5678:ffff:eeee:dddd:cccc')).toBe(key);
    expect(commenterKey('2001:DB8:1234:5678:0:0:0:abcd')).toBe(key);
    expect(commenterKey('2001:db8:1234:5679::1')).not.toBe(key);
    expect(commenterKey('::1')).toBe('0:0:0:0::/64');
    expect(commenterKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(commenterKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('keeps anything else as it is', () => {
    expect(commenterKey('unknown')).toBe('unknown');
  });
});
