// The fleet: every engine Switchyard knows in one graph (components/fleet-view).
import type { Metadata } from 'next';
import { FleetView } from '@/components/fleet-view';

export const metadata: Metadata = { title: 'Switchyard · fleet' };

export default function FleetPage() {
  return <FleetView />;
}
