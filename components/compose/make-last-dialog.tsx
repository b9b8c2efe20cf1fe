'use client';
/**
 * "Make it last": the diff that writes what a compose container runs with into its service's
 * compose file, read before anything is written, then applied on confirmation. The server
 * refuses if the file or the container changed since the diff was read (a 409 shown here);
 * the write is logged and undoable in the activity timeline.
 */
import { useState } from 'react';
import useSWR, { useSWRConfig } from 'swr';
import { FetchError, fetchJson, requestJson } from '@/lib/hooks/fetcher';
import type { z } from 'zod';
import type { writeBackAnswer, writeBackProposalSchema } from '@/lib/schemas/compose';
import { Buttons, ErrorNote, Modal } from '../rewire/modal';

type Proposal = z.infer<typeof writeBackProposalSchema>;
type Written = z.infer<typeof writeBackAnswer>;

const LINE = (l: string) => (l.startsWith('+++') || l.startsWith('---') ? 'text-slate-600 dark:text-slate-400'
  : l.startsWith('+') ? 'bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100'
    : l.startsWith('-') ? 'bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-100'
      : l.startsWith('@@') ? 'text-sky-800 dark:text-sky-300' : '');

export function DiffView({ diff }: { diff: string }) {
  const lines = diff.replace(/\n$/, '').split('\n').filter((l) => !l.startsWith('====') && !l.startsWith('Index: '));
  return (
    <pre tabIndex={0} className="max-h-[50vh] overflow-auto rounded border border-slate-200 bg-slate-50 text-xs dark:border-slate-700 dark:bg-slate-950" data-testid="write-back-diff" aria-label="The change to the file, as a unified diff">
      {lines.map((l, i) => <div key={i} className={`px-2 ${LINE(l)}`}>{l || ' '}</div>)}
    </pre>
  );
}

const errorOf = (e: unknown) => (e instanceof FetchError ? { message: e.message, hint: e.hint } : e ? { message: (e as Error).message, hint: null } : null);

export function MakeLastDialog({ containerId, name, canWrite, onClose }: { containerId: string; name: string; canWrite: boolean; onClose: () => void }) {
  const url = `/api/compose/write-back?container=${encodeURIComponent(containerId)}`;
  const { data, error, isLoading } = useSWR<Proposal>([url, 'write-back'], ([u]: [string]) => fetchJson<Proposal>(u), { revalidateOnFocus: false });
  const { mutate } = useSWRConfig();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const [written, setWritten] = useState<Written | null>(null);

  const submit = async () => {
    if (!data) return;
    setPending(true);
    setFailed(null);
    try {
      const r = await requestJson<Written>('/api/compose/write-back', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ container: containerId, base: data.base, result: data.result }) });
      setWritten(r);
      // Drift and the timeline are read again: the file says it now.
      void mutate((key) => Array.isArray(key) && typeof key[0] === 'string' && (key[0].startsWith('/api/compose/') || key[0].startsWith('/api/activity')));
    } catch (e) {
      setFailed(e);
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal title={`Make ${name}'s networks last`} onClose={onClose} testId="make-last-dialog">
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); if (written) onClose(); else void submit(); }} className="text-sm">
        {isLoading ? <p aria-busy="true">Reading its compose file…</p> : null}
        <ErrorNote error={errorOf(error)} />
        {data && !written ? (
          <>
            <p>{data.changes
              ? <>Written into <span className="font-mono">{data.file}</span>, so that <code>docker compose up</code> keeps what {name} runs with. Only these lines change; a backup is kept beside the file, and the change can be undone from the activity timeline.</>
              : <><span className="font-mono">{data.file}</span> already says what {name} runs with: there is nothing to write.</>}</p>
            {data.changes ? <div className="mt-2"><DiffView diff={data.diff} /></div> : null}
            {!canWrite && data.changes ? <p className="mt-2 text-slate-600 dark:text-slate-400">This Switchyard is read-only: apply the diff by hand.</p> : null}
          </>
        ) : null}
        {written ? (
          <div role="status" className="mt-2 rounded bg-emerald-50 p-2 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100" data-testid="write-back-done">
            <p className="font-semibold">Written into {written.proposal.file}.</p>
            <p>The file as it was is kept in <span className="font-mono">{written.backup}</span>; {written.check}.</p>
          </div>
        ) : null}
        <ErrorNote error={errorOf(failed)} />
        {written
          ? <div className="mt-4 flex justify-end"><button type="submit" className="rounded bg-blue-600 px-3 py-1 text-sm font-semibold text-white">Close</button></div>
          : <Buttons onCancel={onClose} confirm={data ? `Write to ${data.file.split('/').pop()}` : 'Write'} pending={pending} disabled={!data || !data.changes || !canWrite} />}
      </form>
    </Modal>
  );
}
