'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseView, serializeView, type ViewState } from '@/lib/graph/view-state';

/** The view lives in the URL (shareable, survives reload); updates replace history entries. */
export function useViewState(): [ViewState, (patch: Partial<ViewState>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const view = useMemo(() => parseView(new URLSearchParams(params.toString())), [params]);
  const update = useCallback((patch: Partial<ViewState>) => {
    const next = serializeView({ ...parseView(new URLSearchParams(window.location.search)), ...patch });
    router.replace(`${pathname}${next}`, { scroll: false });
  }, [router, pathname]);
  return [view, update];
}
