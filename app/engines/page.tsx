// The engines overview: every engine Switchyard knows, with its health, version, counts and swarm role.
import type { Metadata } from 'next';
import { EnginesOverview } from '@/components/engines-overview';

export const metadata: Metadata = { title: 'Switchyard · engines' };

export default function EnginesPage() {
  return <EnginesOverview />;
}
