import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listeningInodes, rssMb, servicePorts } from './memory';

describe(listeningInodes.name, () => {
  it('finds the inodes of sockets listening on the port, IPv4 and IPv6, and not of connections', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
    const header =
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
    writeFileSync(
      join(dir, 'tcp'),
      header +
        '   0: 0100007F:0C1C 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0\n' +
        '   1: 0100007F:0C1C 0100007F:9C40 01 00000000:00000000 00:00000000 00000000  1000        0 4343 1 0\n' +
        '   2: 0100007F:0C1D 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4444 1 0\n',
    );
    writeFileSync(
      join(dir, 'tcp6'),
      header +
        '   0: 00000000000000000000000001000000:0C1C 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4545 1 0\n',
    );
    expect([...listeningInodes(3100, [join(dir, 'tcp'), join(dir, 'tcp6'), join(dir, 'missing')])]).toEqual([
      '4242',
      '4545',
    ]);
  });
});

describe(rssMb.name, () => {
  it('reads VmRSS in MB, and nothing of a status without it', () => {
    expect(rssMb('Name:\tnode\nVmPeak:\t 900000 kB\nVmRSS:\t  153600 kB\nThreads: 11\n')).toBe(150);
    expect(rssMb('Name:\tzombie\n')).toBeUndefined();
  });
});

describe(servicePorts.name, () => {
  it('takes <SERVICE>_PORT as npm start does, and the gateway port from its URL', () => {
    const ports = servicePorts({ AUTH_PORT: '3101', GATEWAY_PORT: '9999' }, 'http://127.0.0.1:3100');
    expect(Object.fromEntries(ports)).toEqual({
      gateway: 3100,
      auth: 3101,
      ledger: 3002,
      voucher: 3003,
      notifications: 3004,
    });
  });
});
