'use client';
import { useState } from 'react';

/** A value with a copy button; empty values show a dash. */
export function CopyValue({ value, mono = true }: { value: string | null | undefined; mono?: boolean }) {
  const [copied, setCopied] = useState(false);
  if (value === null || value === undefined || value === '') return <span className="text-slate-500 dark:text-slate-400">—</span>;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1200);
    } catch {
      setCopied(false);
    }
  };
  return (
    <span className="group inline-flex items-center gap-1">
      <span className={mono ? 'font-mono text-xs break-all' : ''}>{value}</span>
      <button
        type="button"
        onClick={copy}
        className="rounded px-1 text-[10px] text-slate-600 dark:text-slate-400 hover:bg-slate-200 dark:hover:bg-slate-700"
        aria-label={`Copy ${value}`}
      >
        {copied ? 'copied' : 'copy'}
      </button>
    </span>
  );
}
