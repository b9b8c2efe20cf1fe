/**
 * A real compose project for tests: its files in a directory of its own, run with a compose
 * program (Debian's docker-compose 1.29 unless told; CI installs it). Every service and network
 * should carry TEST_LABEL so removeTestObjects() finds what `down` leaves.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ComposeProgram {
  /** How to run it: ['docker-compose'] or ['docker', 'compose']. */
  argv: string[];
  /** Its major version (container names: project_service_1 before 2, project-service-1 from 2). */
  major: number;
}

export const DOCKER_COMPOSE_1: ComposeProgram = { argv: ['docker-compose'], major: 1 };

export class ComposeProject {
  readonly dir: string;

  constructor(readonly name: string, readonly files: Record<string, string>, readonly program: ComposeProgram = DOCKER_COMPOSE_1) {
    this.dir = mkdtempSync(join(tmpdir(), `switchyard-${name}-`));
    for (const [f, text] of Object.entries(files)) writeFileSync(join(this.dir, f), text);
  }

  /** `-p NAME -f FILE...`: the compose files in the order given (`.env` and other dot files are not compose files). */
  private get project(): string[] {
    return ['-p', this.name, ...Object.keys(this.files).filter((f) => !f.startsWith('.')).flatMap((f) => ['-f', join(this.dir, f)])];
  }

  run(...args: string[]): string {
    return execFileSync(this.program.argv[0]!, [...this.program.argv.slice(1), ...this.project, ...args], { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  }

  /** The same, for a command expected to fail: its status and output. */
  attempt(...args: string[]): SpawnSyncReturns<string> {
    return spawnSync(this.program.argv[0]!, [...this.program.argv.slice(1), ...this.project, ...args], { cwd: this.dir, encoding: 'utf8', timeout: 120_000 });
  }

  /** The container compose names for a service's first replica. */
  container(service: string): string {
    return this.program.major >= 2 ? `${this.name}-${service}-1` : `${this.name}_${service}_1`;
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  /** `down` (containers and the project's networks) and the directory removed. */
  remove(): void {
    this.attempt('down', '-t', '0');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
