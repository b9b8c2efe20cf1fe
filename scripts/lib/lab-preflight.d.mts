/** Types for lab-preflight.mjs. */
export interface Cidr { base: number; bits: number }
export const LAB_LABEL: string;
export function parseCidr(text: string): Cidr | null;
export function formatIp(n: number): string;
export function formatCidr(c: Cidr): string;
export function overlaps(a: Cidr, b: Cidr): boolean;
export function addressAt(cidr: string | Cidr, offset: number): string;
export function searchSpace(wanted: Cidr): Cidr;
export interface Taken { cidr: string; holder: string }
export interface Planned { network: string; wanted: string; subnet: string | null; heldBy?: string }
export function planSubnets(
  wanted: { network: string; subnet: string }[],
  taken: Taken[],
  options?: { exact?: boolean; avoid?: { cidr: string; why: string }[] },
): { plan: Planned[]; problems: string[] };
export function takenSubnets(networks: unknown[], routes: unknown[]): Taken[];
export function parseProcRoute(text: string): { dst: string; dev: string; gateway?: string }[];
export interface Listener { address: string; port: number; process?: string; pid?: number }
export function parseSs(text: string): Listener[];
export interface Published { address: string; port: number; container: string; lab: boolean }
export function publishedPorts(containers: unknown[]): Published[];
export function heldPorts(
  wanted: { address: string; port: number }[],
  listeners: Listener[],
  published: Published[],
): { address: string; port: number; holder: string }[];
export function rangesInUse(avoid: { cidr: string; why: string }[], networks: unknown[]): string[];
export function nameClashes(wantedNetworks: string[], wantedContainers: string[], networks: unknown[], containers: { name: string; lab: boolean }[]): string[];
export function parsePsNames(text: string): { name: string; lab: boolean }[];
