'use client';
/**
 * The address plan (GET /api/addresses): for the "New network" dialog, a subnet that clashes
 * with nothing, and what a typed subnet would clash with (asked only for a well-formed CIDR).
 */
import useSWR from 'swr';
import type { z } from 'zod';
import { isCidr } from '@/lib/net/cidr';
import type { addressesAnswer } from '@/lib/schemas/addresses';
import { fetchJson } from './fetcher';

export type AddressesAnswer = z.infer<typeof addressesAnswer>;

export function useAddressCheck(subnet: string) {
  const s = subnet.trim();
  const key = `/api/addresses${s && isCidr(s) ? `?subnet=${encodeURIComponent(s)}` : ''}`;
  return useSWR<AddressesAnswer>(key, fetchJson, { keepPreviousData: true, revalidateOnFocus: false });
}
