'use client';
import { useEffect, useState } from 'react';

/** The current time, renewed every `everyMs` (for "Up 3 minutes" that keeps counting). */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
