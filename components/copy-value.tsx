'use client';
import { useState, type ReactNode } from 'react';

/**
 * A value with a copy button; empty values show a dash. `display` shows something else in its
 * place (a block of YAML as it reads), and `label` names it for the button.
 */
export function CopyValue({ value, mono = true, display, label }: { value: string | null | undefined; mono?: boolean; display?: ReactNode; label?: string }) {
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
    <span className={display ? 'group flex items-start gap-1' : 'group inline-flex items-center gap-1'}>
      {display ?? <span className={mono ? 'font-mono text-xs break-all' : ''}>{value}</span>}
      <button
        type="button"
        onClick={copy}
        className="rounded px-1 text-[10px] text-slate-600 dark:text-slate-400 hover:bg-slate-200 dark:hover:bg-slate-700"
        aria-label={`Copy ${label ?? value}`}
      >
        {copied ? 'copied' : 'copy'}
      </button>
    </span>
  );
}
