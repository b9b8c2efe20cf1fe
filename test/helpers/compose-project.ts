/**
 * A real compose project for tests: its files in a directory of its own, run with Debian's
 * docker-compose (1.29; CI installs it). Every service and network should carry TEST_LABEL so
 * removeTestObjects() finds what `down` leaves.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class ComposeProject {
  readonly dir: string;

  constructor(readonly name: string, readonly files: Record<string, string>) {
    this.dir = mkdtempSync(join(tmpdir(), `switchyard-${name}-`));
    for (const [f, text] of Object.entries(files)) writeFileSync(join(this.dir, f), text);
  }

  /** The compose files, in the order given (`.env` and other dot files are not compose files). */
  private get composeFiles(): string[] {
    return Object.keys(this.files).filter((f) => !f.startsWith('.'));
  }

  run(...args: string[]): string {
    return execFileSync('docker-compose', ['-p', this.name, ...this.composeFiles.flatMap((f) => ['-f', join(this.dir, f)]), ...args], { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  }

  /** The container compose 1.29 names for a service's first replica. */
  container(service: string): string {
    return `${this.name}_${service}_1`;
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  /** `down` (containers and the project's networks) and the directory removed. */
  remove(): void {
    spawnSync('docker-compose', ['-p', this.name, ...this.composeFiles.flatMap((f) => ['-f', join(this.dir, f)]), 'down', '-t', '0'], { cwd: this.dir, encoding: 'utf8' });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
