'use client';
import { useSyncExternalStore } from 'react';

const query = '(prefers-color-scheme: dark)';

/** The user's colour scheme, following the system setting live. */
export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(
    (cb) => {
      const m = window.matchMedia(query);
      m.addEventListener('change', cb);
      return () => m.removeEventListener('change', cb);
    },
    () => (window.matchMedia(query).matches ? 'dark' : 'light'),
    () => 'light',
  );
}
