'use client';
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import useSWRMutation from 'swr/mutation';
import { CopyValue } from '../copy-value';

/** A native modal dialog: focus stays inside, Escape closes it. */
export function Modal({ title, onClose, children, testId }: { title: string; onClose: () => void; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      onCancel={(e) => { e.preventDefault(); onClose(); }}
      aria-labelledby="modal-title"
      data-testid={testId}
      className="m-auto w-[32rem] max-w-[95vw] rounded-lg border border-slate-300 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-black/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="modal-title" className="mb-3 text-base font-semibold">{title}</h2>
      {children}
    </dialog>
  );
}

/** The equivalent docker CLI command, copyable. */
export function CliLine({ command }: { command: string }) {
  return (
    <div className="mt-3 rounded bg-slate-100 p-2 dark:bg-slate-800" data-testid="cli-equivalent">
      <p className="mb-1 text-xs text-slate-600 dark:text-slate-400">Same as:</p>
      <CopyValue value={command} />
    </div>
  );
}

export function ErrorNote({ error }: { error: { message: string; hint: string | null } | null }) {
  if (!error) return null;
  return (
    <div role="alert" className="mt-3 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" data-testid="action-error">
      <p className="font-semibold">{error.message}</p>
      {error.hint ? <p>{error.hint}</p> : null}
    </div>
  );
}

/** True in plan mode: a dialog's confirmation adds its change to the plan instead of making it. */
export const StagingContext = createContext(false);

export function Buttons({ onCancel, confirm, pending, disabled, danger, stageable = true }: { onCancel: () => void; confirm: string; pending: boolean; disabled?: boolean; danger?: boolean; stageable?: boolean }) {
  const staging = useContext(StagingContext) && stageable;
  if (staging) {
    confirm = 'Add to plan';
    danger = false;
  }
  return (
    <div className="mt-4 flex justify-end gap-2">
      <button type="button" onClick={onCancel} className="rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-600">Cancel</button>
      <button
        type="submit"
        disabled={pending || disabled}
        className={`rounded px-3 py-1 text-sm font-semibold text-white disabled:opacity-50 ${danger ? 'bg-red-600' : 'bg-blue-600'}`}
      >
        {pending ? 'Working…' : confirm}
      </button>
    </div>
  );
}

export const inputClass = 'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-950';

export type ActionError = { message: string; hint: string | null };

/**
 * A dialog's action: pending while it runs, its error in words, closed when it is done. The
 * write's state is SWR's own (useSWRMutation), kept in the dialog: it touches no cached key
 * (the topology follows by its patch: lib/hooks/use-topology's useAwaitVersion).
 */
export function useAction() {
  const { trigger, isMutating, error } = useSWRMutation<unknown, unknown, string, () => Promise<unknown>>(
    ACTION_KEY, (_key, { arg }) => arg(), { populateCache: false, revalidate: false },
  );
  const run = async (fn: () => Promise<unknown>, onDone: () => void) => {
    try {
      await trigger(fn);
    } catch {
      return; // said in `error`
    }
    onDone();
  };
  return { pending: isMutating, error: error ? actionError(error) : null, run };
}

/** Not a resource: a name for the dialogs' writes, which SWR needs (nothing is cached under it). */
const ACTION_KEY = 'switchyard:dialog-action';

function actionError(err: unknown): ActionError {
  const e = err as { message?: string; hint?: string | null };
  return { message: e.message ?? String(err), hint: e.hint ?? null };
}
