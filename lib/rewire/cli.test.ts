import { describe, expect, it } from 'vitest';
import { connectCommand, createCommand, disconnectCommand, removeCommand } from './cli';

describe('CLI equivalents', () => {
  it('matches what the docker CLI takes', () => {
    expect(connectCommand('mynet', 'app', { aliases: ['db'], ipv4: '10.0.0.9' })).toBe('docker network connect --alias db --ip 10.0.0.9 mynet app');
    expect(connectCommand('mynet', 'app', {})).toBe('docker network connect mynet app');
    expect(disconnectCommand('mynet', 'app', true)).toBe('docker network disconnect --force mynet app');
    expect(createCommand({ name: 'n', subnet: '10.1.0.0/24', gateway: '10.1.0.1', internal: true, labels: { team: 'a b' } }))
      .toBe("docker network create --driver bridge --subnet 10.1.0.0/24 --gateway 10.1.0.1 --internal --label 'team=a b' n");
    expect(removeCommand('n')).toBe('docker network rm n');
  });
});
