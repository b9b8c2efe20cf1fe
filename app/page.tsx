// The dashboard. Rendered per request so its HTML already holds the graph's first view, drawn
// from the server's store (no engine request): nodes are on screen before any script runs.
import { cookies } from 'next/headers';
import { Dashboard } from '@/components/dashboard';
import { earlyTopology, inlineScript } from '@/lib/first-view/bootstrap';
import { aspectFrom, ASPECT_COOKIE, firstView } from '@/lib/first-view/server';
import { parseView, DEFAULT_VIEW } from '@/lib/graph/view-state';
import { REQUEST_TIMEOUT_MS } from '@/lib/hooks/fetcher';
import { EARLY_TOPOLOGY, TOPOLOGY_KEY } from '@/lib/hooks/topology-key';
import { ENGINE_NAME } from '@/lib/engines/contexts';

export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;

/** Only the view the page opens with by default (a selection aside) is drawn ahead. */
function isDefaultView(search: Search): boolean {
  const params = new URLSearchParams(Object.entries(search).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));
  const view = { ...parseView(params), sel: null, engine: null };
  return Object.entries(DEFAULT_VIEW).every(([k, v]) => view[k as keyof typeof view] === v);
}

export default async function Page({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const aspect = aspectFrom((await cookies()).get(ASPECT_COOKIE)?.value);
  // Only a name an engine can have is written into the page's script; any other is the API's 404 to tell.
  const engine = typeof search.engine === 'string' && ENGINE_NAME.test(search.engine) ? search.engine : null;
  const preview = isDefaultView(search) ? await firstView(aspect, engine) : null;
  // The topology is asked for as the HTML is parsed, not after the page's scripts have loaded
  // and run (about a second here): lib/hooks/use-topology takes this answer for its first fetch.
  const url = `${TOPOLOGY_KEY}?encoding=gzip${engine ? `&engine=${encodeURIComponent(engine)}` : ''}`;
  return (
    <>
      <script dangerouslySetInnerHTML={{ __html: inlineScript(earlyTopology, EARLY_TOPOLOGY, url, REQUEST_TIMEOUT_MS) }} />
      <Dashboard preview={preview} />
    </>
  );
}
