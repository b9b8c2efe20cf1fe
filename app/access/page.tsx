// Tokens and sign-ins: an admin makes and revokes API tokens and reads the access log.
import type { Metadata } from 'next';
import { AccessView } from '@/components/access/access-view';

export const metadata: Metadata = { title: 'Switchyard · tokens and sign-ins' };

export default function AccessPage() {
  return <AccessView />;
}
