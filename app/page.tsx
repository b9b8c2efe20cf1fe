import { Suspense } from 'react';
import { Dashboard } from '@/components/dashboard';

export default function Page() {
  // The view lives in the query string (useSearchParams), read on the client.
  return (
    <Suspense fallback={<p className="p-4 text-sm text-slate-500">Loading Switchyard…</p>}>
      <Dashboard />
    </Suspense>
  );
}
